/**
 * CIS benchmark scans with kube-bench: which benchmark fits a Kubernetes version, and reading kube-bench's
 * JSON output in both of the shapes it writes.
 */
package dev.palette.sdk.core.scan;
