package dev.palette.sdk.kubernetes;

import static dev.palette.sdk.kubernetes.Stages.await;
import static dev.palette.sdk.kubernetes.Stages.failure;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.palette.sdk.api.error.PaletteException;
import dev.palette.sdk.api.error.ValidationException;
import dev.palette.sdk.api.model.Taint;
import dev.palette.sdk.api.workload.NodeCondition;
import dev.palette.sdk.api.workload.NodeStatus;
import dev.palette.sdk.api.workload.NodeUpdate;
import dev.palette.sdk.api.workload.WorkloadCluster;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The operations of one cluster, through the real client and HTTP, against fabric8's CRUD mock server. */
class Fabric8WorkloadClusterTest {
    private static final Instant READY_SINCE = Instant.parse("2026-01-01T10:00:00Z");

    @RegisterExtension
    final ConnectedCluster connected = new ConnectedCluster();
    private final MockApiServer api = connected.api;
    private final WorkloadCluster cluster = connected.cluster;

    private Node create(Node n) {
        return api.client().resource(n).create();
    }

    private Node node(String name) {
        return api.client().nodes().withName(name).get();
    }

    private void createPods(Pod... pods) {
        for (Pod p : pods) {
            api.client().resource(p).create();
        }
    }

    private List<String> podsLeft() {
        return api.client().pods().inAnyNamespace().list().getItems().stream()
                .map(p -> p.getMetadata().getNamespace() + "/" + p.getMetadata().getName()).sorted().toList();
    }

    @Test
    void nodesAreListedWithMachineConditionsKubeletVersionAndCordon() {
        create(TestObjects.node("cp-0", "demo-cp-0", READY_SINCE));
        Node w = TestObjects.node("w-0", "demo-w-0", READY_SINCE);
        w.getSpec().setUnschedulable(true);
        w.getStatus().getConditions().get(0).setStatus("Unknown");
        w.getStatus().getConditions().get(0).setReason("NodeStatusUnknown");
        create(w);
        Node foreign = TestObjects.node("byo-1", "x", READY_SINCE);
        foreign.getMetadata().setLabels(Map.of("team", "data"));
        create(foreign);

        List<NodeStatus> nodes = await(cluster.nodes());

        assertThat(nodes).extracting(NodeStatus::name).containsExactlyInAnyOrder("cp-0", "w-0", "byo-1");
        NodeStatus cp = nodes.stream().filter(n -> n.name().equals("cp-0")).findFirst().orElseThrow();
        assertThat(cp.machineName()).isEqualTo("demo-cp-0");
        assertThat(cp.kubeletVersion()).isEqualTo("v1.33.6");
        assertThat(cp.isReady()).isTrue();
        assertThat(cp.unschedulable()).isFalse();
        assertThat(cp.condition("Ready")).get().isEqualTo(new NodeCondition("Ready", "True", "KubeletReady",
                "kubelet is posting ready status", READY_SINCE));
        assertThat(cp.condition("DiskPressure")).get().extracting(NodeCondition::lastTransitionTime)
                .isEqualTo(READY_SINCE.minusSeconds(60));
        NodeStatus worker = nodes.stream().filter(n -> n.name().equals("w-0")).findFirst().orElseThrow();
        assertThat(worker.unschedulable()).isTrue();
        assertThat(worker.isReady()).isFalse();
        assertThat(worker.condition("Ready")).get().extracting(NodeCondition::reason).isEqualTo("NodeStatusUnknown");
        NodeStatus byo = nodes.stream().filter(n -> n.name().equals("byo-1")).findFirst().orElseThrow();
        assertThat(byo.machineName()).as("a node without the machine label").isEmpty();
        assertThat(byo.labels()).containsEntry("team", "data");
    }

    @Test
    void cordonMarksTheNodeUnschedulableAndKeepsEverythingElse() {
        create(TestObjects.node("w-0", "demo-w-0", READY_SINCE));

        await(cluster.cordon("w-0"));
        Node after = node("w-0");
        await(cluster.cordon("w-0"));

        assertThat(after.getSpec().getUnschedulable()).isTrue();
        assertThat(after.getSpec().getTaints()).extracting(io.fabric8.kubernetes.api.model.Taint::getKey)
                .containsExactly("vendor.example/gpu");
        assertThat(after.getMetadata().getLabels()).containsEntry("palette.dev/machine", "demo-w-0");
        assertThat(node("w-0").getMetadata().getResourceVersion()).as("a second cordon writes nothing")
                .isEqualTo(after.getMetadata().getResourceVersion());
    }

    @Test
    void drainEvictsOrdinaryPodsAndLeavesDaemonSetAndMirrorPodsAndOtherNodes() {
        create(TestObjects.node("w-0", "demo-w-0", READY_SINCE));
        create(TestObjects.node("w-1", "demo-w-1", READY_SINCE));
        createPods(TestObjects.pod("shop", "web-1", "w-0"), TestObjects.pod("shop", "web-2", "w-0"),
                TestObjects.pod("batch", "job-1", "w-0"), TestObjects.daemonSetPod("kube-system", "calico-node-a", "w-0"),
                TestObjects.mirrorPod("kube-system", "kube-proxy-w-0", "w-0"), TestObjects.pod("shop", "web-3", "w-1"));

        await(cluster.drain("w-0", Duration.ofSeconds(10)));

        assertThat(podsLeft()).containsExactly("kube-system/calico-node-a", "kube-system/kube-proxy-w-0", "shop/web-3");
        assertThat(api.evictions()).as("through the Eviction API, each pod once")
                .containsExactlyInAnyOrder("shop/web-1", "shop/web-2", "batch/job-1");
    }

    @Test
    void drainGivesUpAfterTheTimeoutNamingThePodsLeft() {
        create(TestObjects.node("w-0", "demo-w-0", READY_SINCE));
        createPods(TestObjects.pod("shop", "web-1", "w-0"), TestObjects.pod("db", "pg-0", "w-0"));
        api.refuseEvictions("db/pg-0", -1);

        PaletteException e = failure(cluster.drain("w-0", Duration.ofMillis(400)));

        assertThat(e.getMessage()).contains("cluster c-1", "node w-0 not drained within PT0.4S", "1 pods left: db/pg-0")
                .doesNotContain("web-1");
        assertThat(e.retryable()).isTrue();
        assertThat(podsLeft()).containsExactly("db/pg-0");
    }

    @Test
    void aRefusedEvictionIsAskedAgainUntilTheBudgetAllowsIt() {
        create(TestObjects.node("w-0", "demo-w-0", READY_SINCE));
        createPods(TestObjects.pod("db", "pg-0", "w-0"));
        api.refuseEvictions("db/pg-0", 2);

        await(cluster.drain("w-0", Duration.ofSeconds(15)));

        assertThat(podsLeft()).isEmpty();
        assertThat(api.evictions()).containsExactly("db/pg-0", "db/pg-0", "db/pg-0");
    }

    @Test
    void updateNodeChangesExactlyWhatItNamesAndLeavesForeignLabelsAndTaints() {
        Node n = TestObjects.node("w-0", "demo-w-0", READY_SINCE);
        n.getMetadata().setLabels(Map.of("palette.dev/machine", "demo-w-0", "tier", "gold", "old", "x", "team", "data"));
        n.getSpec().setTaints(List.of(TestObjects.taint("vendor.example/gpu", "present", "PreferNoSchedule"),
                TestObjects.taint("dedicated", "gpu", "NoSchedule"), TestObjects.taint("dedicated", "gpu", "NoExecute")));
        create(n);

        await(cluster.updateNode("w-0", new NodeUpdate(Map.of("tier", "silver", "zone-class", "fast"), Set.of("old"),
                List.of(new Taint("dedicated", "infra", "NoSchedule"), new Taint("spot", "", "NoSchedule")),
                List.of(new Taint("dedicated", "gpu", "NoExecute")))));

        Node after = node("w-0");
        assertThat(after.getMetadata().getLabels()).containsExactlyInAnyOrderEntriesOf(Map.of("palette.dev/machine", "demo-w-0",
                "tier", "silver", "zone-class", "fast", "team", "data"));
        assertThat(after.getSpec().getTaints()).extracting(t -> t.getKey() + "=" + t.getValue() + ":" + t.getEffect())
                .containsExactlyInAnyOrder("vendor.example/gpu=present:PreferNoSchedule", "dedicated=infra:NoSchedule",
                        "spot=null:NoSchedule");
    }

    @Test
    void anUpdateAlreadyInPlaceWritesNothing() {
        create(TestObjects.node("w-0", "demo-w-0", READY_SINCE));
        NodeUpdate update = new NodeUpdate(Map.of("tier", "gold"), Set.of(), List.of(new Taint("dedicated", "gpu", "NoSchedule")),
                List.of());
        await(cluster.updateNode("w-0", update));
        String version = node("w-0").getMetadata().getResourceVersion();

        await(cluster.updateNode("w-0", update));

        assertThat(node("w-0").getMetadata().getResourceVersion()).isEqualTo(version);
    }

    @Test
    void aConflictingWriteIsAppliedAgainToAFreshRead() {
        create(TestObjects.node("w-0", "demo-w-0", READY_SINCE));
        api.server().expect().put().withPath("/api/v1/nodes/w-0").andReturn(409, new io.fabric8.kubernetes.api.model.StatusBuilder()
                .withCode(409).withReason("Conflict").withMessage("the object has been modified").build()).once();

        await(cluster.updateNode("w-0", new NodeUpdate(Map.of("tier", "gold"), Set.of(), List.of(), List.of())));

        assertThat(node("w-0").getMetadata().getLabels()).containsEntry("tier", "gold");
        assertThat(api.requests()).filteredOn(r -> r.startsWith("PUT ")).as("the refused write, then the one on a fresh read")
                .containsExactly("PUT /api/v1/nodes/w-0", "PUT /api/v1/nodes/w-0");
    }

    @Test
    void deleteNodeRemovesIt() {
        create(TestObjects.node("w-0", "demo-w-0", READY_SINCE));
        create(TestObjects.node("w-1", "demo-w-1", READY_SINCE));

        await(cluster.deleteNode("w-0"));

        assertThat(api.client().nodes().list().getItems()).extracting(x -> x.getMetadata().getName()).containsExactly("w-1");
    }

    @Test
    void operationsOnANodeThatIsGoneSucceed() {
        createPods(TestObjects.pod("shop", "orphan", "gone-0"));

        await(cluster.cordon("gone-0"));
        await(cluster.drain("gone-0", Duration.ofSeconds(5)));
        await(cluster.deleteNode("gone-0"));
        await(cluster.updateNode("gone-0", new NodeUpdate(Map.of("a", "b"), Set.of(), List.of(), List.of())));

        assertThat(node("gone-0")).as("nothing created by the edits").isNull();
        assertThat(api.evictions()).isEmpty();
    }

    @Test
    void serverErrorsAreRetryableAndRefusalsAreNot() {
        api.server().expect().get().withPath("/api/v1/nodes?limit=500").andReturn(503, "etcd leader changed").once();
        api.server().expect().delete().withPath("/api/v1/nodes/w-0").andReturn(403, new io.fabric8.kubernetes.api.model.StatusBuilder()
                .withCode(403).withReason("Forbidden").withMessage("nodes \"w-0\" is forbidden: user cannot delete").build()).once();

        PaletteException unavailable = failure(cluster.nodes());
        PaletteException forbidden = failure(cluster.deleteNode("w-0"));

        assertThat(unavailable.retryable()).isTrue();
        assertThat(unavailable.getMessage()).startsWith("cluster c-1: list nodes failed: HTTP 503");
        assertThat(forbidden.retryable()).isFalse();
        assertThat(forbidden.getMessage()).contains("cluster c-1: delete node w-0 failed: HTTP 403", "user cannot delete");
        assertThat(await(cluster.nodes())).as("the next call goes through").isEmpty();
    }

    @Test
    void anApiServerThatDoesNotAnswerIsRetryable() {
        api.close();

        PaletteException e = failure(cluster.nodes());

        assertThat(e.retryable()).isTrue();
        assertThat(e.getMessage()).contains("cluster c-1: list nodes failed: the API server did not answer");
    }

    @Test
    void badNodeNamesAndTimeoutsAreRefusedWithTheirField() {
        assertThatThrownBy(() -> cluster.cordon("../nodes")).isInstanceOf(ValidationException.class)
                .satisfies(e -> assertThat(((ValidationException) e).violations()).extracting(v -> v.path()).containsExactly("nodeName"));
        assertThatThrownBy(() -> cluster.drain("w-0", Duration.ofSeconds(-1))).isInstanceOf(ValidationException.class)
                .satisfies(e -> assertThat(((ValidationException) e).violations()).extracting(v -> v.path()).containsExactly("timeout"));
    }
}
