package dev.palette.sdk.provider.vsphere.internal.vim;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The part of vCenter's vim25 API the provider uses, in the provider's own terms: managed objects are named by
 * their ids ({@code vm-42}, {@code group-v3}) and nothing of the SOAP library underneath shows, so that library
 * (yavijava today) can be swapped without touching the provider's logic.
 *
 * <p>Every method is a blocking call to vCenter; the provider runs them on its own executor. Methods that
 * start a vCenter task return the task's id at once; {@link #task(String)} tells how it is going, so waiting
 * never holds a thread. Failures are {@link VimFault}s naming vCenter's fault type.
 */
public interface VimClient extends AutoCloseable {

    /**
     * Finds the objects a cluster is placed with.
     *
     * @param request names of the datacenter, compute resource, pool, datastore, networks and folder
     * @return their ids
     * @throws VimFault {@code NotFound} naming what is missing
     */
    Placement resolve(PlacementRequest request);

    /**
     * Finds a folder by name directly under another.
     *
     * @param parent the parent folder's id
     * @param name the name
     * @return the folder's id, if there is one
     */
    Optional<String> findFolder(String parent, String name);

    /**
     * Makes a folder; a folder of that name made meanwhile is returned instead.
     *
     * @param parent the parent folder's id
     * @param name the name
     * @return the folder's id
     */
    String createFolder(String parent, String name);

    /**
     * Starts deleting an empty folder.
     *
     * @param folder the folder's id
     * @return the task's id
     */
    String destroyFolder(String folder);

    /**
     * The virtual machines and templates directly in a folder, with their custom attributes.
     *
     * @param folder the folder's id
     * @return the machines
     */
    List<VmInfo> listVms(String folder);

    /**
     * Every template of a datacenter, with its custom attributes.
     *
     * @param datacenter the datacenter's id
     * @return the templates
     */
    List<VmInfo> templates(String datacenter);

    /**
     * A virtual machine or template by id.
     *
     * @param vm its id
     * @return it, unless it is gone
     */
    Optional<VmInfo> vm(String vm);

    /**
     * Starts cloning a template or virtual machine.
     *
     * @param spec what to make
     * @return the task's id; its result is the new machine's id
     */
    String cloneVm(CloneSpec spec);

    /**
     * Starts changing a machine's virtual hardware and extra config.
     *
     * @param vm the machine
     * @param cpus the vCPUs, or 0 to leave them
     * @param memoryMiB the memory, or 0 to leave it
     * @param diskGiB the first disk's size if larger than now, or 0 to leave it
     * @param extraConfig extra config keys to set (guestinfo.*)
     * @return the task's id
     */
    String reconfigure(String vm, int cpus, long memoryMiB, int diskGiB, Map<String, String> extraConfig);

    /**
     * Starts moving a powered-off machine to a host (of the same compute cluster).
     *
     * @param vm the machine
     * @param host the host's id
     * @return the task's id
     */
    String relocate(String vm, String host);

    /**
     * Starts powering a machine on.
     *
     * @param vm the machine
     * @return the task's id
     */
    String powerOn(String vm);

    /**
     * Starts powering a machine off (hard, as a deletion does).
     *
     * @param vm the machine
     * @return the task's id
     */
    String powerOff(String vm);

    /**
     * Starts destroying a powered-off machine with its disks.
     *
     * @param vm the machine
     * @return the task's id
     */
    String destroy(String vm);

    /**
     * Turns a powered-off machine into a template.
     *
     * @param vm the machine
     */
    void markAsTemplate(String vm);

    /**
     * Sets custom attributes on a machine, defining those vCenter does not know yet.
     *
     * @param vm the machine
     * @param attributes names and values
     */
    void setAttributes(String vm, Map<String, String> attributes);

    /**
     * How a task is going.
     *
     * @param task the task's id
     * @return its state
     */
    TaskState task(String task);

    /**
     * Imports an OVF package as a powered-off virtual machine: the descriptor is checked by vCenter, the disks
     * are uploaded through an NFC lease.
     *
     * @param spec the package and where it goes
     * @return the new machine's id
     */
    String importOvf(OvfImport spec);

    /**
     * The free capacity where a cluster is placed.
     *
     * @param placement the placement
     * @return memory and datastore space
     */
    Capacity capacity(Placement placement);

    /**
     * Sets (or replaces) a DRS rule keeping a set of machines on different hosts.
     *
     * @param computeResource the compute cluster's id
     * @param rule the rule's name
     * @param vms the machines; an empty list removes the rule
     */
    void antiAffinity(String computeResource, String rule, List<String> vms);

    /** Logs out. */
    @Override
    void close();
}
