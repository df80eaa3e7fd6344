package dev.palette.sdk.api.provider;

/** The state of a machine as its cloud reports it. */
public enum MachineState {
    /** Accepted, not running yet. */
    PENDING,
    /** Running (the OS may still be booting). */
    RUNNING,
    /** Being stopped or terminated. */
    STOPPING,
    /** Gone, or about to be. */
    TERMINATED,
    /** The cloud gave up on it. */
    FAILED
}
