package dev.palette.sdk.api.scan;

/** The outcome of one benchmark check, as kube-bench reports it. */
public enum CheckStatus {
    /** The check passed. */
    PASS,
    /** The check failed: the node does not meet it. */
    FAIL,
    /** The check needs a manual look (kube-bench could not decide, or the check is manual). */
    WARN,
    /** For information only. */
    INFO
}
