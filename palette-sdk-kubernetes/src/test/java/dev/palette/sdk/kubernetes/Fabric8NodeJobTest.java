package dev.palette.sdk.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.palette.sdk.api.error.PaletteException;
import dev.palette.sdk.api.model.MachineRole;
import dev.palette.sdk.api.workload.NodeJob;
import dev.palette.sdk.api.workload.WorkloadCluster;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Node jobs through the real client: the Job as sent, its log once it succeeds, its failure, its deadline, its deletion. */
class Fabric8NodeJobTest {
    private static final String NS = "kube-system";
    @RegisterExtension
    final ConnectedCluster connected = new ConnectedCluster();
    private final MockApiServer api = connected.api;
    private final WorkloadCluster cluster = connected.cluster;

    private static NodeJob bench(MachineRole role, Duration timeout) {
        return new NodeJob("kube-bench-cp", NS, "docker.io/aquasec/kube-bench:v0.10.4",
                List.of("kube-bench", "run", "--targets", "master", "--json"), role, "", true, List.of("/etc/kubernetes", "/var/lib/kubelet"),
                timeout);
    }

    private Job awaitJob() {
        return Awaitility.await().atMost(Duration.ofSeconds(10)).until(
                () -> api.client().batch().v1().jobs().inNamespace(NS).list().getItems(), l -> !l.isEmpty()).get(0);
    }

    private void finish(Job j, boolean ok, String pod) {
        api.client().resource(new PodBuilder().withNewMetadata().withName(pod).withNamespace(NS)
                .addToLabels("job-name", j.getMetadata().getName()).endMetadata()
                .withNewStatus().addNewContainerStatus().withName("job").withNewState().withNewTerminated()
                .withReason(ok ? "Completed" : "Error").withExitCode(ok ? 0 : 2).withMessage(ok ? null : "open /etc/kubernetes/manifests: permission denied")
                .endTerminated().endState().endContainerStatus().endStatus().build()).create();
        Job done = api.client().batch().v1().jobs().inNamespace(NS).withName(j.getMetadata().getName()).get();
        done.setStatus(new io.fabric8.kubernetes.api.model.batch.v1.JobStatusBuilder().withSucceeded(ok ? 1 : 0).withFailed(ok ? 0 : 1).build());
        api.client().resource(done).update();
    }

    private List<Job> jobsLeft() {
        return api.client().batch().v1().jobs().inNamespace(NS).list().getItems();
    }

    @Test
    void aJobRunsOnceOnTheRoleItIsSentToAndItsLogIsTheResult() {
        CompletableFuture<String> log = cluster.runJob(bench(MachineRole.CONTROL_PLANE, Duration.ofMinutes(5))).toCompletableFuture();
        Job j = awaitJob();
        assertThat(j.getMetadata().getName()).startsWith("kube-bench-cp-");
        assertThat(j.getSpec().getBackoffLimit()).as("no retries").isZero();
        assertThat(j.getSpec().getActiveDeadlineSeconds()).isEqualTo(300L);
        var pod = j.getSpec().getTemplate().getSpec();
        assertThat(pod.getNodeSelector()).containsEntry("node-role.kubernetes.io/control-plane", "");
        assertThat(pod.getTolerations()).anyMatch(t -> "Exists".equals(t.getOperator()) && t.getKey() == null);
        assertThat(pod.getHostPID()).isTrue();
        assertThat(pod.getRestartPolicy()).isEqualTo("Never");
        assertThat(pod.getContainers().get(0).getVolumeMounts()).extracting(m -> m.getMountPath() + ":" + m.getReadOnly())
                .containsExactly("/etc/kubernetes:true", "/var/lib/kubelet:true");
        assertThat(pod.getVolumes()).extracting(v -> v.getHostPath().getPath()).containsExactly("/etc/kubernetes", "/var/lib/kubelet");

        api.server().expect().get().withPath("/api/v1/namespaces/kube-system/pods/bench-pod/log?pretty=false")
                .andReturn(200, "[{\"id\": \"1\"}]").always();
        finish(j, true, "bench-pod");

        assertThat(log.join()).isEqualTo("[{\"id\": \"1\"}]");
        assertThat(jobsLeft()).as("deleted once done").isEmpty();
    }

    @Test
    void aWorkerJobAvoidsControlPlaneNodesAndAFailedPodSaysWhy() {
        CompletableFuture<String> log = cluster.runJob(bench(MachineRole.WORKER, Duration.ofMinutes(5))).toCompletableFuture();
        Job j = awaitJob();
        var terms = j.getSpec().getTemplate().getSpec().getAffinity().getNodeAffinity()
                .getRequiredDuringSchedulingIgnoredDuringExecution().getNodeSelectorTerms();
        assertThat(terms.get(0).getMatchExpressions()).singleElement().satisfies(e -> {
            assertThat(e.getKey()).isEqualTo("node-role.kubernetes.io/control-plane");
            assertThat(e.getOperator()).isEqualTo("DoesNotExist");
        });
        finish(j, false, "bench-pod");
        assertThatThrownBy(log::join).isInstanceOf(CompletionException.class).cause().isInstanceOf(PaletteException.class)
                .hasMessageContaining("failed: Error (exit code 2): open /etc/kubernetes/manifests: permission denied");
        assertThat(jobsLeft()).isEmpty();
    }

    @Test
    void aJobThatDoesNotFinishInTimeFailsAndIsDeleted() {
        CompletableFuture<String> log = cluster.runJob(bench(MachineRole.CONTROL_PLANE, Duration.ofSeconds(1))).toCompletableFuture();
        awaitJob();
        assertThatThrownBy(() -> log.get(10, java.util.concurrent.TimeUnit.SECONDS)).cause()
                .isInstanceOf(PaletteException.class).hasMessageContaining("did not finish within 1s");
        assertThat(((PaletteException) log.handle((l, e) -> e.getCause()).join()).retryable()).isTrue();
        assertThat(jobsLeft()).isEmpty();
    }
}
