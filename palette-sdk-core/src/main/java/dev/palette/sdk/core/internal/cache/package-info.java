/**
 * Bounded caches (internal).
 */
package dev.palette.sdk.core.internal.cache;
