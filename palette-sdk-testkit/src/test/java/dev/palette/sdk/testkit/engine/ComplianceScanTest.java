package dev.palette.sdk.testkit.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.palette.sdk.api.model.Cluster;
import dev.palette.sdk.api.model.Condition;
import dev.palette.sdk.api.model.ConditionStatus;
import dev.palette.sdk.api.model.ConditionTypes;
import dev.palette.sdk.api.model.MachineRole;
import dev.palette.sdk.api.scan.ScanReport;
import dev.palette.sdk.api.scan.ScanTotals;
import dev.palette.sdk.api.workload.NodeJob;
import dev.palette.sdk.core.PaletteEngine;
import dev.palette.sdk.core.store.InMemoryClusterStore;
import dev.palette.sdk.core.store.InMemorySecretStore;
import dev.palette.sdk.testkit.SimCloud;
import dev.palette.sdk.testkit.VirtualClock;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** CIS scans end to end on the simulated cloud: kube-bench Jobs per role, the combined report, and failures as conditions. */
class ComplianceScanTest {
    /** A control-plane run in kube-bench's bare-array shape (no Totals). */
    private static final String CONTROL_PLANE = """
            [{"id": "1", "version": "cis-1.10", "text": "Control Plane Security Configuration", "node_type": "master",
              "tests": [{"section": "1.2", "desc": "API Server", "results": [
                {"test_number": "1.2.1", "test_desc": "Ensure that the --anonymous-auth argument is set to false",
                 "status": "FAIL", "scored": false, "remediation": "Edit the API server pod specification file"},
                {"test_number": "1.2.2", "test_desc": "Ensure that the --token-auth-file parameter is not set",
                 "status": "PASS", "scored": true, "remediation": ""}]}],
              "total_pass": 40, "total_fail": 3, "total_warn": 9, "total_info": 0},
             {"id": "2", "version": "cis-1.10", "text": "Etcd Node Configuration", "node_type": "etcd", "tests": [],
              "total_pass": 7, "total_fail": 0, "total_warn": 0, "total_info": 0}]
            """;
    /** A worker run in the object shape, with Totals. */
    private static final String NODE = """
            {"Controls": [{"id": "4", "version": "cis-1.10", "text": "Worker Node Security Configuration", "node_type": "node",
              "tests": [], "total_pass": 19, "total_fail": 1, "total_warn": 3, "total_info": 0}],
             "Totals": {"total_pass": 19, "total_fail": 1, "total_warn": 3, "total_info": 0}}
            """;

    private final VirtualClock clock = new VirtualClock();
    private final SimCloud cloud = SimClusters.cloud(clock);
    private final PaletteEngine engine = SimClusters.engine(clock, cloud, new InMemoryClusterStore(), new InMemorySecretStore());
    private Cluster cluster;

    @BeforeEach
    void running() {
        cluster = SimClusters.startAndProvision(engine, clock, "scanned", SimClusters.spec(1, 2));
    }

    @AfterEach
    void close() {
        engine.close();
    }

    private Condition scanCondition() {
        return engine.clusters().get(cluster.id()).status().condition(ConditionTypes.COMPLIANCE_SCAN).orElseThrow();
    }

    @Test
    void kubeBenchRunsOnEachRoleWithTheBenchmarkOfTheKubernetesVersionAndTheRunsMakeOneReport() {
        cloud.jobs().answer("kube-bench-cp", CONTROL_PLANE);
        cloud.jobs().answer("kube-bench-node", NODE);

        Optional<ScanReport> report = engine.scans().run(cluster.id()).toCompletableFuture().join();

        assertThat(report).isPresent();
        ScanReport r = report.get();
        assertThat(r.benchmark()).as("Kubernetes 1.33 takes the newest benchmark").isEqualTo("cis-1.10");
        assertThat(r.totals()).isEqualTo(new ScanTotals(66, 4, 12, 0));
        assertThat(r.totalsByNodeType()).containsOnlyKeys("etcd", "master", "node").containsEntry("node", new ScanTotals(19, 1, 3, 0));
        assertThat(r.failures()).extracting(f -> f.id()).containsExactly("1.2.1");
        assertThat(cloud.jobs().ran()).extracting(NodeJob::role).containsExactlyInAnyOrder(MachineRole.CONTROL_PLANE, MachineRole.WORKER);
        assertThat(cloud.jobs().ran()).allSatisfy(j -> {
            assertThat(j.command()).containsSubsequence("--benchmark", "cis-1.10").contains("--json");
            assertThat(j.hostPid()).isTrue();
            assertThat(j.hostPaths()).contains("/etc/kubernetes", "/var/lib/kubelet");
        });
        assertThat(cloud.jobs().ran()).filteredOn(j -> j.role() == MachineRole.WORKER).singleElement()
                .satisfies(j -> assertThat(j.command()).containsSubsequence("--targets", "node"));
        assertThat(scanCondition().status()).isEqualTo(ConditionStatus.TRUE);
        assertThat(scanCondition().message()).isEqualTo("66 pass, 4 fail, 12 warn, 0 info (cis-1.10)");
        assertThat(engine.scans().last(cluster.id())).contains(r);
        assertThat(engine.events().list(cluster.id())).anyMatch(e -> e.reason().equals("ScanCompleted"));
        assertThat(engine.clusters().get(cluster.id()).isReady()).as("a scan changes nothing else").isTrue();
    }

    @Test
    void aFailedOrTimedOutScanIsAFailedConditionNotAnException() {
        cloud.jobs().answer("kube-bench-cp", CONTROL_PLANE);
        cloud.jobs().fail("kube-bench-node", "ImagePullBackOff: docker.io/aquasec/kube-bench:v0.10.4");
        assertThat(engine.scans().run(cluster.id()).toCompletableFuture().join()).isEmpty();
        assertThat(scanCondition().status()).isEqualTo(ConditionStatus.FALSE);
        assertThat(scanCondition().reason()).isEqualTo("ScanFailed");
        assertThat(scanCondition().message()).contains("ImagePullBackOff");

        cloud.jobs().hang("kube-bench-node");
        assertThat(engine.scans().run(cluster.id()).toCompletableFuture().join()).isEmpty();
        assertThat(scanCondition().reason()).isEqualTo("ScanTimedOut");
        assertThat(scanCondition().message()).contains("did not finish within 10m");

        cloud.jobs().answer("kube-bench-node", "Error: unable to determine benchmark version");
        assertThat(engine.scans().run(cluster.id()).toCompletableFuture().join()).isEmpty();
        assertThat(scanCondition().message()).as("output that is not kube-bench JSON").contains("output: is not JSON");
        assertThat(engine.scans().last(cluster.id())).isEmpty();
    }
}
