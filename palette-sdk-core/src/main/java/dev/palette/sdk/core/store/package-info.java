/**
 * In-memory implementations of the store SPIs: the engine's defaults, and the reference for the store
 * contract that every host store passes.
 */
package dev.palette.sdk.core.store;
