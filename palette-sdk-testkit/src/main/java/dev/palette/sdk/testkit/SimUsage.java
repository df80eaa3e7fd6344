package dev.palette.sdk.testkit;

import dev.palette.sdk.api.workload.NodeUsage;
import java.time.Instant;
import java.util.List;

/**
 * Synthetic usage of a simulated cluster's nodes, as a function of the node and the (virtual) time; set
 * with {@link SimCloud#usage(String, SimUsage)}. The node's conditions are filled in by the cloud.
 */
@FunctionalInterface
public interface SimUsage {
    /** Allocatable CPU of a simulated node. */
    double CORES = 4;
    /** Allocatable memory of a simulated node. */
    long MEMORY = 16L << 30;
    /** File system size of a simulated node. */
    long DISK = 100L << 30;

    /**
     * A node's usage at a time.
     *
     * @param node the node
     * @param controlPlane whether it is a control-plane node
     * @param at the time
     * @return its usage (conditions are replaced by the node's own)
     */
    NodeUsage of(String node, boolean controlPlane, Instant at);

    /**
     * Every node at fixed shares of a 4-core, 16 GiB, 100 GiB node, with half of CPU and memory requested.
     *
     * @param cpuPercent CPU in use
     * @param memoryPercent memory in use
     * @param diskPercent disk in use
     * @return the usage
     */
    static SimUsage constant(double cpuPercent, double memoryPercent, double diskPercent) {
        return (node, cp, at) -> new NodeUsage(node, cp, CORES, CORES * cpuPercent / 100, CORES / 2, MEMORY,
                (long) (MEMORY * memoryPercent / 100), MEMORY / 2, DISK, (long) (DISK * diskPercent / 100), List.of());
    }
}
