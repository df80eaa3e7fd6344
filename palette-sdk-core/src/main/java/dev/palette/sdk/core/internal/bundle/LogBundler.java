package dev.palette.sdk.core.internal.bundle;

import dev.palette.sdk.api.model.Cluster;
import dev.palette.sdk.api.model.MachineRole;
import dev.palette.sdk.api.workload.NodeJob;
import dev.palette.sdk.api.workload.NodeStatus;
import dev.palette.sdk.api.workload.PodLog;
import dev.palette.sdk.api.workload.WorkloadCluster;
import dev.palette.sdk.core.bundle.LogBundleRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/**
 * Collects what a log bundle holds from a cluster's API, each part on its own so that one that does not
 * answer is listed as missing (with why) while the others still go in: the objects' description, the
 * kube-system pods' logs, the agent namespace's recent logs, and each node's log files through a short-lived
 * pod per node. Everything is redacted as it comes in.
 */
public final class LogBundler {
    /** A collected bundle: entries by zip path (insertion order: most useful first), and what is missing. */
    public record Collected(Map<String, String> entries, List<String> missing) {
    }

    private LogBundler() {
    }

    /**
     * Collects.
     *
     * @param cluster the cluster
     * @param wc its API
     * @param request what to collect
     * @param now when the bundle was asked for
     * @return completes with what was collected; fails only if the API server answers nothing at all
     */
    public static CompletionStage<Collected> collect(Cluster cluster, WorkloadCluster wc, LogBundleRequest request, Instant now) {
        Map<String, String> entries = java.util.Collections.synchronizedMap(new LinkedHashMap<>());
        List<String> missing = java.util.Collections.synchronizedList(new ArrayList<>());
        entries.put("bundle.txt", "cluster " + cluster.metadata().name() + " (" + cluster.id() + ")\nrequested " + now
                + "\nKubernetes " + cluster.spec().profile().kubernetesPack().map(p -> p.version()).orElse("") + "\n");
        return wc.nodes().thenCompose(nodes -> {
            CompletableFuture<Void> manifest = wc.describeObjects().toCompletableFuture().handle((yaml, err) -> {
                if (err != null) {
                    missing.add("Manifest.yaml: " + message(err));
                } else {
                    entries.put("Manifest.yaml", Redactor.redact(yaml));
                }
                return null;
            });
            CompletableFuture<Void> system = pods(wc, "kube-system", null, entries, missing);
            CompletableFuture<Void> agent = pods(wc, request.agentNamespace(), request.agentWindow(), entries, missing);
            List<CompletableFuture<Void>> all = new ArrayList<>(List.of(manifest, system, agent));
            for (NodeStatus n : nodes) {
                all.add(node(wc, n.name(), request, entries, missing));
            }
            return CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).thenApply(x -> {
                Map<String, String> ordered = new LinkedHashMap<>();
                List<String> keys;
                synchronized (entries) {
                    keys = new ArrayList<>(entries.keySet());
                }
                // bundle.txt and Manifest.yaml first, then logs by path: the order the size limit cuts from the end.
                keys.sort((a, b) -> Integer.compare(rank(a), rank(b)) != 0 ? Integer.compare(rank(a), rank(b)) : a.compareTo(b));
                keys.forEach(k -> ordered.put(k, entries.get(k)));
                List<String> gaps;
                synchronized (missing) {
                    gaps = new ArrayList<>(missing);
                }
                java.util.Collections.sort(gaps);
                return new Collected(ordered, gaps);
            });
        });
    }

    private static int rank(String path) {
        return path.equals("bundle.txt") ? 0 : path.equals("Manifest.yaml") ? 1 : path.startsWith("kube-system/") ? 2
                : path.startsWith("nodes/") ? 4 : 3;
    }

    private static CompletableFuture<Void> pods(WorkloadCluster wc, String namespace, java.time.Duration since,
                                                Map<String, String> entries, List<String> missing) {
        return wc.podLogs(namespace, since).toCompletableFuture().handle((logs, err) -> {
            if (err != null) {
                missing.add(namespace + "/: " + message(err));
                return null;
            }
            for (PodLog l : logs) {
                String path = namespace + "/" + l.pod() + "/" + l.container() + ".log";
                if (l.error().isEmpty()) {
                    entries.put(path, Redactor.redact(l.text()));
                } else {
                    missing.add(path + ": " + Redactor.redact(l.error()));
                }
            }
            return null;
        });
    }

    private static CompletableFuture<Void> node(WorkloadCluster wc, String node, LogBundleRequest request,
                                                Map<String, String> entries, List<String> missing) {
        StringBuilder script = new StringBuilder();
        for (String f : request.nodeLogFiles()) {
            script.append("if [ -f ").append(f).append(" ]; then echo '==> ").append(f).append(" <=='; tail -n ")
                    .append(request.nodeLogLines()).append(' ').append(f).append("; fi; ");
        }
        script.append("true");
        List<String> dirs = request.nodeLogFiles().stream().map(f -> f.substring(0, f.lastIndexOf('/'))).distinct().toList();
        NodeJob job = new NodeJob("palette-logs", "kube-system", request.nodeJobImage(), List.of("sh", "-c", script.toString()),
                MachineRole.WORKER, node, false, dirs, request.nodeJobTimeout());
        return wc.runJob(job).toCompletableFuture().handle((out, err) -> {
            if (err != null) {
                missing.add("nodes/" + node + "/: " + message(err));
                return null;
            }
            split(out).forEach((file, text) -> entries.put("nodes/" + node + file, Redactor.redact(text)));
            return null;
        });
    }

    /** The node reader's output, one {@code ==> /path <==} header per file, back into files. */
    static Map<String, String> split(String out) {
        Map<String, String> files = new LinkedHashMap<>();
        String current = null;
        StringBuilder text = new StringBuilder();
        for (String line : out.split("\n", -1)) {
            if (line.startsWith("==> ") && line.endsWith(" <==")) {
                if (current != null) {
                    files.put(current, text.toString());
                }
                current = line.substring(4, line.length() - 4);
                text.setLength(0);
            } else if (current != null) {
                text.append(line).append('\n');
            }
        }
        if (current != null) {
            files.put(current, text.toString());
        }
        return files;
    }

    private static String message(Throwable err) {
        Throwable t = err instanceof CompletionException && err.getCause() != null ? err.getCause() : err;
        return Redactor.redact(t.getMessage() == null ? t.toString() : t.getMessage());
    }
}
