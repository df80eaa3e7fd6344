package dev.palette.sdk.provider.vsphere;

import static org.assertj.core.api.Assertions.assertThat;

import com.vmware.vim25.mo.VirtualMachine;
import dev.palette.sdk.api.model.Cluster;
import dev.palette.sdk.api.model.ClusterProfile;
import dev.palette.sdk.api.model.ClusterSpec;
import dev.palette.sdk.api.model.Condition;
import dev.palette.sdk.api.model.ConditionTypes;
import dev.palette.sdk.api.model.ImageReference;
import dev.palette.sdk.api.model.Layer;
import dev.palette.sdk.api.model.Machine;
import dev.palette.sdk.api.model.MachinePhase;
import dev.palette.sdk.api.model.MachinePoolSpec;
import dev.palette.sdk.api.model.Pack;
import dev.palette.sdk.api.store.Secret;
import dev.palette.sdk.core.EngineSettings;
import dev.palette.sdk.core.PaletteEngine;
import dev.palette.sdk.core.store.InMemorySecretStore;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine runs a cluster's whole life on the vSphere provider against VMware's vCenter simulator, in real
 * time: the OS pack's OVA imported as a template, 1 control plane and 2 workers cloned into the cluster's
 * folder and spread over hosts, scaled, rolled to more CPUs and memory, a worker lost and replaced, vCenter
 * out of resources and back, the session ended by vCenter, and deleted with no machine or folder left.
 */
class VsphereEngineEndToEndTest {
    private static final Duration LIMIT = Duration.ofSeconds(90);
    private Vcsim vcsim;
    private PaletteEngine engine;
    @TempDir
    Path tmp;

    @BeforeEach
    void start() {
        vcsim = Vcsim.start();
        InMemorySecretStore secrets = new InMemorySecretStore();
        secrets.put("vcenter", new Secret(Map.of("username", Vcsim.USER, "password", Vcsim.PASSWORD)));
        engine = PaletteEngine.builder().discoverProviders(false).secrets(secrets)
                .provider(VsphereProvider.builder().taskPoll(Duration.ofMillis(20)).waits(Duration.ofMillis(50), Duration.ofSeconds(30)).build())
                .settings(EngineSettings.DEFAULTS.withPollInterval(Duration.ofMillis(50)).withBackoff(Duration.ofMillis(5), Duration.ofMillis(200))
                        // a machine failing behind the engine's back is seen on the next resync (10 min by default)
                        .withResyncPeriod(Duration.ofMillis(500)))
                .build();
    }

    @AfterEach
    void stop() {
        engine.close();
        vcsim.close();
    }

    private Path ova() throws IOException {
        return TestOva.write(tmp.resolve("ubuntu-22.04-palette.ova"));
    }

    private ClusterSpec spec(String ova) {
        ClusterProfile profile = ClusterProfile.builder().name("vsphere-base").version("1.0.0").cloudType("vsphere")
                .addPack(Pack.builder().name("ubuntu-vsphere").version("22.04").layer(Layer.OS).skipK8sInstall(true)
                        .addImage(ImageReference.of("vsphere", "", ova)).build())
                .addPack(Pack.builder().name("kubernetes").version("1.33.6").layer(Layer.KUBERNETES).build())
                .addPack(Pack.builder().name("cni-calico").version("3.31.2").layer(Layer.CNI).build())
                .build();
        return ClusterSpec.builder().profile(profile)
                .cloud(vcsim.cloud(Map.of("faultDomains", Map.of("az1", "DC0_C0_H0", "az2", "DC0_C0_H1"), "antiAffinity", true))
                        .withCredentialsRef("vcenter"))
                .controlPlane(1, "2cpu-4gib")
                .addWorkerPool(MachinePoolSpec.builder().name("workers").count(2).instanceType("2cpu-4gib")
                        .zones(List.of("az1", "az2")).build())
                .build();
    }

    private Set<String> providerIds(Cluster c, String pool) {
        return c.status().machines(pool).stream().map(Machine::providerId).collect(Collectors.toSet());
    }

    private String folder(Cluster c) {
        return "palette-" + c.id();
    }

    @Test
    void aClusterLivesItsWholeLifeInTheSimulatedVcenter() throws Exception {
        engine.start();
        Cluster c = engine.clusters().create("vsphere-e2e", spec(ova().toString()));
        Cluster ready = engine.clusters().await(c.id(), Cluster::isReady, LIMIT);

        assertThat(ready.status().conditions()).allMatch(Condition::isTrue);
        assertThat(ready.status().condition(ConditionTypes.IMAGE_READY).orElseThrow().message()).contains("(copied)");
        assertThat(ready.status().machines()).hasSize(3).allMatch(m -> m.phase() == MachinePhase.RUNNING)
                .allMatch(m -> m.address().startsWith("10.0.1."));
        assertThat(ready.status().endpoint()).isEqualTo("https://10.0.0.100:6443");
        assertThat(vcsim.vmsInFolder(folder(c))).hasSize(3);
        assertThat(vcsim.templates()).as("the OVA was imported once, as a template").filteredOn(n -> n.startsWith("palette-ova-"))
                .hasSize(1);
        for (Machine m : ready.status().machines()) {
            VirtualMachine vm = vcsim.vm(m.name());
            assertThat(vm.getConfig().getHardware().getNumCPU()).as(m.name() + " vCPUs").isEqualTo(2);
            assertThat(vm.getConfig().getHardware().getMemoryMB()).as(m.name() + " memory").isEqualTo(4096);
            assertThat(vm.getParent().getName()).isEqualTo(folder(c));
            assertThat(java.util.Arrays.stream(vm.getConfig().getExtraConfig()).map(o -> o.getKey()))
                    .contains("guestinfo.userdata", "guestinfo.metadata");
        }
        Map<String, String> hostsOfWorkers = ready.status().machines("workers").stream()
                .collect(Collectors.toMap(Machine::zone, m -> host(vcsim.vm(m.name()))));
        assertThat(hostsOfWorkers).as("each zone's worker runs on that zone's host")
                .containsEntry("az1", "DC0_C0_H0").containsEntry("az2", "DC0_C0_H1");
        assertThat(vcsim.antiAffinityRules()).as("a DRS rule keeps the workers apart")
                .containsOnlyKeys("palette-" + c.id() + "-workers")
                .hasEntrySatisfying("palette-" + c.id() + "-workers", vms -> assertThat(vms)
                        .containsExactlyInAnyOrderElementsOf(ready.status().machines("workers").stream().map(Machine::name).toList()));

        // Scale out.
        engine.clusters().scaleWorkerPool(c.id(), "workers", 3);
        Cluster scaled = engine.clusters().await(c.id(), x -> x.isReady() && x.status().machines("workers").size() == 3, LIMIT);
        assertThat(vcsim.vmsInFolder(folder(c))).hasSize(4);

        // Roll a CPU and memory change over the workers.
        Set<String> before = providerIds(scaled, "workers");
        engine.clusters().update(c.id(), s -> s.withWorkerPool(s.workerPool("workers").orElseThrow().toBuilder()
                .instanceType("4cpu-8gib").build()));
        Cluster rolled = engine.clusters().await(c.id(), x -> x.isReady() && x.status().machines("workers").stream()
                .allMatch(m -> m.instanceType().equals("4cpu-8gib")), LIMIT);
        assertThat(providerIds(rolled, "workers")).hasSize(3).doesNotContainAnyElementsOf(before);
        for (Machine m : rolled.status().machines("workers")) {
            assertThat(vcsim.vm(m.name()).getConfig().getHardware().getNumCPU()).isEqualTo(4);
            assertThat(vcsim.vm(m.name()).getConfig().getHardware().getMemoryMB()).isEqualTo(8192);
        }
        assertThat(rolled.status().upgradeHistory()).anyMatch(u -> String.join(";", u.reasons()).contains("2cpu-4gib")
                && String.join(";", u.reasons()).contains("4cpu-8gib"));
        assertThat(vcsim.vmsInFolder(folder(c))).as("replaced workers are destroyed").hasSize(4);

        // An injected failure: a worker is powered off behind the engine's back; it is replaced, with the reason.
        Machine lost = rolled.status().machines("workers").get(0);
        vcsim.vm(lost.name()).powerOffVM_Task().waitForTask(20, 20);
        Cluster healed = engine.clusters().await(c.id(), x -> x.isReady() && x.status().machines("workers").size() == 3
                && x.status().machines("workers").stream().noneMatch(m -> m.name().equals(lost.name())), LIMIT);
        assertThat(healed.status().upgradeHistory()).anyMatch(u -> u.machine().equals(lost.name()));
        assertThat(vcsim.vm(lost.name())).as("the failed machine is destroyed").isNull();

        // vCenter out of resources: the scale-out is held with vCenter's message, then goes through.
        vcsim.arm("CloneVM_Task", "InsufficientResourcesFault",
                "The available Memory resources in the parent resource pool are insufficient for the operation.", 1000);
        engine.clusters().scaleWorkerPool(c.id(), "workers", 4);
        Cluster held = engine.clusters().await(c.id(), x -> x.status().condition(ConditionTypes.WORKERS_READY)
                .map(Condition::isFailed).orElse(false), LIMIT);
        Condition failed = held.status().condition(ConditionTypes.WORKERS_READY).orElseThrow();
        assertThat(failed.reason()).isEqualTo("QuotaExceeded");
        assertThat(failed.message()).contains("The available Memory resources in the parent resource pool are insufficient");
        vcsim.disarm();
        // vCenter ends the provider's session meanwhile: the provider logs in again.
        List<String> ended = vcsim.otherSessions();
        vcsim.endOtherSessions();
        Cluster released = engine.clusters().await(c.id(), x -> x.isReady() && x.status().machines("workers").size() == 4, LIMIT);
        assertThat(vcsim.otherSessions()).as("the provider's new session").isNotEmpty().doesNotContainAnyElementsOf(ended);
        assertThat(released.status().condition(ConditionTypes.WORKERS_READY).orElseThrow().isTrue()).isTrue();
        assertThat(vcsim.vmsInFolder(folder(c))).hasSize(5);

        // Delete: no machine and no folder left; the shared template stays.
        engine.clusters().delete(c.id());
        engine.clusters().awaitDeleted(c.id(), LIMIT);
        assertThat(vcsim.folderExists(folder(c))).as("the cluster's folder is gone").isFalse();
        assertThat(vcsim.antiAffinityRules()).as("its DRS rules are gone").isEmpty();
        for (Machine m : released.status().machines()) {
            assertThat(vcsim.vm(m.name())).as(m.name() + " is destroyed").isNull();
        }
        assertThat(vcsim.templates()).anyMatch(n -> n.startsWith("palette-ova-"));
    }

    private static String host(VirtualMachine vm) {
        return new com.vmware.vim25.mo.HostSystem(vm.getServerConnection(), vm.getRuntime().getHost()).getName();
    }
}
