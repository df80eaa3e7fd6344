package dev.palette.sdk.provider.vsphere.internal.vim;

import java.util.List;
import java.util.Optional;

/**
 * Where a cluster goes, by the names a vSphere administrator uses.
 *
 * @param datacenter the datacenter
 * @param computeCluster a compute cluster, or empty when {@code host} is given
 * @param host a standalone host, or empty
 * @param resourcePool a resource pool's path under the compute resource's root pool ({@code team/k8s}), or empty
 * @param datastore the datastore
 * @param networks the networks (port groups) to find
 * @param folder a VM folder's path under the datacenter's VM folder, or empty for that folder
 * @param hosts hosts of the compute cluster to find (fault domains)
 */
public record PlacementRequest(String datacenter, Optional<String> computeCluster, Optional<String> host,
                               Optional<String> resourcePool, String datastore, List<String> networks,
                               Optional<String> folder, List<String> hosts) {
}
