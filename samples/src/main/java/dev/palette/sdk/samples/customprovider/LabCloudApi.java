package dev.palette.sdk.samples.customprovider;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Stands in for a host's own VM service: a blocking client with its own ids, its own error type and
 * key/value labels, the way an internal cloud API usually looks. It keeps everything in memory so that
 * the sample runs anywhere. In a real plug-in this is the HTTP or gRPC client of your cloud.
 */
public final class LabCloudApi {
    /** An error of the lab cloud, with its own error codes. */
    public static final class LabApiError extends RuntimeException {
        /** The lab cloud's error code, e.g. {@code OUT_OF_CAPACITY}. */
        private final String code;

        /**
         * Creates an error.
         *
         * @param code the error code
         * @param message the message
         */
        public LabApiError(String code, String message) {
            super(message);
            this.code = code;
        }

        /**
         * The error code.
         *
         * @return the code
         */
        public String code() {
            return code;
        }
    }

    /**
     * A VM as the lab cloud describes it.
     *
     * @param id the lab cloud's id
     * @param size the size name
     * @param image the image
     * @param ip the address
     * @param labels its labels
     */
    public record Vm(String id, String size, String image, String ip, Map<String, String> labels) {
    }

    private final Map<String, Vm> vms = new ConcurrentHashMap<>();
    private final Map<String, Map<String, String>> networks = new ConcurrentHashMap<>();
    private final AtomicInteger ids = new AtomicInteger();
    private volatile int capacity;

    /**
     * A lab cloud with room for {@code capacity} VMs.
     *
     * @param capacity how many VMs fit
     */
    public LabCloudApi(int capacity) {
        this.capacity = capacity;
    }

    /**
     * Changes the capacity (operators free room).
     *
     * @param capacity how many VMs fit
     */
    public void setCapacity(int capacity) {
        this.capacity = capacity;
    }

    /**
     * Starts a VM.
     *
     * @param size the size
     * @param image the image
     * @param labels its labels
     * @return the VM
     * @throws LabApiError {@code OUT_OF_CAPACITY} when the lab is full
     */
    public synchronized Vm startVm(String size, String image, Map<String, String> labels) {
        if (vms.size() >= capacity) {
            throw new LabApiError("OUT_OF_CAPACITY", "lab cloud is full: " + vms.size() + " of " + capacity + " VMs in use");
        }
        int n = ids.incrementAndGet();
        Vm vm = new Vm("vm-" + n, size, image, "192.168.50." + (n % 250 + 2), Map.copyOf(labels));
        vms.put(vm.id(), vm);
        return vm;
    }

    /**
     * VMs whose labels include all of the given ones.
     *
     * @param selector the labels to match
     * @return the VMs
     */
    public List<Vm> findVms(Map<String, String> selector) {
        List<Vm> out = new ArrayList<>();
        for (Vm vm : vms.values()) {
            if (vm.labels().entrySet().containsAll(selector.entrySet())) {
                out.add(vm);
            }
        }
        return out;
    }

    /**
     * Stops and removes a VM.
     *
     * @param id the VM id
     * @throws LabApiError {@code NOT_FOUND} if there is no such VM
     */
    public void destroyVm(String id) {
        if (vms.remove(id) == null) {
            throw new LabApiError("NOT_FOUND", "no VM " + id);
        }
    }

    /**
     * Creates or returns a labelled network.
     *
     * @param name the network name
     * @param labels its labels
     * @return its id
     */
    public synchronized String ensureNetwork(String name, Map<String, String> labels) {
        networks.computeIfAbsent(name, k -> new LinkedHashMap<>(labels));
        return "net-" + name;
    }

    /**
     * Removes a network; missing is fine.
     *
     * @param name the network name
     */
    public void deleteNetwork(String name) {
        networks.remove(name);
    }

    /**
     * How many networks exist.
     *
     * @return the count
     */
    public int networkCount() {
        return networks.size();
    }
}
