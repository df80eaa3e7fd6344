package dev.palette.sdk.testkit;

import dev.palette.sdk.api.error.PaletteException;
import dev.palette.sdk.api.workload.NodeJob;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one-off node jobs of a {@link SimCloud}'s workload clusters: what a test says each job (by name
 * prefix) prints, or that it fails or times out; and every job asked for, for assertions. A job nobody
 * arranged fails, as a pod whose image cannot be pulled would. Thread-safe.
 */
public final class SimJobs {
    private record Answer(String log, String failure) {
    }

    private final Map<String, Answer> answers = new LinkedHashMap<>();
    private final List<NodeJob> ran = new ArrayList<>();

    SimJobs() {
    }

    /**
     * Jobs whose name starts with {@code namePrefix} print this log and succeed.
     *
     * @param namePrefix the job name prefix, e.g. {@code kube-bench-cp}
     * @param log what the pod prints
     */
    public synchronized void answer(String namePrefix, String log) {
        answers.put(namePrefix, new Answer(log, null));
    }

    /**
     * Jobs whose name starts with {@code namePrefix} and that run on this node print this log.
     *
     * @param node the node
     * @param namePrefix the prefix
     * @param log what the pod prints
     */
    public synchronized void answerOn(String node, String namePrefix, String log) {
        answers.put(namePrefix + "@" + node, new Answer(log, null));
    }

    /**
     * Jobs whose name starts with {@code namePrefix} and that run on this node fail with this reason.
     *
     * @param node the node
     * @param namePrefix the prefix
     * @param reason why
     */
    public synchronized void failOn(String node, String namePrefix, String reason) {
        answers.put(namePrefix + "@" + node, new Answer(null, reason));
    }

    /**
     * Jobs whose name starts with {@code namePrefix} fail with this reason.
     *
     * @param namePrefix the prefix
     * @param reason why, as the pod's status would say
     */
    public synchronized void fail(String namePrefix, String reason) {
        answers.put(namePrefix, new Answer(null, reason));
    }

    /**
     * Jobs whose name starts with {@code namePrefix} never finish: they fail when their timeout is over.
     *
     * @param namePrefix the prefix
     */
    public synchronized void hang(String namePrefix) {
        answers.put(namePrefix, new Answer(null, ""));
    }

    /**
     * Every job asked for, in order.
     *
     * @return the jobs
     */
    public synchronized List<NodeJob> ran() {
        return List.copyOf(ran);
    }

    synchronized String run(NodeJob job) {
        ran.add(job);
        Answer a = answers.entrySet().stream().filter(e -> e.getKey().contains("@") && !job.nodeName().isEmpty()
                        && job.name().startsWith(e.getKey().substring(0, e.getKey().indexOf('@')))
                        && e.getKey().endsWith("@" + job.nodeName()))
                .map(Map.Entry::getValue).findFirst()
                .or(() -> answers.entrySet().stream().filter(e -> !e.getKey().contains("@") && job.name().startsWith(e.getKey()))
                        .map(Map.Entry::getValue).findFirst())
                .orElse(new Answer(null, "ErrImagePull: image " + job.image() + " not found (simulated)"));
        if (a.log() != null) {
            return a.log();
        }
        if (a.failure().isEmpty()) {
            throw new PaletteException("job " + job.name() + " did not finish within "
                    + job.timeout().toMinutes() + "m", true);
        }
        throw new PaletteException("job " + job.name() + " failed: " + a.failure(), false);
    }
}
