package dev.palette.sdk.api.model;

/** Where a cluster is in its life, summarizing its conditions. */
public enum ClusterPhase {
    /** Accepted and stored; the engine has not acted yet. */
    PENDING,
    /** Being created: infrastructure, image, control plane, workers, add-ons. */
    PROVISIONING,
    /** Every condition is true and every machine matches the spec. */
    RUNNING,
    /** Running, and changing to match a new spec (scaling, rolling upgrade, remediation). */
    UPDATING,
    /** Deletion requested; cloud resources are being removed. */
    DELETING,
    /** Every cloud resource is gone; the record is about to disappear from the store. */
    DELETED
}
