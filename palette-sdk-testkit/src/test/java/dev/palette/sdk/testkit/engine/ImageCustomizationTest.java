package dev.palette.sdk.testkit.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.palette.sdk.api.model.Cluster;
import dev.palette.sdk.api.model.ClusterEvent;
import dev.palette.sdk.api.model.ClusterProfile;
import dev.palette.sdk.api.model.ClusterSpec;
import dev.palette.sdk.api.model.ConditionTypes;
import dev.palette.sdk.api.model.ImageReference;
import dev.palette.sdk.api.model.Layer;
import dev.palette.sdk.api.model.Pack;
import dev.palette.sdk.core.PaletteEngine;
import dev.palette.sdk.core.store.InMemoryClusterStore;
import dev.palette.sdk.core.store.InMemorySecretStore;
import dev.palette.sdk.testkit.SimCloud;
import dev.palette.sdk.testkit.SimFaults;
import dev.palette.sdk.testkit.SimHarness;
import dev.palette.sdk.testkit.SimOperation;
import dev.palette.sdk.testkit.VirtualClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** OS packs with Ansible roles get a customized image, built once per pack definition and reused. */
class ImageCustomizationTest {
    private final VirtualClock clock = new VirtualClock();
    private final SimCloud cloud = SimClusters.cloud(clock);
    private final InMemoryClusterStore store = new InMemoryClusterStore();
    private final InMemorySecretStore secrets = new InMemorySecretStore();
    private final List<PaletteEngine> engines = new ArrayList<>();

    @AfterEach
    void close() {
        engines.forEach(PaletteEngine::close);
    }

    private PaletteEngine engine() {
        PaletteEngine e = SimClusters.engine(clock, cloud, store, secrets);
        engines.add(e);
        e.start();
        return e;
    }

    private static ClusterSpec spec(List<String> roles) {
        Pack os = Pack.builder().name("ubuntu-golden").version("22.04").layer(Layer.OS).cloudTypes(List.of("sim"))
                .addImage(ImageReference.of("sim", "sim-east-1", "ubuntu-base-22.04")).ansibleRoles(roles)
                .skipK8sInstall(false).build();
        ClusterProfile p = SimClusters.profile().toBuilder().packs(List.of(os, SimClusters.profile().packs().get(1),
                SimClusters.profile().packs().get(2))).build();
        return SimClusters.spec(1, 1).toBuilder().profile(p).build();
    }

    @Test
    void aSecondClusterFromTheSameOsPackReusesTheImageAndAChangedRoleBuildsANewOne() {
        PaletteEngine engine = engine();
        Cluster a = engine.clusters().create("a", spec(List.of("harden-ssh", "install-agent")));
        SimHarness.runUntil(engine, clock, () -> engine.clusters().get(a.id()).status().condition(ConditionTypes.IMAGE_READY)
                .map(c -> !c.isTrue()).orElse(false), Duration.ofMinutes(5));
        assertThat(engine.clusters().get(a.id()).status().condition(ConditionTypes.IMAGE_READY).orElseThrow().reason())
                .isEqualTo("CustomizingImage");
        SimHarness.runUntil(engine, clock, () -> engine.clusters().get(a.id()).isReady(), Duration.ofHours(1));
        assertThat(cloud.imageBuilds()).isEqualTo(1);
        assertThat(engine.events().list(a.id())).extracting(ClusterEvent::message).anyMatch(m -> m.contains("(built)"));

        Cluster b = engine.clusters().create("b", spec(List.of("harden-ssh", "install-agent")));
        SimHarness.runUntil(engine, clock, () -> engine.clusters().get(b.id()).isReady(), Duration.ofHours(1));
        assertThat(cloud.imageBuilds()).as("the second cluster reuses the image tagged with the signature").isEqualTo(1);
        String imageA = engine.clusters().get(a.id()).status().machines().get(0).imageId();
        assertThat(engine.clusters().get(b.id()).status().machines()).allMatch(m -> m.imageId().equals(imageA));
        assertThat(engine.events().list(b.id())).extracting(ClusterEvent::message).anyMatch(m -> m.contains("(reused)"));

        Cluster c = engine.clusters().create("c", spec(List.of("harden-ssh", "install-agent-v2")));
        SimHarness.runUntil(engine, clock, () -> engine.clusters().get(c.id()).isReady(), Duration.ofHours(1));
        assertThat(cloud.imageBuilds()).as("one changed role is a new signature").isEqualTo(2);
        for (String id : List.of(a.id(), b.id(), c.id())) {
            assertThat(cloud.leftovers(id)).noneMatch(r -> r.startsWith("builder/"));
        }
    }

    @Test
    void noBuilderMachineLeaksWhenTheEngineStopsMidBuild() {
        cloud.faults().crashAfterCalls(2, SimFaults.CrashMode.AFTER_APPLY); // network, load balancer, then the image call
        PaletteEngine first = engine();
        Cluster a = first.clusters().create("a", spec(List.of("harden-ssh")));
        SimHarness.runUntil(first, clock, () -> cloud.calls(SimOperation.ENSURE_IMAGE) == 1, Duration.ofMinutes(5));
        first.close();
        cloud.faults().recover();
        PaletteEngine second = engine();
        SimHarness.runUntil(second, clock, () -> second.clusters().get(a.id()).isReady(), Duration.ofHours(1));
        assertThat(cloud.leftovers(a.id())).noneMatch(r -> r.startsWith("builder/"));
        second.clusters().delete(a.id());
        SimHarness.runUntil(second, clock, () -> second.clusters().find(a.id()).isEmpty(), Duration.ofHours(1));
        assertThat(cloud.leftovers(a.id())).isEmpty();
    }

    @Test
    void aFailedCaptureIsAFailedConditionAndLeavesNoBuilderBehind() {
        cloud.failNextImageCaptures(2);
        PaletteEngine engine = engine();
        Cluster a = engine.clusters().create("a", spec(List.of("harden-ssh")));
        SimHarness.runUntil(engine, clock, () -> engine.clusters().get(a.id()).status().condition(ConditionTypes.IMAGE_READY)
                .map(c -> c.isFailed()).orElse(false), Duration.ofHours(1));
        var failed = engine.clusters().get(a.id()).status().condition(ConditionTypes.IMAGE_READY).orElseThrow();
        assertThat(failed.message()).contains("CreateImage failed");
        assertThat(cloud.leftovers(a.id())).noneMatch(r -> r.startsWith("builder/"));
        SimHarness.runUntil(engine, clock, () -> engine.clusters().get(a.id()).isReady(), Duration.ofHours(2));
        assertThat(cloud.imageBuilds()).isEqualTo(1);
        assertThat(cloud.leftovers(a.id())).noneMatch(r -> r.startsWith("builder/"));
        assertThat(engine.clusters().get(a.id()).status().condition(ConditionTypes.IMAGE_READY).orElseThrow().attempts()).isZero();
    }
}
