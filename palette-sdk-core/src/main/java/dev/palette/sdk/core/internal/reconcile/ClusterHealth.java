package dev.palette.sdk.core.internal.reconcile;

import dev.palette.sdk.api.workload.NodeCondition;
import dev.palette.sdk.api.workload.NodeStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The health of running clusters from three signals, each with its reason: the heartbeat (the engine's
 * probe of the API server answered, or the host's in-cluster agent called in), the nodes' conditions
 * (not Ready, or under disk, memory or PID pressure, or without network), and the workers' CPU, memory or
 * disk usage above a threshold for a whole window. Heartbeats are kept in memory:
 * after a restart the window counts from the engine's first look at the cluster.
 */
public final class ClusterHealth {
    /** Node conditions that make a cluster unhealthy when True. */
    public static final List<String> PRESSURE = List.of("DiskPressure", "MemoryPressure", "PIDPressure", "NetworkUnavailable");
    /** Node problems named in a message before the rest are only counted. */
    private static final int NAMED = 5;

    private final Duration window;
    private final UsageTracker usage;
    private final Map<String, Instant> heartbeats = new ConcurrentHashMap<>();
    private final Map<String, Instant> watchedSince = new ConcurrentHashMap<>();

    /**
     * Health with a heartbeat window.
     *
     * @param window how long a cluster may go without a heartbeat
     */
    public ClusterHealth(Duration window) {
        this(window, new UsageTracker(dev.palette.sdk.core.usage.UsagePolicy.DEFAULTS));
    }

    /**
     * Health with a heartbeat window and usage thresholds.
     *
     * @param window how long a cluster may go without a heartbeat
     * @param usage the clusters' usage, whose sustained highs are a third signal
     */
    public ClusterHealth(Duration window, UsageTracker usage) {
        this.window = window;
        this.usage = usage;
    }

    /**
     * The clusters' usage.
     *
     * @return the tracker
     */
    public UsageTracker usage() {
        return usage;
    }

    /**
     * What a pass concluded.
     *
     * @param healthy whether every signal is within bounds
     * @param reason {@code Healthy}, {@code HeartbeatMissing}, {@code NodeConditions} or {@code UsageHigh} (the first
     *     that applies)
     * @param message what is wrong, signal by signal
     */
    public record Verdict(boolean healthy, String reason, String message) {
    }

    /**
     * Records a heartbeat.
     *
     * @param clusterId the cluster
     * @param at when it was received
     */
    public void heartbeat(String clusterId, Instant at) {
        heartbeats.merge(clusterId, at, (a, b) -> a.isAfter(b) ? a : b);
    }

    /**
     * Forgets a deleted cluster.
     *
     * @param clusterId the cluster
     */
    public void forget(String clusterId) {
        heartbeats.remove(clusterId);
        watchedSince.remove(clusterId);
        usage.forget(clusterId);
    }

    /**
     * Judges a cluster now.
     *
     * @param clusterId the cluster
     * @param now the time
     * @param nodes its nodes as just listed, or {@code null} when they could not be listed
     * @return the verdict
     */
    public Verdict evaluate(String clusterId, Instant now, Collection<NodeStatus> nodes) {
        Instant last = heartbeats.getOrDefault(clusterId, watchedSince.computeIfAbsent(clusterId, id -> now));
        List<String> problems = new ArrayList<>();
        String reason = null;
        Duration silent = Duration.between(last, now);
        if (silent.compareTo(window) > 0) {
            reason = "HeartbeatMissing";
            problems.add("no heartbeat for " + words(silent) + " (window " + words(window) + ")");
        }
        List<String> nodeProblems = nodes == null ? List.of() : nodeProblems(nodes);
        if (!nodeProblems.isEmpty()) {
            reason = reason == null ? "NodeConditions" : reason;
            problems.add(String.join(", ", nodeProblems.subList(0, Math.min(NAMED, nodeProblems.size())))
                    + (nodeProblems.size() > NAMED ? " and " + (nodeProblems.size() - NAMED) + " more" : ""));
        }
        Optional<String> high = usage.sustainedHigh(clusterId);
        if (high.isPresent()) {
            reason = reason == null ? "UsageHigh" : reason;
            problems.add(high.get());
        }
        if (reason != null) {
            return new Verdict(false, reason, String.join("; ", problems));
        }
        // Stable wording, so a healthy cluster's condition is not rewritten by every pass.
        return new Verdict(true, "Healthy", nodes == null ? "heartbeat within " + words(window)
                : "heartbeat within " + words(window) + "; " + nodes.size() + " nodes Ready without pressure");
    }

    private static List<String> nodeProblems(Collection<NodeStatus> nodes) {
        List<String> out = new ArrayList<>();
        for (NodeStatus n : nodes) {
            if (!n.isReady()) {
                String why = n.condition("Ready").map(NodeCondition::reason).filter(r -> !r.isEmpty()).map(r -> " (" + r + ")").orElse("");
                out.add("node " + n.name() + " not Ready" + why);
            }
            for (String type : PRESSURE) {
                n.condition(type).filter(c -> c.status().equals("True")).ifPresent(c -> out.add("node " + n.name() + " " + type));
            }
        }
        return out;
    }

    private static String words(Duration d) {
        return d.toMinutes() > 0 ? d.toMinutes() + "m" + (d.toSecondsPart() > 0 ? d.toSecondsPart() + "s" : "") : d.toSeconds() + "s";
    }
}
