package dev.palette.sdk.api.model;

import dev.palette.sdk.api.internal.Immutable;
import java.util.List;
import java.util.Objects;

/**
 * One machine action of a change preview.
 *
 * @param step the rollout step it belongs to (actions of one step happen together; steps happen in order)
 * @param kind what happens
 * @param pool the pool
 * @param machine the machine's name; for a new machine, {@code new-<pool>-<n>}
 * @param reasons why (for a replacement: what differs; for a create or delete: the count change)
 */
public record PlannedAction(int step, Kind kind, String pool, String machine, List<String> reasons) {
    /** What happens to a machine. */
    public enum Kind {
        /** A new machine is created. */
        CREATE,
        /** An existing machine is replaced by a new one (its replacement appears as a CREATE). */
        REPLACE,
        /** An existing machine is removed without replacement (scale-down, removed pool). */
        DELETE,
        /** An existing machine's node is changed in place (labels, taints); nothing is replaced. */
        UPDATE
    }

    /**
     * Validates and copies the components.
     *
     * @param step the step
     * @param kind the kind
     * @param pool the pool
     * @param machine the machine
     * @param reasons the reasons, may be {@code null}
     */
    public PlannedAction {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(pool, "pool");
        Objects.requireNonNull(machine, "machine");
        reasons = Immutable.list(reasons);
    }

    /**
     * One line for humans: {@code 2. REPLACE workers-x7k2p (instance type m5.large → m5.xlarge)}.
     *
     * @return the line
     */
    public String summary() {
        return step + ". " + kind + " " + machine + (reasons.isEmpty() ? "" : " (" + String.join("; ", reasons) + ")");
    }
}
