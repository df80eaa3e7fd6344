package dev.palette.sdk.kubernetes.internal;

import dev.palette.sdk.api.workload.NodeUpdate;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeSpec;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Taint;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Edits of a node object in memory: each returns whether it changed anything, so an edit already in
 * place costs no write. Only what the edit names is touched; other controllers' labels and taints stay.
 */
public final class NodeEdits {
    private NodeEdits() {
    }

    /**
     * Marks a node unschedulable.
     *
     * @param node the node, changed in place
     * @return whether it changed
     */
    public static boolean cordon(Node node) {
        NodeSpec spec = spec(node);
        if (Boolean.TRUE.equals(spec.getUnschedulable())) {
            return false;
        }
        spec.setUnschedulable(true);
        return true;
    }

    /**
     * Applies labels and taints: removals first, then additions, so a key both removed and set ends up set.
     * Taints match by key and effect, as the API server does.
     *
     * @param node the node, changed in place
     * @param update what to set and remove
     * @return whether it changed
     */
    public static boolean apply(Node node, NodeUpdate update) {
        if (node.getMetadata() == null) {
            node.setMetadata(new ObjectMeta());
        }
        Map<String, String> before = node.getMetadata().getLabels() == null ? Map.of() : node.getMetadata().getLabels();
        Map<String, String> labels = new LinkedHashMap<>(before);
        update.removedLabels().forEach(labels::remove);
        labels.putAll(update.labels());

        NodeSpec spec = spec(node);
        List<Taint> oldTaints = spec.getTaints() == null ? List.of() : spec.getTaints();
        List<Taint> taints = new ArrayList<>(oldTaints);
        taints.removeIf(t -> update.removedTaints().stream().anyMatch(r -> sameSlot(t, r)));
        for (dev.palette.sdk.api.model.Taint wanted : update.taints()) {
            String value = wanted.value().isEmpty() ? null : wanted.value();
            int at = indexOf(taints, wanted);
            if (at < 0) {
                taints.add(taint(wanted.key(), value, wanted.effect()));
            } else if (!Objects.equals(taints.get(at).getValue(), value)) {
                taints.set(at, taint(wanted.key(), value, wanted.effect()));
            }
        }
        boolean changed = !labels.equals(before) || !taints.equals(oldTaints);
        if (changed) {
            node.getMetadata().setLabels(labels);
            spec.setTaints(taints);
        }
        return changed;
    }

    private static Taint taint(String key, String value, String effect) {
        Taint t = new Taint();
        t.setKey(key);
        t.setValue(value);
        t.setEffect(effect);
        return t;
    }

    private static NodeSpec spec(Node node) {
        if (node.getSpec() == null) {
            node.setSpec(new NodeSpec());
        }
        return node.getSpec();
    }

    private static int indexOf(List<Taint> taints, dev.palette.sdk.api.model.Taint wanted) {
        for (int i = 0; i < taints.size(); i++) {
            if (sameSlot(taints.get(i), wanted)) {
                return i;
            }
        }
        return -1;
    }

    private static boolean sameSlot(Taint t, dev.palette.sdk.api.model.Taint other) {
        return other.key().equals(t.getKey()) && other.effect().equals(t.getEffect());
    }
}
