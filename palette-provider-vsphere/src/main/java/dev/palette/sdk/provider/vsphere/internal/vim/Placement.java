package dev.palette.sdk.provider.vsphere.internal.vim;

import java.util.Map;

/**
 * The ids of the objects a cluster is placed with.
 *
 * @param datacenter the datacenter
 * @param computeResource the compute cluster or standalone host's compute resource
 * @param clustered whether the compute resource is a cluster (DRS rules apply)
 * @param resourcePool the resource pool
 * @param datastore the datastore
 * @param networks network name to id
 * @param folder the parent VM folder
 * @param hosts host name to id
 */
public record Placement(String datacenter, String computeResource, boolean clustered, String resourcePool,
                        String datastore, Map<String, String> networks, String folder, Map<String, String> hosts) {
}
