/**
 * Internals of the fabric8 workload-cluster access: client cache, blocking calls on a bounded executor,
 * error mapping, node mapping and edits, drain. Not API: may change in any release.
 */
package dev.palette.sdk.kubernetes.internal;
