package dev.palette.sdk.core.internal.reconcile;

import dev.palette.sdk.api.model.Condition;
import dev.palette.sdk.api.model.ConditionStatus;
import dev.palette.sdk.api.model.ConditionTypes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Edits a cluster's condition list: keeps the transition time when the status does not change, counts
 * consecutive failed attempts, and keeps conditions in {@link ConditionTypes} order.
 */
final class Conditions {
    private static final List<String> ORDER = List.of(ConditionTypes.INFRASTRUCTURE_READY, ConditionTypes.IMAGE_READY,
            ConditionTypes.CONTROL_PLANE_READY, ConditionTypes.WORKERS_READY, ConditionTypes.ADDONS_READY,
            ConditionTypes.HEALTHY, ConditionTypes.UPGRADING, ConditionTypes.REMEDIATING, ConditionTypes.DELETING);

    private final List<Condition> list;
    private final Instant now;

    Conditions(List<Condition> current, Instant now) {
        this.list = new ArrayList<>(current);
        this.now = now;
    }

    Optional<Condition> get(String type) {
        return list.stream().filter(c -> c.type().equals(type)).findFirst();
    }

    boolean isTrue(String type) {
        return get(type).map(Condition::isTrue).orElse(false);
    }

    /** Sets a condition as progressing or reached: the failure count resets. */
    void set(String type, ConditionStatus status, String reason, String message) {
        put(type, status, reason, message, 0);
    }

    /** Marks a step failed: FALSE with the error, one more attempt. */
    void fail(String type, String reason, String message) {
        int attempts = get(type).map(Condition::attempts).orElse(0) + 1;
        put(type, ConditionStatus.FALSE, reason, message, attempts);
    }

    private void put(String type, ConditionStatus status, String reason, String message, int attempts) {
        Optional<Condition> old = get(type);
        Instant since = old.filter(c -> c.status() == status).map(Condition::lastTransitionTime).orElse(now);
        Condition c = new Condition(type, status, reason, message, since, attempts);
        list.removeIf(x -> x.type().equals(type));
        list.add(c);
        list.sort(Comparator.comparingInt(x -> {
            int i = ORDER.indexOf(x.type());
            return i < 0 ? ORDER.size() : i;
        }));
    }

    void remove(String type) {
        list.removeIf(x -> x.type().equals(type));
    }

    List<Condition> toList() {
        return List.copyOf(list);
    }
}
