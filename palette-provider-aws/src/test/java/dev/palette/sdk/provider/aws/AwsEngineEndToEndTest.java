package dev.palette.sdk.provider.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.palette.sdk.api.model.CloudConfig;
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
import dev.palette.sdk.core.EngineSettings;
import dev.palette.sdk.core.PaletteEngine;
import dev.palette.sdk.provider.aws.fake.FakeAwsServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The engine runs a cluster's whole life on the AWS provider against the stateful fake, in real time:
 * provisioned (1 control plane, 2 workers), scaled, rolled to another instance type, held by a vCPU
 * limit and released when it is raised, deleted with nothing left behind.
 */
class AwsEngineEndToEndTest {
    private static final Duration LIMIT = Duration.ofSeconds(60);
    private final FakeAwsServer aws = new FakeAwsServer();
    private final PaletteEngine engine = PaletteEngine.builder().discoverProviders(false).provider(aws.provider())
            .settings(EngineSettings.DEFAULTS.withPollInterval(Duration.ofMillis(50))
                    .withBackoff(Duration.ofMillis(5), Duration.ofMillis(200)))
            .build();

    @AfterEach
    void stop() {
        engine.close();
        aws.close();
    }

    private static ClusterSpec spec() {
        ClusterProfile profile = ClusterProfile.builder().name("aws-base").version("1.0.0").cloudType("aws")
                .addPack(Pack.builder().name("ubuntu-aws").version("22.04").layer(Layer.OS).skipK8sInstall(true)
                        .addImage(ImageReference.of("aws", FakeAwsServer.REGION, FakeAwsServer.UBUNTU_AMI)).build())
                .addPack(Pack.builder().name("kubernetes").version("1.33.6").layer(Layer.KUBERNETES).build())
                .addPack(Pack.builder().name("cni-calico").version("3.31.2").layer(Layer.CNI).build())
                .build();
        return ClusterSpec.builder().profile(profile)
                .cloud(CloudConfig.of("aws", FakeAwsServer.REGION).withProperties(Map.of("zones", List.of("us-east-1a", "us-east-1b"))))
                .controlPlane(1, "m5.large")
                .addWorkerPool(MachinePoolSpec.builder().name("workers").count(2).instanceType("m5.large")
                        .zones(List.of("us-east-1a", "us-east-1b")).build())
                .build();
    }

    private Set<String> providerIds(Cluster c, String pool) {
        return c.status().machines(pool).stream().map(Machine::providerId).collect(Collectors.toSet());
    }

    @Test
    void aClusterLivesItsWholeLifeOnTheFakeAws() {
        engine.start();
        Cluster c = engine.clusters().create("aws-e2e", spec());
        Cluster ready = engine.clusters().await(c.id(), Cluster::isReady, LIMIT);

        assertThat(ready.status().conditions()).extracting(Condition::type).contains(ConditionTypes.INFRASTRUCTURE_READY,
                ConditionTypes.IMAGE_READY, ConditionTypes.CONTROL_PLANE_READY, ConditionTypes.WORKERS_READY);
        assertThat(ready.status().conditions()).allMatch(Condition::isTrue);
        assertThat(ready.status().machines()).hasSize(3).allMatch(m -> m.phase() == MachinePhase.RUNNING);
        assertThat(ready.status().machines("workers")).extracting(Machine::zone).containsExactlyInAnyOrder("us-east-1a", "us-east-1b");
        assertThat(aws.fake().instances(c.id())).hasSize(3).allSatisfy((id, state) -> assertThat(state).isEqualTo("running"));
        assertThat(ready.status().endpoint()).matches("https://" + c.id() + "-api-[0-9a-f]+\\.elb\\.us-east-1\\.amazonaws\\.com:6443");
        String tg = aws.fake().ids("target-group").get(0);
        assertThat(aws.fake().parts(tg)).extracting(p -> p.get("id")).containsExactlyElementsOf(providerIds(ready, "control-plane"));
        assertThat(aws.fake().calls("RunInstances")).as("one launch per machine").isEqualTo(3);

        engine.clusters().scaleWorkerPool(c.id(), "workers", 3);
        Cluster scaled = engine.clusters().await(c.id(), x -> x.isReady() && x.status().machines("workers").size() == 3, LIMIT);
        assertThat(aws.fake().instances(c.id())).hasSize(4);

        Set<String> before = providerIds(scaled, "workers");
        engine.clusters().update(c.id(), s -> s.withWorkerPool(s.workerPool("workers").orElseThrow().toBuilder()
                .instanceType("m5.xlarge").build()));
        Cluster rolled = engine.clusters().await(c.id(), x -> x.isReady() && x.status().machines("workers").stream()
                .allMatch(m -> m.instanceType().equals("m5.xlarge")), LIMIT);
        assertThat(rolled.status().machines("workers")).hasSize(3);
        assertThat(providerIds(rolled, "workers")).doesNotContainAnyElementsOf(before);
        assertThat(rolled.status().upgradeHistory()).anyMatch(u -> String.join(";", u.reasons()).contains("m5.large")
                && String.join(";", u.reasons()).contains("m5.xlarge"));
        assertThat(aws.fake().instances(c.id())).as("replaced workers are terminated").hasSize(4);

        // 1 control plane (m5.large: 2 vCPUs) + 3 workers (m5.xlarge: 4 each) = 14: no room for a fifth machine.
        aws.fake().setVcpuLimit(14);
        engine.clusters().scaleWorkerPool(c.id(), "workers", 4);
        Cluster held = engine.clusters().await(c.id(), x -> x.status().condition(ConditionTypes.WORKERS_READY)
                .map(Condition::isFailed).orElse(false), LIMIT);
        Condition failed = held.status().condition(ConditionTypes.WORKERS_READY).orElseThrow();
        assertThat(failed.reason()).isEqualTo("QuotaExceeded");
        assertThat(failed.message()).startsWith("You have requested more vCPU capacity than your current vCPU limit of 14");
        aws.fake().setVcpuLimit(100);
        Cluster released = engine.clusters().await(c.id(), x -> x.isReady() && x.status().machines("workers").size() == 4, LIMIT);
        assertThat(released.status().condition(ConditionTypes.WORKERS_READY).orElseThrow().isTrue()).isTrue();
        assertThat(aws.fake().instances(c.id())).hasSize(5);

        engine.clusters().delete(c.id());
        engine.clusters().awaitDeleted(c.id(), LIMIT);
        assertThat(aws.fake().leftovers(c.id())).as("nothing of the cluster is left in the cloud").isEmpty();
        assertThat(aws.fake().ids("vpc")).isEmpty();
    }

    @Test
    void privateWorkersGoOutThroughTheClustersNatGatewayWhichIsDeletedWithIt() {
        engine.start();
        ClusterSpec spec = spec();
        spec = spec.toBuilder().cloud(spec.cloud().withProperties(Map.of("zones", List.of("us-east-1a", "us-east-1b"),
                "natGateway", true))).build();
        Cluster c = engine.clusters().create("aws-nat", spec);
        engine.clusters().await(c.id(), Cluster::isReady, LIMIT);

        List<String> nats = aws.fake().ids("nat");
        assertThat(nats).hasSize(1);
        Map<String, String> nat = aws.fake().describe(nats.get(0));
        assertThat(nat).containsEntry("state", "available").containsEntry("tag:palette.dev/cluster-id", c.id());
        assertThat(nat.get("client-token")).as("an idempotency token, so a retried create makes no second gateway").hasSize(64);
        Map<String, String> natSubnet = aws.fake().describe(nat.get("subnet-id"));
        assertThat(natSubnet).as("the NAT gateway sits in the first zone's public control-plane subnet")
                .containsEntry("tag:palette.dev/role", "control-plane").containsEntry("availability-zone", "us-east-1a");
        assertThat(aws.fake().ids("address")).hasSize(1).allSatisfy(a -> assertThat(aws.fake().describe(a))
                .containsEntry("tag:palette.dev/cluster-id", c.id()).containsEntry("allocation-id", nat.get("allocation-id")));
        assertThat(aws.fake().calls("CreateNatGateway")).as("made once, then found by tag while it became available")
                .isEqualTo(1);

        String privateTable = aws.fake().ids("route-table").stream()
                .filter(t -> "private".equals(aws.fake().describe(t).get("tag:palette.dev/role"))).findFirst().orElseThrow();
        assertThat(aws.fake().parts(privateTable)).anySatisfy(r -> assertThat(r).containsEntry("kind", "route")
                .containsEntry("destination", "0.0.0.0/0").containsEntry("nat", nats.get(0)));
        for (String subnet : aws.fake().ids("subnet")) {
            Map<String, String> sn = aws.fake().describe(subnet);
            boolean worker = "worker".equals(sn.get("tag:palette.dev/role"));
            assertThat(sn.get("map-public-ip")).as(subnet + " hands out public addresses only if it is public")
                    .isEqualTo(worker ? "false" : "true");
            assertThat(aws.fake().parts(privateTable).stream().anyMatch(p -> subnet.equals(p.get("subnet"))))
                    .as(subnet + " routed privately only if it is a worker subnet").isEqualTo(worker);
        }

        engine.clusters().delete(c.id());
        engine.clusters().awaitDeleted(c.id(), LIMIT);
        assertThat(aws.fake().leftovers(c.id())).as("nothing of the cluster is left in the cloud").isEmpty();
        assertThat(aws.fake().describe(nats.get(0))).containsEntry("state", "deleted");
        assertThat(aws.fake().ids("address")).as("the Elastic IP is released").isEmpty();
    }
}
