package dev.palette.sdk.api.workload;

import dev.palette.sdk.api.model.MachineRole;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A one-off pod the engine runs on a node of a workload cluster — a benchmark scan, a collection of the
 * node's logs — whose output (the pod's log) is the result. Runs once (no retries), with the host's paths
 * mounted read-only where it needs them, and is deleted afterwards whatever happened.
 *
 * @param name a name prefix (a DNS label); the implementation makes it unique
 * @param namespace where it runs
 * @param image the container image
 * @param command the command and its arguments
 * @param role the role of the node to run on (one such node), unless {@code nodeName} is given
 * @param nodeName one node by name, or empty
 * @param hostPid whether it sees the host's processes (kube-bench reads the kubelet's flags)
 * @param hostPaths host paths mounted read-only at the same path
 * @param timeout how long it may take before it counts as failed
 */
public record NodeJob(String name, String namespace, String image, List<String> command, MachineRole role, String nodeName,
                      boolean hostPid, List<String> hostPaths, Duration timeout) {
    /**
     * Validates and copies the components.
     *
     * @param name the name prefix
     * @param namespace the namespace
     * @param image the image
     * @param command the command
     * @param role the node role
     * @param nodeName the node, may be empty
     * @param hostPid whether the host's PID namespace is shared
     * @param hostPaths the host paths
     * @param timeout the timeout
     */
    public NodeJob {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(image, "image");
        command = List.copyOf(command);
        Objects.requireNonNull(role, "role");
        nodeName = nodeName == null ? "" : nodeName;
        hostPaths = List.copyOf(hostPaths);
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, was " + timeout);
        }
    }
}
