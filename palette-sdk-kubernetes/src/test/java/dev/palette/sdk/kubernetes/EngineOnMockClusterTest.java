package dev.palette.sdk.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.palette.sdk.api.model.CloudConfig;
import dev.palette.sdk.api.model.Cluster;
import dev.palette.sdk.api.model.ClusterPhase;
import dev.palette.sdk.api.model.ClusterProfile;
import dev.palette.sdk.api.model.ClusterSpec;
import dev.palette.sdk.api.model.Condition;
import dev.palette.sdk.api.model.Layer;
import dev.palette.sdk.api.model.Machine;
import dev.palette.sdk.api.model.MachinePoolSpec;
import dev.palette.sdk.api.model.Pack;
import dev.palette.sdk.api.model.Taint;
import dev.palette.sdk.api.provider.MachineInfo;
import dev.palette.sdk.api.provider.MachineState;
import dev.palette.sdk.core.EngineSettings;
import dev.palette.sdk.core.PaletteEngine;
import dev.palette.sdk.core.store.InMemoryClusterStore;
import dev.palette.sdk.core.store.InMemorySecretStore;
import dev.palette.sdk.testkit.SimCloud;
import dev.palette.sdk.testkit.SimProvider;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The engine on the simulated cloud, with this access as its only view of the workload cluster: fabric8's
 * mock API server plays the cluster, and the test plays the kubelets, registering a Ready node for each
 * machine the cloud boots. The engine's own admin kubeconfig (its PKI, an EC key) makes the client; only
 * the address is moved from the simulated load balancer to the mock.
 *
 * <p>In real time, with short cloud delays: the access's calls take real time on its own threads, which
 * the testkit's virtual-time harness does not see (it would move the clock on while a call is out).
 */
class EngineOnMockClusterTest {
    private final SimCloud cloud = SimCloud.builder().latency(Duration.ofMillis(2)).bootDelay(Duration.ofMillis(100))
            .imageBuildDelay(Duration.ofMillis(100)).build();
    private final MockApiServer api = new MockApiServer();
    private final InMemorySecretStore secrets = new InMemorySecretStore();
    private final List<String> clientsFor = new CopyOnWriteArrayList<>();
    private final Fabric8WorkloadClusterAccess access = Fabric8WorkloadClusterAccess.builder().secrets(secrets)
            .clientFactory((target, config) -> {
                clientsFor.add(target.clusterId() + " " + config.getMasterUrl());
                return new KubernetesClientBuilder().withConfig(new ConfigBuilder(config).withMasterUrl(api.url()).build()).build();
            }).build();
    private final java.nio.file.Path bundles = temporaryFolder();
    private final PaletteEngine engine = PaletteEngine.builder().store(new InMemoryClusterStore()).secrets(secrets)
            .discoverProviders(false).provider(new SimProvider(cloud)).workloadAccess(access).bundleDirectory(bundles)
            .settings(EngineSettings.DEFAULTS.withPollInterval(Duration.ofMillis(100))
                    .withBackoff(Duration.ofMillis(5), Duration.ofSeconds(1))).build();
    private final Set<String> registered = new HashSet<>();

    @AfterEach
    void close() throws java.io.IOException {
        engine.close();
        api.close();
        try (var files = java.nio.file.Files.walk(bundles)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }

    private static java.nio.file.Path temporaryFolder() {
        try {
            return java.nio.file.Files.createTempDirectory("palette-bundles-");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static ClusterSpec spec() {
        ClusterProfile profile = ClusterProfile.builder().name("mock-k8s").version("0.1.0").cloudType("sim")
                .addPack(Pack.builder().layer(Layer.OS).name("ubuntu-sim").version("24.04").skipK8sInstall(true).build())
                .addPack(Pack.builder().layer(Layer.KUBERNETES).name("kubernetes").version("1.33.6").build())
                .addPack(Pack.builder().layer(Layer.CNI).name("cni-cilium").version("1.18.4").addManifest(new dev.palette.sdk.api.model
                        .Manifest("cilium.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cilium-config\n"
                        + "  namespace: kube-system\ndata:\n  tunnel: vxlan\n")).build())
                .build();
        return ClusterSpec.builder().profile(profile).cloud(CloudConfig.of("sim", "sim-west-2")).controlPlane(1, "sim.large")
                .addWorkerPool(MachinePoolSpec.builder().name("apps").count(2).instanceType("sim.small").build()).build();
    }

    /** Plays the kubelets: each running machine registers its node, Ready, labelled with its machine name. */
    private void kubeletsJoin(String clusterId) {
        for (MachineInfo m : cloud.machines(clusterId)) {
            if (m.state() == MachineState.RUNNING && registered.add(m.machineName())) {
                api.client().resource(TestObjects.node(m.machineName(), m.machineName(), Instant.now())).create();
            }
        }
    }

    /** Waits until the cluster is ready for its latest spec and every apps machine carries the pool's labels. */
    private Cluster runUntilConverged(String id) {
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20)).until(() -> {
            kubeletsJoin(id);
            Cluster c = engine.clusters().get(id);
            Map<String, String> poolLabels = c.spec().workerPool("apps").orElseThrow().labels();
            return c.isReady() && c.status().observedGeneration() == c.metadata().generation()
                    && c.status().machines("apps").stream().allMatch(m -> m.labels().equals(poolLabels));
        });
        return engine.clusters().get(id);
    }

    private Node node(String name) {
        return api.client().nodes().withName(name).get();
    }

    @Test
    void aClusterConvergesOnItsNodesAndAPoolsLabelsAndTaintsReachThemInPlace() {
        engine.start();
        Cluster created = engine.clusters().create("on-mock", spec());

        Cluster ready = runUntilConverged(created.id());

        assertThat(ready.status().phase()).isEqualTo(ClusterPhase.RUNNING);
        assertThat(ready.status().conditions()).allMatch(Condition::isTrue);
        assertThat(ready.status().machines()).hasSize(3);
        assertThat(ready.status().condition(dev.palette.sdk.api.model.ConditionTypes.ADDONS_READY)).hasValueSatisfying(a ->
                assertThat(a.message()).isEqualTo("1 add-on pack(s) applied: cni-cilium 1.18.4"));
        assertThat(api.client().configMaps().inNamespace("kube-system").withName("cilium-config").get().getMetadata().getLabels())
                .as("the CNI pack's objects, applied by the engine through fabric8").containsEntry("palette.dev/pack", "cni-cilium");
        assertThat(api.client().nodes().list().getItems()).extracting(n -> n.getMetadata().getName())
                .containsExactlyInAnyOrderElementsOf(ready.status().machines().stream().map(Machine::name).toList());
        assertThat(clientsFor).as("one client, made from the engine's kubeconfig for the cluster's endpoint")
                .containsExactly(created.id() + " " + ready.status().endpoint() + "/");
        int machinesMade = cloud.machinesEverCreated(created.id());

        Taint gpu = new Taint("dedicated", "gpu", "NoSchedule");
        engine.clusters().update(created.id(), s -> s.withWorkerPool(s.workerPool("apps").orElseThrow().toBuilder()
                .labels(Map.of("tier", "gold")).taints(List.of(gpu)).build()));
        Cluster labelled = runUntilConverged(created.id());

        for (Machine m : labelled.status().machines("apps")) {
            Node n = node(m.name());
            assertThat(n.getMetadata().getLabels()).containsEntry("tier", "gold")
                    .as("labels the engine did not set stay").containsEntry("kubernetes.io/hostname", m.name());
            assertThat(n.getSpec().getTaints()).extracting(t -> t.getKey() + "=" + t.getValue() + ":" + t.getEffect())
                    .containsExactlyInAnyOrder("dedicated=gpu:NoSchedule", "vendor.example/gpu=present:PreferNoSchedule");
            assertThat(m.labels()).containsEntry("tier", "gold");
        }
        Machine cp = labelled.status().machines("control-plane").get(0);
        assertThat(node(cp.name()).getMetadata().getLabels()).doesNotContainKey("tier");

        engine.clusters().update(created.id(), s -> s.withWorkerPool(s.workerPool("apps").orElseThrow().toBuilder()
                .labels(Map.of("tier", "silver")).taints(List.of()).build()));
        Cluster relabelled = runUntilConverged(created.id());

        for (Machine m : relabelled.status().machines("apps")) {
            assertThat(node(m.name()).getMetadata().getLabels()).containsEntry("tier", "silver");
            assertThat(node(m.name()).getSpec().getTaints()).extracting(io.fabric8.kubernetes.api.model.Taint::getKey)
                    .containsExactly("vendor.example/gpu");
        }
        assertThat(cloud.machinesEverCreated(created.id())).as("nothing replaced").isEqualTo(machinesMade);
        assertThat(engine.events().list(created.id())).filteredOn(e -> e.reason().equals("NodeUpdated")).hasSize(4);
        assertThat(clientsFor).hasSize(1);
    }

    /** Plays the kubelets for node jobs: each Job's pod "runs" and prints a node log with a planted token. */
    private void nodeJobsRun(Set<String> done) {
        for (io.fabric8.kubernetes.api.model.batch.v1.Job j : api.client().batch().v1().jobs().inNamespace("kube-system").list().getItems()) {
            String name = j.getMetadata().getName();
            if (!done.add(name)) {
                continue;
            }
            String pod = name + "-pod";
            api.server().expect().get().withPath("/api/v1/namespaces/kube-system/pods/" + pod + "/log?pretty=false")
                    .andReturn(200, "==> /var/log/syslog <==\nkubelet started on " + j.getSpec().getTemplate().getSpec().getNodeName()
                            + "\ncurl -H 'Authorization: Bearer " + PLANTED_TOKEN + "'\n==> /var/log/cloud-init-output.log <==\n"
                            + "Cloud-init finished\n").always();
            api.client().resource(new io.fabric8.kubernetes.api.model.PodBuilder().withNewMetadata().withName(pod).withNamespace("kube-system")
                    .addToLabels("job-name", name).endMetadata().build()).create();
            j.setStatus(new io.fabric8.kubernetes.api.model.batch.v1.JobStatusBuilder().withSucceeded(1).build());
            api.client().resource(j).update();
        }
    }

    private static final String PLANTED_TOKEN = "s3cr3t-t0ken-value-1234567890";
    private static final String PLANTED_PASSWORD = "Pl4nted-Passw0rd!";

    @Test
    void aLogBundleOfTheClusterIsCollectedThroughTheApiWithThePlantedSecretsLeftOut() throws java.io.IOException {
        engine.start();
        Cluster c = runUntilConverged(engine.clusters().create("bundled", spec()).id());
        api.client().resource(new io.fabric8.kubernetes.api.model.PodBuilder().withNewMetadata().withName("kube-apiserver-cp")
                .withNamespace("kube-system").endMetadata().withNewSpec().addNewContainer().withName("kube-apiserver").withImage("k8s")
                .endContainer().endSpec().build()).create();
        api.server().expect().get().withPath("/api/v1/namespaces/kube-system/pods/kube-apiserver-cp/log?pretty=false&container=kube-apiserver")
                .andReturn(200, "serving on :6443\n--basic-auth password=" + PLANTED_PASSWORD + "\n").always();
        api.client().resource(new io.fabric8.kubernetes.api.model.SecretBuilder().withNewMetadata().withName("db").withNamespace("shop")
                .endMetadata().addToStringData("password", PLANTED_PASSWORD).build()).create();
        api.client().resource(new io.fabric8.kubernetes.api.model.ConfigMapBuilder().withNewMetadata().withName("agent").withNamespace("shop")
                .endMetadata().addToData("config", "endpoint: https://palette.example\napiToken: " + PLANTED_TOKEN + "\n").build()).create();

        dev.palette.sdk.core.bundle.LogBundle requested = engine.logBundles().request(c.id());
        Set<String> jobsDone = new HashSet<>();
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20)).until(() -> {
            nodeJobsRun(jobsDone);
            return engine.logBundles().get(requested.id()).isDone();
        });
        dev.palette.sdk.core.bundle.LogBundle done = engine.logBundles().get(requested.id());

        assertThat(done.status()).isEqualTo(dev.palette.sdk.core.bundle.LogBundleStatus.READY);
        Map<String, String> files = new java.util.LinkedHashMap<>();
        try (var in = new java.util.zip.ZipInputStream(java.nio.file.Files.newInputStream(done.file().orElseThrow()))) {
            for (var e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                files.put(e.getName(), new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
            }
        }
        assertThat(files).containsKeys("bundle.txt", "Manifest.yaml", "kube-system/kube-apiserver-cp/kube-apiserver.log");
        for (Machine m : c.status().machines()) {
            assertThat(files.get("nodes/" + m.name() + "/var/log/syslog")).as("a pod on " + m.name() + " read its log")
                    .contains("kubelet started on " + m.name()).contains("Bearer [redacted]");
        }
        assertThat(files.get("Manifest.yaml")).contains("name: \"db\"").contains("name: \"agent\"").contains("kind: \"Node\"");
        assertThat(files.get("kube-system/kube-apiserver-cp/kube-apiserver.log")).contains("password=[redacted]");
        String everything = String.join("\n", files.values());
        assertThat(everything).doesNotContain(PLANTED_TOKEN).doesNotContain(PLANTED_PASSWORD);
        assertThat(api.client().batch().v1().jobs().inNamespace("kube-system").list().getItems()).as("the node pods are gone").isEmpty();
    }
}
