/** The Azure provider's internals: ARM calls, tags, names, error mapping, rate limit and retries. Not API. */
package dev.palette.sdk.provider.azure.internal;
