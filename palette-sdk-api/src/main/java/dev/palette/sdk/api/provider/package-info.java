/**
 * The cloud provider SPI: a thin, asynchronous adapter a provider plug-in implements
 * ({@link dev.palette.sdk.api.provider.CloudProvider}), found with {@link java.util.ServiceLoader}.
 *
 * <p>The engine around it does naming, ordering, retries, backoff, conditions and events; a provider
 * only makes cloud calls. Every call is idempotent: resources carry the tags of
 * {@link dev.palette.sdk.api.provider.ResourceTags}, so a retry, or a new engine after a crash, finds
 * what an earlier attempt made instead of making a second one.
 */
package dev.palette.sdk.api.provider;
