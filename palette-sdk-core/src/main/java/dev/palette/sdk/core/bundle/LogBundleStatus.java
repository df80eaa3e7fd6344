package dev.palette.sdk.core.bundle;

/** Where a log bundle is in its life. */
public enum LogBundleStatus {
    /** Asked for; collection has not started. */
    REQUESTED,
    /** Logs and objects are being read. */
    COLLECTING,
    /** The zip file is written. */
    READY,
    /** Nothing could be collected (the cluster's API server did not answer, or the file could not be written). */
    FAILED
}
