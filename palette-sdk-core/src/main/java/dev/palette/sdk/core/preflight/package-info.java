/**
 * Proxy preflight: before a host installs anything, check that every domain the platform needs
 * ({@link dev.palette.sdk.core.preflight.RequiredDomains}) can be reached on its port, through the
 * site's HTTP(S) proxy with {@code CONNECT} or directly
 * ({@link dev.palette.sdk.core.preflight.ProxyPreflight}), and name what is in the way for each
 * ({@link dev.palette.sdk.core.preflight.PreflightReport}, {@link dev.palette.sdk.core.preflight.DomainCheck}).
 */
package dev.palette.sdk.core.preflight;
