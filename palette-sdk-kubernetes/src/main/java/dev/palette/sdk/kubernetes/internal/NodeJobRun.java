package dev.palette.sdk.kubernetes.internal;

import dev.palette.sdk.api.error.PaletteException;
import dev.palette.sdk.api.model.MachineRole;
import dev.palette.sdk.api.workload.NodeJob;
import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Runs a {@link NodeJob} as a Kubernetes Job of one pod (no retries, a deadline as the API server's own
 * {@code activeDeadlineSeconds} too), looks at it in rounds on a timer — no thread waits — and returns the
 * pod's log once it succeeded. A failed pod's reason and message, or the deadline passing, fail the run.
 * The Job and its pod are deleted afterwards in every case.
 */
public final class NodeJobRun {
    private static final String CONTROL_PLANE_LABEL = "node-role.kubernetes.io/control-plane";
    private static final String JOB_LABEL = "palette.dev/job";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final ClusterCalls calls;
    private final NodeJob job;
    private final String name;
    private final Duration pollInterval;
    private final long deadline;

    /**
     * A run, started by {@link #run()}.
     *
     * @param calls the cluster's calls
     * @param job what to run
     * @param pollInterval how long between looks
     */
    public NodeJobRun(ClusterCalls calls, NodeJob job, Duration pollInterval) {
        this.calls = calls;
        this.job = job;
        this.name = uniqueName(job.name());
        this.pollInterval = pollInterval;
        this.deadline = System.nanoTime() + job.timeout().toNanos();
    }

    /**
     * Creates the Job and waits for it.
     *
     * @return completes with the pod's log
     */
    public CompletableFuture<String> run() {
        CompletableFuture<String> result = calls.call("create job " + name, c -> {
            c.batch().v1().jobs().inNamespace(job.namespace()).resource(manifest()).create();
            return null;
        }).thenCompose(x -> next());
        // Deleted whatever happened; a delete that fails is left to the Job's own TTL.
        return result.handle((log, err) -> calls.call("delete job " + name, this::delete).handle((d, e) -> null)
                .thenCompose(d -> err == null ? CompletableFuture.completedFuture(log) : CompletableFuture.<String>failedFuture(err)))
                .thenCompose(f -> f);
    }

    private CompletableFuture<String> next() {
        long remaining = deadline - System.nanoTime();
        if (remaining <= 0) {
            return CompletableFuture.failedFuture(new PaletteException("cluster " + calls.clusterId() + ": job " + name
                    + " did not finish within " + minutes(job.timeout()), true));
        }
        Duration wait = Duration.ofNanos(Math.min(remaining, pollInterval.toNanos()));
        return calls.callAfter(wait, "look at job " + name, this::look).thenCompose(log -> log == null ? next()
                : CompletableFuture.completedFuture(log));
    }

    /** The pod's log once the Job succeeded; {@code null} while it runs; throws when it failed. */
    private String look(KubernetesClient c) {
        Job j = c.batch().v1().jobs().inNamespace(job.namespace()).withName(name).get();
        if (j == null) {
            throw new PaletteException("cluster " + calls.clusterId() + ": job " + name + " disappeared", true);
        }
        boolean succeeded = j.getStatus() != null && j.getStatus().getSucceeded() != null && j.getStatus().getSucceeded() > 0;
        boolean failed = j.getStatus() != null && j.getStatus().getFailed() != null && j.getStatus().getFailed() > 0;
        if (!succeeded && !failed) {
            return null;
        }
        Pod pod = c.pods().inNamespace(job.namespace()).withLabel("job-name", name).list().getItems().stream().findFirst().orElse(null);
        if (succeeded) {
            if (pod == null) {
                throw new PaletteException("cluster " + calls.clusterId() + ": job " + name + " succeeded but its pod is gone", true);
            }
            return c.pods().inNamespace(job.namespace()).withName(pod.getMetadata().getName()).getLog();
        }
        throw new PaletteException("cluster " + calls.clusterId() + ": job " + name + " failed: " + why(j, pod), false);
    }

    private static String why(Job j, Pod pod) {
        if (pod != null && pod.getStatus() != null && pod.getStatus().getContainerStatuses() != null) {
            for (ContainerStatus s : pod.getStatus().getContainerStatuses()) {
                ContainerStateTerminated t = s.getState() == null ? null : s.getState().getTerminated();
                if (t != null) {
                    return t.getReason() + " (exit code " + t.getExitCode() + ")" + (t.getMessage() == null ? "" : ": " + t.getMessage());
                }
                if (s.getState() != null && s.getState().getWaiting() != null) {
                    return s.getState().getWaiting().getReason() + ": " + s.getState().getWaiting().getMessage();
                }
            }
        }
        if (j.getStatus().getConditions() != null) {
            for (JobCondition jc : j.getStatus().getConditions()) {
                if ("Failed".equals(jc.getType())) {
                    return jc.getReason() + ": " + jc.getMessage();
                }
            }
        }
        return "the pod failed";
    }

    private Void delete(KubernetesClient c) {
        c.batch().v1().jobs().inNamespace(job.namespace()).withName(name).withPropagationPolicy(DeletionPropagation.BACKGROUND).delete();
        return null;
    }

    Job manifest() {
        PodSpecBuilder pod = new PodSpecBuilder().withRestartPolicy("Never").withHostPID(job.hostPid());
        if (!job.nodeName().isEmpty()) {
            pod.withNodeName(job.nodeName());
        } else if (job.role() == MachineRole.CONTROL_PLANE) {
            pod.withNodeSelector(Map.of(CONTROL_PLANE_LABEL, ""));
        } else {
            pod.withNewAffinity().withNewNodeAffinity().withNewRequiredDuringSchedulingIgnoredDuringExecution()
                    .addNewNodeSelectorTerm().addNewMatchExpression().withKey(CONTROL_PLANE_LABEL).withOperator("DoesNotExist")
                    .endMatchExpression().endNodeSelectorTerm().endRequiredDuringSchedulingIgnoredDuringExecution()
                    .endNodeAffinity().endAffinity();
        }
        // It must run where it is sent, whatever taints the node has (a control plane's NoSchedule above all).
        pod.withTolerations(new TolerationBuilder().withOperator("Exists").build());
        List<io.fabric8.kubernetes.api.model.VolumeMount> mounts = new ArrayList<>();
        for (int i = 0; i < job.hostPaths().size(); i++) {
            String path = job.hostPaths().get(i);
            pod.addToVolumes(new VolumeBuilder().withName("host-" + i).withNewHostPath().withPath(path).endHostPath().build());
            mounts.add(new VolumeMountBuilder().withName("host-" + i).withMountPath(path).withReadOnly(true).build());
        }
        pod.addNewContainer().withName("job").withImage(job.image()).withCommand(job.command()).withVolumeMounts(mounts).endContainer();
        return new JobBuilder().withNewMetadata().withName(name).withNamespace(job.namespace()).addToLabels(JOB_LABEL, name)
                .endMetadata()
                .withNewSpec().withBackoffLimit(0).withTtlSecondsAfterFinished(600)
                .withActiveDeadlineSeconds(Math.max(1, job.timeout().toSeconds()))
                .withNewTemplate().withNewMetadata().addToLabels(JOB_LABEL, name).endMetadata().withSpec(pod.build()).endTemplate()
                .endSpec().build();
    }

    String name() {
        return name;
    }

    private static String uniqueName(String prefix) {
        String alphabet = "bcdfghjklmnpqrstvwxz2456789";
        StringBuilder s = new StringBuilder(prefix.length() > 57 ? prefix.substring(0, 57) : prefix).append('-');
        for (int i = 0; i < 5; i++) {
            s.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        }
        return s.toString();
    }

    private static String minutes(Duration d) {
        return d.toSeconds() % 60 == 0 ? d.toMinutes() + "m" : d.toSeconds() + "s";
    }
}
