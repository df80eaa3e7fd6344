package dev.palette.sdk.kubernetes.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.palette.sdk.api.model.Taint;
import dev.palette.sdk.api.workload.NodeUpdate;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.TaintBuilder;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NodeEditsTest {

    private static Node node() {
        return new NodeBuilder().withNewMetadata().withName("n").withLabels(Map.of("a", "1", "foreign", "x")).endMetadata()
                .withNewSpec().addToTaints(new TaintBuilder().withKey("k").withValue("v").withEffect("NoSchedule")
                        .withTimeAdded("2026-01-01T00:00:00Z").build()).endSpec().build();
    }

    private static List<String> taints(Node n) {
        return n.getSpec().getTaints().stream().map(t -> t.getKey() + "=" + t.getValue() + ":" + t.getEffect()).toList();
    }

    @Test
    void aKeyBothRemovedAndSetEndsUpSet() {
        Node n = node();

        assertThat(NodeEdits.apply(n, new NodeUpdate(Map.of("a", "2"), Set.of("a"), List.of(), List.of()))).isTrue();

        assertThat(n.getMetadata().getLabels()).containsExactlyInAnyOrderEntriesOf(Map.of("a", "2", "foreign", "x"));
    }

    @Test
    void taintsMatchByKeyAndEffectAndAnOtherEffectIsAnotherTaint() {
        Node n = node();

        NodeEdits.apply(n, new NodeUpdate(Map.of(), Set.of(), List.of(new Taint("k", "w", "NoSchedule"), new Taint("k", "v", "NoExecute")),
                List.of()));

        assertThat(taints(n)).containsExactly("k=w:NoSchedule", "k=v:NoExecute");
    }

    @Test
    void aTaintAlreadyInPlaceKeepsItsTimeAndChangesNothing() {
        Node n = node();

        assertThat(NodeEdits.apply(n, new NodeUpdate(Map.of("a", "1"), Set.of("gone"), List.of(new Taint("k", "v", "NoSchedule")),
                List.of(new Taint("other", "", "NoExecute"))))).isFalse();

        assertThat(n.getSpec().getTaints().get(0).getTimeAdded()).isEqualTo("2026-01-01T00:00:00Z");
    }

    @Test
    void removingATaintIgnoresItsValue() {
        Node n = node();

        assertThat(NodeEdits.apply(n, new NodeUpdate(Map.of(), Set.of(), List.of(), List.of(new Taint("k", "", "NoSchedule"))))).isTrue();

        assertThat(n.getSpec().getTaints()).isEmpty();
    }

    @Test
    void cordonIsDoneOnce() {
        Node n = new NodeBuilder().withNewMetadata().withName("bare").endMetadata().build();

        assertThat(NodeEdits.cordon(n)).isTrue();
        assertThat(NodeEdits.cordon(n)).isFalse();
        assertThat(n.getSpec().getUnschedulable()).isTrue();
    }
}
