package dev.palette.sdk.core.internal.reconcile;

import dev.palette.sdk.api.workload.NodeUsage;
import dev.palette.sdk.core.usage.ClusterUsage;
import dev.palette.sdk.core.usage.UsagePolicy;
import dev.palette.sdk.core.usage.UsageSample;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToDoubleFunction;

/**
 * The usage of running clusters as the engine reads it on its periodic pass: the nodes now, and a bounded
 * history of sums — over the workers (the default view: they run the workloads) and over all nodes — for
 * charts and for the health signal of usage above a threshold for a whole window. Clusters whose access
 * reports no usage keep nothing.
 */
public final class UsageTracker {
    private static final class Track {
        final ArrayDeque<UsageSample> workers = new ArrayDeque<>();
        final ArrayDeque<UsageSample> all = new ArrayDeque<>();
        List<NodeUsage> nodes = List.of();
    }

    private final UsagePolicy policy;
    private final Map<String, Track> tracks = new ConcurrentHashMap<>();

    /**
     * Tracks with a policy.
     *
     * @param policy thresholds, window and history size
     */
    public UsageTracker(UsagePolicy policy) {
        this.policy = policy;
    }

    /**
     * Records what a cluster's nodes use now.
     *
     * @param clusterId the cluster
     * @param at when read
     * @param nodes the nodes; nothing is kept when empty
     */
    void record(String clusterId, Instant at, List<NodeUsage> nodes) {
        if (nodes.isEmpty()) {
            return;
        }
        Track t = tracks.computeIfAbsent(clusterId, id -> new Track());
        synchronized (t) {
            t.nodes = List.copyOf(nodes);
            add(t.all, UsageSample.of(at, nodes));
            add(t.workers, UsageSample.of(at, workers(nodes)));
        }
    }

    private void add(ArrayDeque<UsageSample> q, UsageSample s) {
        q.addLast(s);
        while (q.size() > policy.historySamples()) {
            q.removeFirst();
        }
    }

    private static List<NodeUsage> workers(List<NodeUsage> nodes) {
        List<NodeUsage> w = nodes.stream().filter(n -> !n.controlPlane()).toList();
        return w.isEmpty() ? nodes : w; // a cluster of control-plane nodes only runs its workloads there
    }

    /**
     * A cluster's usage.
     *
     * @param clusterId the cluster
     * @param allNodes all nodes rather than the workers only
     * @return the usage, empty before the first reading
     */
    public Optional<ClusterUsage> of(String clusterId, boolean allNodes) {
        Track t = tracks.get(clusterId);
        if (t == null) {
            return Optional.empty();
        }
        synchronized (t) {
            List<UsageSample> history = new ArrayList<>(allNodes ? t.all : t.workers);
            List<NodeUsage> nodes = allNodes ? t.nodes : workers(t.nodes);
            return Optional.of(new ClusterUsage(history.get(history.size() - 1), nodes, history));
        }
    }

    /**
     * What usage is above its threshold for the whole window on the workers, in words.
     *
     * @param clusterId the cluster
     * @return e.g. {@code CPU 96% (over 90%) for 12m}; empty when nothing is
     */
    Optional<String> sustainedHigh(String clusterId) {
        Track t = tracks.get(clusterId);
        if (t == null) {
            return Optional.empty();
        }
        List<String> high = new ArrayList<>();
        synchronized (t) {
            check(t.workers, "CPU", UsageSample::cpuPercent, policy.cpuPercent()).ifPresent(high::add);
            check(t.workers, "memory", UsageSample::memoryPercent, policy.memoryPercent()).ifPresent(high::add);
            check(t.workers, "disk", UsageSample::diskPercent, policy.diskPercent()).ifPresent(high::add);
        }
        return high.isEmpty() ? Optional.empty() : Optional.of(String.join(", ", high) + " on the workers");
    }

    /** The newest run of samples above the threshold, if it spans the window. */
    private Optional<String> check(ArrayDeque<UsageSample> q, String what, ToDoubleFunction<UsageSample> percent, double threshold) {
        Iterator<UsageSample> newestFirst = q.descendingIterator();
        if (!newestFirst.hasNext()) {
            return Optional.empty();
        }
        UsageSample newest = newestFirst.next();
        if (percent.applyAsDouble(newest) <= threshold) {
            return Optional.empty();
        }
        Instant since = newest.at();
        while (newestFirst.hasNext()) {
            UsageSample s = newestFirst.next();
            if (percent.applyAsDouble(s) <= threshold) {
                break;
            }
            since = s.at();
        }
        Duration span = Duration.between(since, newest.at());
        if (span.compareTo(policy.window()) < 0) {
            return Optional.empty();
        }
        return Optional.of(String.format(java.util.Locale.ROOT, "%s %.0f%% (over %.0f%%) for %dm", what,
                percent.applyAsDouble(newest), threshold, span.toMinutes()));
    }

    /**
     * Forgets a deleted cluster.
     *
     * @param clusterId the cluster
     */
    void forget(String clusterId) {
        tracks.remove(clusterId);
    }
}
