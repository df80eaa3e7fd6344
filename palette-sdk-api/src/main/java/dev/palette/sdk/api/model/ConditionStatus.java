package dev.palette.sdk.api.model;

/** The status of a condition, as in Kubernetes. */
public enum ConditionStatus {
    /** The milestone is reached. */
    TRUE,
    /** The milestone is not reached; the reason and message say why (a failure, or work in progress). */
    FALSE,
    /** Not known yet. */
    UNKNOWN
}
