/**
 * Collecting, redacting and zipping log bundles (internal).
 */
package dev.palette.sdk.core.internal.bundle;
