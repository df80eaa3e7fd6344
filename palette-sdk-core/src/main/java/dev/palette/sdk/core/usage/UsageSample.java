package dev.palette.sdk.core.usage;

import dev.palette.sdk.api.workload.NodeUsage;
import java.time.Instant;
import java.util.Collection;
import java.util.Objects;

/**
 * A cluster's usage at one moment, summed over a set of nodes (the workers, or all of them).
 *
 * @param at when it was read
 * @param nodes how many nodes it sums
 * @param cpuCapacityCores allocatable CPU
 * @param cpuUsedCores CPU in use
 * @param cpuRequestedCores CPU requested by pods
 * @param memoryCapacityBytes allocatable memory
 * @param memoryUsedBytes memory in use
 * @param memoryRequestedBytes memory requested by pods
 * @param diskCapacityBytes file system size
 * @param diskUsedBytes file system use
 */
public record UsageSample(Instant at, int nodes, double cpuCapacityCores, double cpuUsedCores, double cpuRequestedCores,
                          long memoryCapacityBytes, long memoryUsedBytes, long memoryRequestedBytes, long diskCapacityBytes,
                          long diskUsedBytes) {
    /**
     * Validates the components.
     *
     * @param at the time
     * @param nodes the node count
     * @param cpuCapacityCores CPU capacity
     * @param cpuUsedCores CPU used
     * @param cpuRequestedCores CPU requested
     * @param memoryCapacityBytes memory capacity
     * @param memoryUsedBytes memory used
     * @param memoryRequestedBytes memory requested
     * @param diskCapacityBytes disk capacity
     * @param diskUsedBytes disk used
     */
    public UsageSample {
        Objects.requireNonNull(at, "at");
    }

    /**
     * The sum over some nodes.
     *
     * @param at when they were read
     * @param nodes the nodes
     * @return the sample
     */
    public static UsageSample of(Instant at, Collection<NodeUsage> nodes) {
        double cpuCap = 0, cpuUsed = 0, cpuReq = 0;
        long memCap = 0, memUsed = 0, memReq = 0, diskCap = 0, diskUsed = 0;
        for (NodeUsage n : nodes) {
            cpuCap += n.cpuCapacityCores();
            cpuUsed += n.cpuUsedCores();
            cpuReq += n.cpuRequestedCores();
            memCap += n.memoryCapacityBytes();
            memUsed += n.memoryUsedBytes();
            memReq += n.memoryRequestedBytes();
            diskCap += n.diskCapacityBytes();
            diskUsed += n.diskUsedBytes();
        }
        return new UsageSample(at, nodes.size(), cpuCap, cpuUsed, cpuReq, memCap, memUsed, memReq, diskCap, diskUsed);
    }

    /**
     * CPU in use as a share of capacity.
     *
     * @return 0 to 100 (more when over-committed); 0 without capacity
     */
    public double cpuPercent() {
        return cpuCapacityCores <= 0 ? 0 : 100 * cpuUsedCores / cpuCapacityCores;
    }

    /**
     * Memory in use as a share of capacity.
     *
     * @return 0 to 100; 0 without capacity
     */
    public double memoryPercent() {
        return memoryCapacityBytes <= 0 ? 0 : 100.0 * memoryUsedBytes / memoryCapacityBytes;
    }

    /**
     * Disk in use as a share of capacity.
     *
     * @return 0 to 100; 0 without capacity
     */
    public double diskPercent() {
        return diskCapacityBytes <= 0 ? 0 : 100.0 * diskUsedBytes / diskCapacityBytes;
    }
}
