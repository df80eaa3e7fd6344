package dev.palette.sdk.provider.vsphere.internal.vim;

import java.util.Map;
import java.util.Optional;

/**
 * A clone to make.
 *
 * @param source the template or machine to clone
 * @param folder the folder the clone goes in
 * @param name its name
 * @param resourcePool its resource pool
 * @param datastore its datastore
 * @param host the host to put it on, or empty for vCenter (DRS) to choose
 * @param network the network its first NIC is connected to, or empty to keep the source's
 * @param cpus its vCPUs, or 0 for the source's
 * @param memoryMiB its memory, or 0 for the source's
 * @param extraConfig extra config keys (guestinfo.*)
 */
public record CloneSpec(String source, String folder, String name, String resourcePool, String datastore,
                        Optional<String> host, Optional<String> network, int cpus, long memoryMiB,
                        Map<String, String> extraConfig) {
}
