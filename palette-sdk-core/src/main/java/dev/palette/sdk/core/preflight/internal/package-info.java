/** Internals of the proxy preflight: validation rules and the socket probe. Not part of the API. */
package dev.palette.sdk.core.preflight.internal;
