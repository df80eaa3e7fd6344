package dev.palette.sdk.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.palette.sdk.api.model.CertificateExpiry;
import dev.palette.sdk.api.model.ChartReference;
import dev.palette.sdk.api.model.CloudConfig;
import dev.palette.sdk.api.model.Cluster;
import dev.palette.sdk.api.model.ClusterMetadata;
import dev.palette.sdk.api.model.ClusterPhase;
import dev.palette.sdk.api.model.ClusterProfile;
import dev.palette.sdk.api.model.ClusterSpec;
import dev.palette.sdk.api.model.ClusterStatus;
import dev.palette.sdk.api.model.Condition;
import dev.palette.sdk.api.model.ConditionStatus;
import dev.palette.sdk.api.model.ImageReference;
import dev.palette.sdk.api.model.Layer;
import dev.palette.sdk.api.model.Machine;
import dev.palette.sdk.api.model.MachinePhase;
import dev.palette.sdk.api.model.MachinePoolSpec;
import dev.palette.sdk.api.model.MachineRole;
import dev.palette.sdk.api.model.Manifest;
import dev.palette.sdk.api.model.Pack;
import dev.palette.sdk.api.model.Taint;
import dev.palette.sdk.api.model.UpgradeRecord;
import dev.palette.sdk.jdbc.internal.ClusterJson;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ClusterJsonTest {
    static Cluster full() {
        Instant t = Instant.parse("2026-01-01T00:00:00Z");
        Pack os = Pack.builder().name("ubuntu").version("22.04").layer(Layer.OS).registry("public").cloudTypes(List.of("aws"))
                .annotations(Map.of("imageId", "ami-1")).valuesYaml("a: 1\n").values(Map.of("a", 1, "nested", Map.of("b", List.of(1, "x"))))
                .schema("a:\n  schema: '{{ required }}'\n").addManifest(new Manifest("m.yaml", "kind: X"))
                .addChart(new ChartReference("charts/c-1.0.tgz", "c", "1.0")).addImage(ImageReference.of("aws", "us-east-1", "ami-1"))
                .ansibleRoles(List.of("r")).skipK8sInstall(true).build();
        ClusterProfile p = ClusterProfile.builder().name("p").version("1").cloudType("aws").addPack(os)
                .packValues("ubuntu", Map.of("a", 2)).variable("v", "1").build();
        ClusterSpec spec = ClusterSpec.builder().profile(p).cloud(CloudConfig.of("aws", "us-east-1").withCredentialsRef("creds/aws"))
                .controlPlane(3, "m5.large").addWorkerPool(MachinePoolSpec.builder().name("w").count(2).instanceType("m5.xlarge")
                        .zones(List.of("a", "b")).labels(Map.of("k", "v")).taints(List.of(new Taint("k", "v", "NoSchedule"))).build())
                .build();
        Machine m = Machine.builder().name("w-1").pool("w").role(MachineRole.WORKER).phase(MachinePhase.RUNNING).providerId("i-1")
                .zone("a").instanceType("m5.xlarge").diskGiB(60).kubernetesVersion("1.33.6").imageId("ami-1").templateHash("h")
                .address("10.0.0.1").createdAt(t).replacementReasons(List.of("disk 60 → 80 GiB")).build();
        ClusterStatus st = ClusterStatus.builder().phase(ClusterPhase.RUNNING)
                .conditions(List.of(new Condition("InfrastructureReady", ConditionStatus.TRUE, "Ready", "ok", t, 0)))
                .machines(List.of(m)).endpoint("https://x:6443").observedGeneration(2).infrastructure(Map.of("network", "vpc-1"))
                .upgradeHistory(List.of(new UpgradeRecord(t, "w-0", "", List.of("r"))))
                .certificates(List.of(new CertificateExpiry("ca", t.plusSeconds(100)))).lastError("").build();
        return new Cluster(new ClusterMetadata("c-1", "demo", "t", "p", Map.of("team", "a"), 7, 2, t, Optional.of(t)), spec, st);
    }

    @Test
    void aFullyPopulatedClusterRoundTrips() {
        Cluster c = full();
        String json = ClusterJson.toJson(c);
        assertThat(json).doesNotContain("\"ready\"").contains("\"2026-01-01T00:00:00Z\"");
        assertThat(ClusterJson.fromJson(json)).isEqualTo(c);
    }
}
