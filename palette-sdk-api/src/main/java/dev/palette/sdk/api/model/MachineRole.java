package dev.palette.sdk.api.model;

/** What a machine does in its cluster. */
public enum MachineRole {
    /** Runs the API server, controller manager, scheduler and an etcd member. */
    CONTROL_PLANE,
    /** Runs workloads. */
    WORKER
}
