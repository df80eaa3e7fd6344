package dev.palette.sdk.api.model;

/**
 * How a rolling upgrade of worker pools proceeds.
 *
 * @param maxSurge how many machines above the desired count may exist during a rollout (default 1)
 * @param maxUnavailable how many machines below the desired count may be missing (default 0)
 */
public record UpgradePolicy(int maxSurge, int maxUnavailable) {
    /** One extra machine at a time, none unavailable. */
    public static final UpgradePolicy DEFAULT = new UpgradePolicy(1, 0);
}
