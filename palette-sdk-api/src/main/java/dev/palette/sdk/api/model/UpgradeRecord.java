package dev.palette.sdk.api.model;

import dev.palette.sdk.api.internal.Immutable;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One entry of a cluster's "upgrade details": a machine that was replaced, when, and why.
 *
 * @param time when the replacement started
 * @param machine the machine being replaced
 * @param replacement the machine replacing it; empty for a removal
 * @param reasons why, e.g. {@code instance type m5.large → m5.xlarge}
 */
public record UpgradeRecord(Instant time, String machine, String replacement, List<String> reasons) {
    /**
     * Validates and copies the components.
     *
     * @param time the time
     * @param machine the replaced machine
     * @param replacement the new machine, may be {@code null}
     * @param reasons the reasons
     */
    public UpgradeRecord {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(machine, "machine");
        replacement = replacement == null ? "" : replacement;
        reasons = Immutable.list(reasons);
    }
}
