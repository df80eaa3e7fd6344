/**
 * Exceptions of the SDK, all rooted at {@link dev.palette.sdk.api.error.PaletteException}, which says
 * whether retrying the same call may succeed.
 */
package dev.palette.sdk.api.error;
