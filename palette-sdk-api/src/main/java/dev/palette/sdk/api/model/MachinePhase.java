package dev.palette.sdk.api.model;

/** Where a machine is in its life, as the engine sees it. */
public enum MachinePhase {
    /** Requested from the cloud; not running yet. */
    PROVISIONING,
    /** Running in the cloud; its node has not turned Ready yet. */
    BOOTING,
    /** Running and its node is Ready. */
    RUNNING,
    /** Being cordoned, drained and deleted. */
    DELETING,
    /** The cloud reported it failed. */
    FAILED
}
