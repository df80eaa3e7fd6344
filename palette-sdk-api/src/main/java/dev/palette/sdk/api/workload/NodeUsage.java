package dev.palette.sdk.api.workload;

import java.util.List;
import java.util.Objects;

/**
 * What one node uses now, against what it has and what its pods asked for: CPU and memory from
 * {@code metrics.k8s.io}, requests summed over the pod specs scheduled on it, disk from the kubelet's
 * summary. Capacities are allocatable amounts; a figure the cluster does not report is 0.
 *
 * @param name the node
 * @param controlPlane whether it is a control-plane node
 * @param cpuCapacityCores allocatable CPU, in cores
 * @param cpuUsedCores CPU in use, in cores
 * @param cpuRequestedCores CPU requested by its pods, in cores
 * @param memoryCapacityBytes allocatable memory
 * @param memoryUsedBytes memory in use (working set)
 * @param memoryRequestedBytes memory requested by its pods
 * @param diskCapacityBytes the node file system's size
 * @param diskUsedBytes the node file system's use
 * @param conditions the node's conditions
 */
public record NodeUsage(String name, boolean controlPlane, double cpuCapacityCores, double cpuUsedCores, double cpuRequestedCores,
                        long memoryCapacityBytes, long memoryUsedBytes, long memoryRequestedBytes, long diskCapacityBytes,
                        long diskUsedBytes, List<NodeCondition> conditions) {
    /**
     * Validates and copies the components.
     *
     * @param name the node
     * @param controlPlane whether control plane
     * @param cpuCapacityCores CPU capacity
     * @param cpuUsedCores CPU used
     * @param cpuRequestedCores CPU requested
     * @param memoryCapacityBytes memory capacity
     * @param memoryUsedBytes memory used
     * @param memoryRequestedBytes memory requested
     * @param diskCapacityBytes disk capacity
     * @param diskUsedBytes disk used
     * @param conditions the conditions
     */
    public NodeUsage {
        Objects.requireNonNull(name, "name");
        conditions = List.copyOf(conditions);
    }
}
