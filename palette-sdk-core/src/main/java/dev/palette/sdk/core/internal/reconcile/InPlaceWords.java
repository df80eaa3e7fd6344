package dev.palette.sdk.core.internal.reconcile;

import dev.palette.sdk.api.model.Taint;
import dev.palette.sdk.api.workload.NodeUpdate;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/** Words an in-place node update for events and previews: {@code label tier=gold; taint dedicated=gpu:NoSchedule removed}. */
final class InPlaceWords {
    private InPlaceWords() {
    }

    static String describe(NodeUpdate u) {
        List<String> parts = new ArrayList<>();
        u.labels().forEach((k, v) -> parts.add("label " + k + "=" + v));
        new TreeSet<>(u.removedLabels()).forEach(k -> parts.add("label " + k + " removed"));
        u.taints().forEach(t -> parts.add("taint " + taint(t)));
        u.removedTaints().forEach(t -> parts.add("taint " + taint(t) + " removed"));
        return String.join("; ", parts);
    }

    private static String taint(Taint t) {
        return t.key() + (t.value().isEmpty() ? "" : "=" + t.value()) + ":" + t.effect();
    }
}
