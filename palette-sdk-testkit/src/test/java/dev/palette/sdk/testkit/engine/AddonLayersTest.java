package dev.palette.sdk.testkit.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.palette.sdk.api.model.Cluster;
import dev.palette.sdk.api.model.ClusterSpec;
import dev.palette.sdk.api.model.Condition;
import dev.palette.sdk.api.model.ConditionStatus;
import dev.palette.sdk.api.model.ConditionTypes;
import dev.palette.sdk.api.model.Layer;
import dev.palette.sdk.api.model.Manifest;
import dev.palette.sdk.api.model.Pack;
import dev.palette.sdk.core.PaletteEngine;
import dev.palette.sdk.testkit.SimCloud;
import dev.palette.sdk.testkit.SimHarness;
import dev.palette.sdk.testkit.VirtualClock;
import dev.palette.sdk.core.store.InMemoryClusterStore;
import dev.palette.sdk.core.store.InMemorySecretStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Add-on layers end to end on the simulated cloud: packs with manifests applied in layer order once the API
 * server answers, skipped when unchanged, replaced when upgraded, pruned when they leave the profile; a
 * failing pack shown on {@code AddonsReady} with the object and the API server's message while the later
 * layers wait.
 */
class AddonLayersTest {
    private static final String CALICO = """
            apiVersion: v1
            kind: ServiceAccount
            metadata:
              name: calico-node
              namespace: kube-system
            ---
            apiVersion: apps/v1
            kind: DaemonSet
            metadata:
              name: calico-node
              namespace: kube-system
            """;

    private final VirtualClock clock = new VirtualClock();
    private final SimCloud cloud = SimClusters.cloud(clock);
    private final InMemoryClusterStore store = new InMemoryClusterStore();
    private final PaletteEngine engine = SimClusters.engine(clock, cloud, store, new InMemorySecretStore());

    @AfterEach
    void close() {
        engine.close();
    }

    private static Pack pack(String name, String version, Layer layer, String yaml) {
        return Pack.builder().name(name).version(version).layer(layer).addManifest(new Manifest(name + ".yaml", yaml)).build();
    }

    private static String configMap(String name, String namespace) {
        return "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: " + name + "\n  namespace: " + namespace + "\n";
    }

    /** The base profile with its CNI and CSI packs carrying manifests, then the extra add-on packs. */
    private static ClusterSpec spec(List<Pack> extra) {
        ClusterSpec base = SimClusters.spec(1, 2);
        List<Pack> packs = new ArrayList<>();
        for (Pack p : base.profile().packs()) {
            packs.add(switch (p.layer()) {
                case CNI -> pack(p.name(), p.version(), Layer.CNI, CALICO);
                case CSI -> pack(p.name(), p.version(), Layer.CSI, configMap("csi-sim-config", "kube-system"));
                default -> p;
            });
        }
        packs.addAll(extra);
        return base.toBuilder().profile(base.profile().toBuilder().packs(packs).build()).build();
    }

    private Cluster get(String id) {
        return engine.clusters().get(id);
    }

    private Condition addonsReady(String id) {
        return get(id).status().condition(ConditionTypes.ADDONS_READY).orElseThrow();
    }

    private List<String> reasons(String id, String reason) {
        return engine.events().list(id).stream().filter(e -> e.reason().equals(reason)).map(e -> e.message()).toList();
    }

    @Test
    void packsAreAppliedInLayerOrderOnceAndUpgradedAndPrunedWithTheProfile() {
        engine.start();
        Pack monitoring = pack("monitoring", "1.0.0", Layer.ADDON, configMap("prometheus", "monitoring")
                + "---\n" + configMap("grafana", "monitoring"));
        Cluster c = engine.clusters().create("addons", spec(List.of(monitoring)));
        SimHarness.runUntil(engine, clock, () -> get(c.id()).isReady(), Duration.ofHours(1));

        assertThat(addonsReady(c.id()).isTrue()).isTrue();
        assertThat(addonsReady(c.id()).message()).isEqualTo("3 add-on pack(s) applied: cni-calico 3.31.2, csi-sim 1.0.0, monitoring 1.0.0");
        assertThat(reasons(c.id(), "AddonApplied")).containsExactly("applied cni-calico 3.31.2", "applied csi-sim 1.0.0",
                "applied monitoring 1.0.0");
        assertThat(cloud.addons().objects(c.id())).isEqualTo(Map.of(
                "cni-calico", List.of("ServiceAccount kube-system/calico-node", "DaemonSet kube-system/calico-node"),
                "csi-sim", List.of("ConfigMap kube-system/csi-sim-config"),
                "monitoring", List.of("ConfigMap monitoring/prometheus", "ConfigMap monitoring/grafana")));
        int applies = cloud.addons().applies(c.id());
        assertThat(applies).as("each pack once").isEqualTo(3);

        SimHarness.runFor(engine, clock, Duration.ofHours(1));
        assertThat(cloud.addons().applies(c.id())).as("unchanged packs are not applied again").isEqualTo(applies);

        // Upgrade monitoring (grafana goes away) and drop the CSI pack from the profile.
        Pack monitoring2 = pack("monitoring", "1.1.0", Layer.ADDON, configMap("prometheus", "monitoring"));
        engine.clusters().update(c.id(), s -> {
            ClusterSpec next = spec(List.of(monitoring2));
            return s.toBuilder().profile(next.profile().toBuilder().packs(next.profile().packs().stream()
                    .filter(p -> p.layer() != Layer.CSI).toList()).build()).build();
        });
        SimHarness.runUntil(engine, clock, () -> get(c.id()).isReady() && addonsReady(c.id()).message().contains("monitoring 1.1.0"),
                Duration.ofHours(1));
        assertThat(cloud.addons().objects(c.id())).isEqualTo(Map.of(
                "cni-calico", List.of("ServiceAccount kube-system/calico-node", "DaemonSet kube-system/calico-node"),
                "monitoring", List.of("ConfigMap monitoring/prometheus")));
        assertThat(cloud.addons().versions(c.id())).containsEntry("monitoring", "1.1.0");
        assertThat(reasons(c.id(), "AddonRemoved")).containsExactly("removed csi-sim, which left the profile");
        assertThat(get(c.id()).status().machines()).as("an add-on change replaces no machine").hasSize(3)
                .allMatch(m -> m.replacementReasons().isEmpty());
        assertThat(get(c.id()).status().upgradeHistory()).isEmpty();
    }

    @Test
    void aFailingPackIsShownWithItsObjectAndTheLaterLayersWaitUntilItApplies() {
        engine.start();
        Cluster c = engine.clusters().create("broken", spec(List.of(pack("monitoring", "1.0.0", Layer.ADDON,
                configMap("prometheus", "monitoring")))));
        cloud.addons().failApply(c.id(), "csi-sim", "admission webhook \"validate.kyverno.svc\" denied the request: "
                + "namespace kube-system is protected");
        SimHarness.runUntil(engine, clock, () -> get(c.id()).status().condition(ConditionTypes.ADDONS_READY)
                .map(k -> k.status() == ConditionStatus.FALSE).orElse(false), Duration.ofHours(1));

        Condition failed = addonsReady(c.id());
        assertThat(failed.reason()).isEqualTo("AddonFailed");
        assertThat(failed.message()).isEqualTo("csi-sim 1.0.0: ConfigMap kube-system/csi-sim-config: admission webhook "
                + "\"validate.kyverno.svc\" denied the request: namespace kube-system is protected; waiting: monitoring");
        assertThat(cloud.addons().objects(c.id())).as("the CNI went in; the add-on after the failing CSI waits")
                .containsOnlyKeys("cni-calico");
        SimHarness.runFor(engine, clock, Duration.ofMinutes(30));
        assertThat(get(c.id()).isReady()).as("not ready while a pack fails").isFalse();
        assertThat(engine.events().list(c.id())).anyMatch(e -> e.reason().equals("AddonFailed"));

        cloud.addons().clearFailure(c.id(), "csi-sim");
        SimHarness.runUntil(engine, clock, () -> get(c.id()).isReady(), Duration.ofHours(2));
        assertThat(addonsReady(c.id()).isTrue()).isTrue();
        assertThat(cloud.addons().objects(c.id())).containsOnlyKeys("cni-calico", "csi-sim", "monitoring");
    }

    @Test
    void aProfileWithoutManifestsHasNoAddonsCondition() {
        engine.start();
        Cluster c = engine.clusters().create("plain", SimClusters.spec(1, 1));
        SimHarness.runUntil(engine, clock, () -> get(c.id()).isReady(), Duration.ofHours(1));
        assertThat(get(c.id()).status().condition(ConditionTypes.ADDONS_READY)).isEmpty();
        assertThat(cloud.addons().applies(c.id())).isZero();
    }

    @Test
    void aChartPackWithoutAChartRendererSaysWhatIsMissing() {
        engine.start();
        Pack charted = Pack.builder().name("kyverno").version("1.12.2").layer(Layer.ADDON)
                .addChart(new dev.palette.sdk.api.model.ChartReference("charts/kyverno-3.2.3.tgz", "kyverno", "3.2.3")).build();
        Cluster c = engine.clusters().create("charted", spec(List.of(charted)));
        SimHarness.runUntil(engine, clock, () -> get(c.id()).status().condition(ConditionTypes.ADDONS_READY)
                .map(k -> k.status() == ConditionStatus.FALSE).orElse(false), Duration.ofHours(1));
        assertThat(addonsReady(c.id()).message()).isEqualTo("kyverno 1.12.2: chart charts/kyverno-3.2.3.tgz needs a chart renderer; "
                + "the engine has none (add palette-sdk-helm)");
        assertThat(cloud.addons().objects(c.id())).as("the layers before it went in").containsOnlyKeys("cni-calico", "csi-sim");
    }

    @Test
    void addOnRecordsThatCannotBeReadShowOnAddonsReadyAndNotOnTheMachines() {
        Cluster c = SimClusters.startAndProvision(engine, clock, "unreadable", spec(List.of()));
        cloud.addons().failReads(c.id(), "configmaps is forbidden: User \"palette\" cannot list resource \"configmaps\"");
        SimHarness.runFor(engine, clock, Duration.ofMinutes(10)); // past the engine's trust in what it last read
        Condition k = addonsReady(c.id());
        assertThat(k.reason()).isEqualTo("AddonsUnreadable");
        assertThat(k.message()).contains("cannot list resource \"configmaps\"");
        assertThat(get(c.id()).status().condition(ConditionTypes.CONTROL_PLANE_READY).orElseThrow().isTrue()).isTrue();
        cloud.addons().failReads(c.id(), null);
        SimHarness.runUntil(engine, clock, () -> addonsReady(c.id()).isTrue(), Duration.ofMinutes(10));
    }
}
