/**
 * Cluster bootstrap: the PKI of a cluster (certificate authorities, API server and admin certificates,
 * service-account keys, with BouncyCastle), bootstrap tokens, and the cloud-init user data that runs
 * {@code kubeadm init} / {@code kubeadm join} with the Kubernetes pack's CIS hardening.
 */
package dev.palette.sdk.core.bootstrap;
