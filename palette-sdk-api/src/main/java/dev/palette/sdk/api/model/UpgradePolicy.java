package dev.palette.sdk.api.model;

import java.time.Duration;
import java.util.Objects;

/**
 * How machines are replaced when their template changes.
 *
 * @param maxSurge how many machines above the desired count may exist during a rollout (default 1)
 * @param maxUnavailable how many machines below the desired count may be missing (default 0)
 * @param paused whether rolling replacement is paused: outdated machines stay (and keep their reasons)
 *     until it is resumed; scaling and health remediation go on
 * @param renewCertificatesBefore machines whose node certificates (valid one year from the machine's
 *     creation, as kubeadm issues them) expire within this time are replaced (default 30 days)
 */
public record UpgradePolicy(int maxSurge, int maxUnavailable, boolean paused, Duration renewCertificatesBefore) {
    /** One extra machine at a time, none unavailable, not paused, certificates renewed 30 days ahead. */
    public static final UpgradePolicy DEFAULT = new UpgradePolicy(1, 0, false, Duration.ofDays(30));

    /**
     * Validates the components.
     *
     * @param maxSurge the surge
     * @param maxUnavailable the unavailability
     * @param paused whether paused
     * @param renewCertificatesBefore the renewal margin
     */
    public UpgradePolicy {
        Objects.requireNonNull(renewCertificatesBefore, "renewCertificatesBefore");
    }

    /**
     * A policy with a surge and unavailability, otherwise the defaults.
     *
     * @param maxSurge the surge
     * @param maxUnavailable the unavailability
     * @return the policy
     */
    public static UpgradePolicy of(int maxSurge, int maxUnavailable) {
        return new UpgradePolicy(maxSurge, maxUnavailable, false, DEFAULT.renewCertificatesBefore());
    }

    /**
     * A copy paused or resumed.
     *
     * @param pause whether to pause
     * @return the copy
     */
    public UpgradePolicy withPaused(boolean pause) {
        return new UpgradePolicy(maxSurge, maxUnavailable, pause, renewCertificatesBefore);
    }
}
