package dev.palette.sdk.core.bundle;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What a log bundle collects. {@link #DEFAULTS}: logs of every kube-system pod; the agent namespace's logs
 * of the last hour; each node's system log, agent log and cloud-init output (the last 10,000 lines each),
 * read by a short-lived pod per node; and {@code Manifest.yaml} describing the cluster's objects — into
 * {@code spectro_logs.zip}, at most 64 MiB of content.
 *
 * @param fileName the zip's file name
 * @param agentNamespace the namespace of the in-cluster agent
 * @param agentWindow how far back the agent's logs go
 * @param nodeLogFiles the host files read on every node
 * @param nodeLogLines how many last lines of each
 * @param nodeJobImage the image of the pod that reads them (needs {@code sh} and {@code tail})
 * @param nodeJobTimeout how long that pod may take on each node
 * @param maxBytes the most content the bundle holds; what does not fit is listed as missing
 */
public record LogBundleRequest(String fileName, String agentNamespace, Duration agentWindow, List<String> nodeLogFiles,
                               int nodeLogLines, String nodeJobImage, Duration nodeJobTimeout, long maxBytes) {
    /** The defaults. */
    public static final LogBundleRequest DEFAULTS = new LogBundleRequest("spectro_logs.zip", "palette-system", Duration.ofHours(1),
            List.of("/var/log/syslog", "/var/log/messages", "/var/log/palette-agent.log", "/var/log/cloud-init-output.log"),
            10_000, "docker.io/library/busybox:1.37", Duration.ofMinutes(2), 64L * 1024 * 1024);

    /**
     * Validates and copies the components.
     *
     * @param fileName the zip's name, ending in {@code .zip}
     * @param agentNamespace the agent namespace
     * @param agentWindow the agent log window
     * @param nodeLogFiles the node files (absolute paths)
     * @param nodeLogLines lines per file, at least 1
     * @param nodeJobImage the reader image
     * @param nodeJobTimeout the reader's time limit
     * @param maxBytes the size limit, at least 1 MiB
     */
    public LogBundleRequest {
        Objects.requireNonNull(fileName, "fileName");
        if (!fileName.matches("[A-Za-z0-9._-]+\\.zip")) {
            throw new IllegalArgumentException("fileName must be a plain file name ending in .zip, was '" + fileName + "'");
        }
        Objects.requireNonNull(agentNamespace, "agentNamespace");
        Objects.requireNonNull(agentWindow, "agentWindow");
        nodeLogFiles = List.copyOf(nodeLogFiles);
        for (String f : nodeLogFiles) {
            if (!f.matches("/[A-Za-z0-9._/-]+")) {
                throw new IllegalArgumentException("nodeLogFiles: '" + f + "' is not an absolute path of plain characters");
            }
        }
        if (nodeLogLines < 1) {
            throw new IllegalArgumentException("nodeLogLines must be >= 1, was " + nodeLogLines);
        }
        Objects.requireNonNull(nodeJobImage, "nodeJobImage");
        Objects.requireNonNull(nodeJobTimeout, "nodeJobTimeout");
        if (maxBytes < 1024 * 1024) {
            throw new IllegalArgumentException("maxBytes must be at least 1 MiB, was " + maxBytes);
        }
    }

    /**
     * These settings with another zip name.
     *
     * @param name the file name
     * @return the request
     */
    public LogBundleRequest withFileName(String name) {
        return new LogBundleRequest(name, agentNamespace, agentWindow, nodeLogFiles, nodeLogLines, nodeJobImage, nodeJobTimeout, maxBytes);
    }

    /**
     * These settings with another size limit.
     *
     * @param bytes the limit
     * @return the request
     */
    public LogBundleRequest withMaxBytes(long bytes) {
        return new LogBundleRequest(fileName, agentNamespace, agentWindow, nodeLogFiles, nodeLogLines, nodeJobImage, nodeJobTimeout, bytes);
    }
}
