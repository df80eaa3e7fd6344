/**
 * Persistence SPIs a host supplies: {@link dev.palette.sdk.api.store.ClusterStore} for clusters
 * (with compare-and-set) and {@link dev.palette.sdk.api.store.SecretStore} for kubeconfigs, keys and
 * credentials. The core module ships in-memory implementations; {@code palette-sdk-jdbc} ships JDBC ones.
 */
package dev.palette.sdk.api.store;
