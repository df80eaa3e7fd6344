package dev.palette.sdk.provider.vsphere;

import dev.palette.sdk.api.error.ValidationException;
import dev.palette.sdk.api.error.Violation;
import dev.palette.sdk.api.model.CloudConfig;
import dev.palette.sdk.provider.vsphere.internal.ConfigParser;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code vsphere} provider's reading of a cluster's {@link CloudConfig}. vSphere has no regions: the
 * cloud config's region stays empty and everything is in {@link CloudConfig#properties()}:
 *
 * <pre>{@code
 * server: vcenter.example.com         # required: host, host:port or https://host/sdk
 * datacenter: DC0                     # required
 * computeCluster: DC0_C0              # a compute cluster, or
 * host: esx-7.example.com             #   a standalone host (exactly one of the two)
 * resourcePool: teams/k8s             # optional: a pool's path under the compute resource's root pool
 * datastore: vsanDatastore            # required
 * network: VM Network                 # required: the port group of the control plane (and workers)
 * workerNetwork: k8s-workers          # optional: the workers' port group
 * folder: kubernetes                  # optional: the VM folder the clusters' folders go in (must exist)
 * controlPlaneEndpoint: 10.10.0.100   # required: the API server's virtual IP, served by kube-vip from the profile
 * thumbprint: "AB:CD:…"               # trust vCenter's certificate by its SHA-256 (or SHA-1) fingerprint, or
 * caCertificate: "-----BEGIN …"       #   by a CA (PEM), or
 * insecure: true                      #   trust any certificate (explicitly only; never the default)
 * faultDomains: {az1: esx-1, az2: esx-2}  # zone name -> host; pools' zones name these
 * antiAffinity: true                  # a DRS rule per pool keeps its machines on different hosts
 * instanceTypes:                      # optional names for sizes; "4cpu-8gib" works without them
 *   medium: {cpus: 4, memoryMiB: 8192}
 * }</pre>
 *
 * <p>Credentials never go here: the cloud config's {@code credentialsRef} names a secret with {@code username}
 * and {@code password}.
 *
 * @param server the SDK URL, {@code https://host[:port]/sdk}
 * @param datacenter the datacenter
 * @param computeCluster the compute cluster, or empty with a host
 * @param host the standalone host, or empty with a compute cluster
 * @param resourcePool the resource pool path, or empty for the root pool
 * @param datastore the datastore
 * @param network the control plane's port group
 * @param workerNetwork the workers' port group
 * @param folder the parent VM folder path, or empty for the datacenter's VM folder
 * @param controlPlaneEndpoint the API server's virtual IP or name
 * @param trust how vCenter's certificate is trusted
 * @param faultDomains zone name to host name
 * @param antiAffinity whether each pool's machines are kept on different hosts by a DRS rule
 * @param instanceTypes named sizes
 */
public record VsphereCloudConfig(String server, String datacenter, Optional<String> computeCluster, Optional<String> host,
                                 Optional<String> resourcePool, String datastore, String network, String workerNetwork,
                                 Optional<String> folder, String controlPlaneEndpoint, Trust trust,
                                 Map<String, String> faultDomains, boolean antiAffinity, Map<String, Size> instanceTypes) {
    /**
     * Validates and copies the components.
     *
     * @param server the SDK URL
     * @param datacenter the datacenter
     * @param computeCluster the compute cluster, may be {@code null}
     * @param host the host, may be {@code null}
     * @param resourcePool the resource pool, may be {@code null}
     * @param datastore the datastore
     * @param network the network
     * @param workerNetwork the workers' network, may be {@code null} for {@code network}
     * @param folder the folder, may be {@code null}
     * @param controlPlaneEndpoint the endpoint
     * @param trust the trust
     * @param faultDomains the fault domains, may be {@code null}
     * @param antiAffinity whether pools get anti-affinity rules
     * @param instanceTypes the named sizes, may be {@code null}
     */
    public VsphereCloudConfig {
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(datacenter, "datacenter");
        computeCluster = computeCluster == null ? Optional.empty() : computeCluster;
        host = host == null ? Optional.empty() : host;
        resourcePool = resourcePool == null ? Optional.empty() : resourcePool;
        Objects.requireNonNull(datastore, "datastore");
        Objects.requireNonNull(network, "network");
        workerNetwork = workerNetwork == null ? network : workerNetwork;
        folder = folder == null ? Optional.empty() : folder;
        Objects.requireNonNull(controlPlaneEndpoint, "controlPlaneEndpoint");
        Objects.requireNonNull(trust, "trust");
        faultDomains = faultDomains == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(faultDomains));
        instanceTypes = instanceTypes == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(instanceTypes));
    }

    /**
     * How vCenter's TLS certificate is trusted: by fingerprint, by CA, or (explicitly) not checked.
     *
     * @param thumbprint the certificate's SHA-256 or SHA-1 fingerprint (hex, colons allowed), or empty
     * @param caCertificate PEM certificates of the CAs to trust, or empty
     * @param insecure whether any certificate is accepted
     */
    public record Trust(Optional<String> thumbprint, Optional<String> caCertificate, boolean insecure) {
        /**
         * Normalizes the components.
         *
         * @param thumbprint the fingerprint, may be {@code null}
         * @param caCertificate the CA PEM, may be {@code null}
         * @param insecure whether any certificate is accepted
         */
        public Trust {
            thumbprint = thumbprint == null ? Optional.empty() : thumbprint;
            caCertificate = caCertificate == null ? Optional.empty() : caCertificate;
        }

        /**
         * Renders the kind of trust without the values.
         *
         * @return a rendering
         */
        @Override
        public String toString() {
            return "Trust[" + (insecure ? "insecure" : thumbprint.isPresent() ? "thumbprint" : "caCertificate") + "]";
        }
    }

    /**
     * A machine size: vSphere has no instance types, so a pool's instance type names one of these.
     *
     * @param cpus virtual CPUs
     * @param memoryMiB memory
     */
    public record Size(int cpus, long memoryMiB) {
        /**
         * Validates the components.
         *
         * @param cpus the vCPUs, &gt; 0
         * @param memoryMiB the memory, &gt; 0
         */
        public Size {
            if (cpus <= 0 || memoryMiB <= 0) {
                throw new IllegalArgumentException("cpus and memoryMiB must be > 0");
            }
        }
    }

    /**
     * The machine size an instance type names: one of {@link #instanceTypes()}, or the form
     * {@code <cpus>cpu-<memory>gib} ({@code 4cpu-8gib}) or {@code <cpus>cpu-<memory>mib}.
     *
     * @param instanceType the instance type of a pool
     * @return the size, or empty if it names none
     */
    public Optional<Size> size(String instanceType) {
        return ConfigParser.size(instanceType, instanceTypes);
    }

    /**
     * Every problem of a cloud config, each with its path relative to the cloud config.
     *
     * @param cloud the config
     * @return the violations; empty when the config is usable
     */
    public static List<Violation> check(CloudConfig cloud) {
        return new ConfigParser(cloud).violations();
    }

    /**
     * Reads a cloud config.
     *
     * @param cloud the config
     * @return the vSphere settings
     * @throws ValidationException naming every invalid field
     */
    public static VsphereCloudConfig from(CloudConfig cloud) {
        return new ConfigParser(cloud).config();
    }

    /**
     * The property keys this provider understands, with a description each.
     *
     * @return the keys
     */
    public static Map<String, String> properties() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("server", "the vCenter: host, host:port or https://host/sdk (required)");
        m.put("datacenter", "the datacenter (required)");
        m.put("computeCluster", "the compute cluster machines run in (this or host is required)");
        m.put("host", "a standalone ESXi host machines run on (instead of computeCluster)");
        m.put("resourcePool", "a resource pool's path under the compute resource's root pool, e.g. teams/k8s (default: the root pool)");
        m.put("datastore", "the datastore of the machines' disks and imported templates (required)");
        m.put("network", "the port group of the control plane, and of the workers without workerNetwork (required)");
        m.put("workerNetwork", "the port group of the workers (default: network)");
        m.put("folder", "an existing VM folder path the cluster folders are made in (default: the datacenter's VM folder)");
        m.put("controlPlaneEndpoint", "the API server's virtual IP or DNS name, served by kube-vip from the profile (required)");
        m.put("thumbprint", "trust vCenter's certificate by its SHA-256 or SHA-1 fingerprint (hex, colons allowed)");
        m.put("caCertificate", "trust vCenter's certificate through these CA certificates (PEM)");
        m.put("insecure", "true to accept any certificate; only when said explicitly (one of thumbprint, caCertificate, insecure is required)");
        m.put("faultDomains", "zone name to host name, e.g. {az1: esx-1}: a pool's zones name these and its machines are spread over them");
        m.put("antiAffinity", "true to keep each pool's machines on different hosts with a DRS anti-affinity rule (compute clusters only)");
        m.put("instanceTypes", "named machine sizes, e.g. {medium: {cpus: 4, memoryMiB: 8192}}; 4cpu-8gib works without a name");
        return Collections.unmodifiableMap(m);
    }
}
