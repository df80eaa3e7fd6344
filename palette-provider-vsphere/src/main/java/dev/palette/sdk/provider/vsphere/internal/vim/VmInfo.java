package dev.palette.sdk.provider.vsphere.internal.vim;

import java.time.Instant;
import java.util.Map;

/**
 * A virtual machine or template as vCenter reports it.
 *
 * @param id its id ({@code vm-42})
 * @param name its name
 * @param template whether it is a template
 * @param powerState {@code poweredOn}, {@code poweredOff} or {@code suspended}
 * @param ipAddress the guest's primary IP address, empty until VMware Tools (or cloud-init's report) gives one
 * @param cpus its vCPUs
 * @param memoryMiB its memory
 * @param diskGiB its first disk's size
 * @param host the id of the host it runs on, or empty
 * @param attributes its custom attributes by name
 * @param createdAt when it was made, or the epoch when vCenter does not say
 */
public record VmInfo(String id, String name, boolean template, String powerState, String ipAddress, int cpus,
                     long memoryMiB, int diskGiB, String host, Map<String, String> attributes, Instant createdAt) {
    /**
     * Whether it is powered on.
     *
     * @return true if so
     */
    public boolean poweredOn() {
        return "poweredOn".equals(powerState);
    }
}
