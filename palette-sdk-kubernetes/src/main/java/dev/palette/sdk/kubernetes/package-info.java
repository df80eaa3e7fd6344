/**
 * The engine's {@link dev.palette.sdk.api.workload.WorkloadClusterAccess} on the fabric8 Kubernetes
 * client: one client per workload cluster, built from the admin kubeconfig the engine keeps in the
 * secret store. Hand a {@link dev.palette.sdk.kubernetes.Fabric8WorkloadClusterAccess} to
 * {@code PaletteEngine.builder().workloadAccess(..)} together with the same secret store.
 */
package dev.palette.sdk.kubernetes;
