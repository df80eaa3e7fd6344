/**
 * CIS benchmark scans of workload clusters (kube-bench): per-check results and totals per node type.
 */
package dev.palette.sdk.api.scan;
