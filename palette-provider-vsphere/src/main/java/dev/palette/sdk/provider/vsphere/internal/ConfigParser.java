package dev.palette.sdk.provider.vsphere.internal;

import dev.palette.sdk.api.error.Violation;
import dev.palette.sdk.api.model.CloudConfig;
import dev.palette.sdk.api.provider.CloudProperties;
import dev.palette.sdk.provider.vsphere.VsphereCloudConfig;
import dev.palette.sdk.provider.vsphere.VsphereCloudConfig.Size;
import dev.palette.sdk.provider.vsphere.VsphereCloudConfig.Trust;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads {@link VsphereCloudConfig} from a cloud config's property tree, collecting every violation with its
 * path, so a user fixes them all at once.
 */
public final class ConfigParser {
    private static final Pattern SERVER = Pattern.compile("(https://)?[A-Za-z0-9.-]+(:\\d{1,5})?(/sdk/?)?|(https://)?\\[[0-9A-Fa-f:]+](:\\d{1,5})?(/sdk/?)?");
    private static final Pattern INVENTORY_NAME = Pattern.compile("[^/]{1,80}");
    private static final Pattern INVENTORY_PATH = Pattern.compile("[^/]{1,80}(/[^/]{1,80})*");
    private static final Pattern ENDPOINT = Pattern.compile("[A-Za-z0-9.-]{1,253}|[0-9A-Fa-f:]{2,39}");
    private static final Pattern THUMBPRINT = Pattern.compile("([0-9A-Fa-f]{2}:?){19}[0-9A-Fa-f]{2}|([0-9A-Fa-f]{2}:?){31}[0-9A-Fa-f]{2}");
    private static final Pattern SIZE = Pattern.compile("(\\d{1,3})cpu-(\\d{1,7})(gib|mib)");

    private final CloudProperties props;
    private final VsphereCloudConfig config;

    /**
     * Reads a cloud config.
     *
     * @param cloud the config
     */
    public ConfigParser(CloudConfig cloud) {
        Map<String, Object> p = cloud.properties();
        props = new CloudProperties(p, "vsphere", VsphereCloudConfig.properties().keySet());
        if (!cloud.region().isBlank()) {
            props.add("region", "vSphere has no regions: leave it empty and name the datacenter in properties.datacenter");
        }
        String server = props.requiredString(p.get("server"), "properties.server", SERVER,
                "a vCenter host, host:port or https://host/sdk");
        String dc = props.requiredString(p.get("datacenter"), "properties.datacenter", INVENTORY_NAME, "a datacenter name");
        Optional<String> cluster = props.optionalString(p.get("computeCluster"), "properties.computeCluster", INVENTORY_NAME,
                "a compute cluster name");
        Optional<String> host = props.optionalString(p.get("host"), "properties.host", INVENTORY_NAME, "a host name");
        if (p.get("computeCluster") == null && p.get("host") == null) {
            props.add("properties.computeCluster", "is required (or properties.host for a standalone host)");
        } else if (p.get("computeCluster") != null && p.get("host") != null) {
            props.add("properties.host", "give a compute cluster or a standalone host, not both");
        }
        Optional<String> pool = props.optionalString(p.get("resourcePool"), "properties.resourcePool", INVENTORY_PATH,
                "a resource pool path such as teams/k8s");
        String ds = props.requiredString(p.get("datastore"), "properties.datastore", INVENTORY_NAME, "a datastore name");
        String network = props.requiredString(p.get("network"), "properties.network", INVENTORY_NAME, "a port group name");
        Optional<String> workerNetwork = props.optionalString(p.get("workerNetwork"), "properties.workerNetwork", INVENTORY_NAME,
                "a port group name");
        Optional<String> folder = props.optionalString(p.get("folder"), "properties.folder", INVENTORY_PATH,
                "a VM folder path such as kubernetes/prod");
        String endpoint = props.requiredString(p.get("controlPlaneEndpoint"), "properties.controlPlaneEndpoint", ENDPOINT,
                "an IP address or DNS name for the API server (the virtual IP kube-vip serves)");
        Optional<String> thumbprint = props.optionalString(p.get("thumbprint"), "properties.thumbprint", THUMBPRINT,
                "a SHA-256 or SHA-1 certificate fingerprint in hex (colons allowed)");
        Optional<String> ca = props.optionalString(p.get("caCertificate"), "properties.caCertificate", null, null);
        if (ca.isPresent() && !ca.get().contains("-----BEGIN CERTIFICATE-----")) {
            props.add("properties.caCertificate", "must hold PEM certificates (-----BEGIN CERTIFICATE-----)");
        }
        boolean insecure = props.bool(p.get("insecure"), "properties.insecure", false);
        int trusts = (p.get("thumbprint") != null ? 1 : 0) + (p.get("caCertificate") != null ? 1 : 0) + (insecure ? 1 : 0);
        if (trusts == 0) {
            props.add("properties.thumbprint", "is required to trust vCenter's certificate (or caCertificate; insecure: true "
                    + "accepts any certificate and must be said explicitly)");
        } else if (trusts > 1) {
            props.add("properties.insecure", "give one of thumbprint, caCertificate and insecure");
        }
        Map<String, String> domains = faultDomains(p.get("faultDomains"));
        boolean antiAffinity = props.bool(p.get("antiAffinity"), "properties.antiAffinity", false);
        if (antiAffinity && p.get("host") != null) {
            props.add("properties.antiAffinity", "needs a compute cluster: a standalone host has no DRS rules");
        }
        Map<String, Size> types = instanceTypes(p.get("instanceTypes"));
        config = props.violations().isEmpty()
                ? new VsphereCloudConfig(url(server), dc, cluster, host, pool, ds, network, workerNetwork.orElse(network), folder,
                        endpoint, new Trust(thumbprint, ca, insecure), domains, antiAffinity, types)
                : null;
    }

    /** The SDK URL of a server as the user wrote it. */
    private static String url(String server) {
        String s = server.startsWith("https://") ? server : "https://" + server;
        URI u = URI.create(s);
        return "https://" + u.getRawAuthority() + "/sdk";
    }

    /**
     * Every violation found.
     *
     * @return the violations
     */
    public List<Violation> violations() {
        return props.violations();
    }

    /**
     * The config read.
     *
     * @return the config
     * @throws dev.palette.sdk.api.error.ValidationException naming every violation, if there were any
     */
    public VsphereCloudConfig config() {
        props.check();
        return config;
    }

    private Map<String, String> faultDomains(Object value) {
        Map<String, String> out = new LinkedHashMap<>();
        if (value == null) {
            return out;
        }
        if (!(value instanceof Map<?, ?> map)) {
            props.add("properties.faultDomains", "must map zone names to host names, e.g. {az1: esx-1}");
            return out;
        }
        map.forEach((k, v) -> {
            String path = "properties.faultDomains." + k;
            if (!(v instanceof String s) || !INVENTORY_NAME.matcher(s).matches()) {
                props.add(path, "must be a host name");
            } else if (out.containsValue(s)) {
                props.add(path, "host '" + s + "' is already another zone's");
            } else {
                out.put(String.valueOf(k), s);
            }
        });
        return out;
    }

    private Map<String, Size> instanceTypes(Object value) {
        Map<String, Size> out = new LinkedHashMap<>();
        if (value == null) {
            return out;
        }
        if (!(value instanceof Map<?, ?> map)) {
            props.add("properties.instanceTypes", "must map names to sizes, e.g. {medium: {cpus: 4, memoryMiB: 8192}}");
            return out;
        }
        map.forEach((k, v) -> {
            String path = "properties.instanceTypes." + k;
            if (!(v instanceof Map<?, ?> size)) {
                props.add(path, "must be {cpus: N, memoryMiB: M}");
                return;
            }
            Object cpus = size.get("cpus");
            Object memory = size.get("memoryMiB");
            if (!(cpus instanceof Number c) || c.intValue() < 1 || c.intValue() > 768) {
                props.add(path + ".cpus", "must be a whole number from 1 to 768");
            } else if (!(memory instanceof Number m) || m.longValue() < 4 || m.longValue() > 24L * 1024 * 1024) {
                props.add(path + ".memoryMiB", "must be a whole number of MiB from 4 to 25165824");
            } else {
                out.put(String.valueOf(k), new Size(c.intValue(), m.longValue()));
            }
        });
        return out;
    }

    /**
     * The size an instance type names.
     *
     * @param instanceType a pool's instance type
     * @param named the configured names
     * @return the size, or empty if it names none
     */
    public static Optional<Size> size(String instanceType, Map<String, Size> named) {
        Size n = named.get(instanceType);
        if (n != null) {
            return Optional.of(n);
        }
        Matcher m = SIZE.matcher(instanceType.toLowerCase(Locale.ROOT));
        if (!m.matches() || Integer.parseInt(m.group(1)) == 0 || Long.parseLong(m.group(2)) == 0) {
            return Optional.empty();
        }
        long memory = Long.parseLong(m.group(2)) * (m.group(3).equals("gib") ? 1024 : 1);
        return Optional.of(new Size(Integer.parseInt(m.group(1)), memory));
    }
}
