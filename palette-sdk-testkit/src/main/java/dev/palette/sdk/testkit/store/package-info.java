/**
 * The contracts of the store SPIs, as JUnit 5 suites a host's own store extends:
 * {@link dev.palette.sdk.testkit.store.ClusterStoreContractTest} and
 * {@link dev.palette.sdk.testkit.store.SecretStoreContractTest}.
 */
package dev.palette.sdk.testkit.store;
