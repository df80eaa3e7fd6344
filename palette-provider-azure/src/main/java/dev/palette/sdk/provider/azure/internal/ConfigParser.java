package dev.palette.sdk.provider.azure.internal;

import dev.palette.sdk.api.error.Violation;
import dev.palette.sdk.api.model.CloudConfig;
import dev.palette.sdk.api.provider.CloudProperties;
import dev.palette.sdk.provider.azure.AzureCloudConfig;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads {@link AzureCloudConfig} from a cloud config's property tree, collecting every violation with its
 * path instead of stopping at the first, so a user fixes them all at once.
 */
public final class ConfigParser {
    private static final Pattern LOCATION = Pattern.compile("[a-z][a-z0-9]{2,39}");
    private static final Pattern GUID = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern ZONE = Pattern.compile("[1-9]");
    /** Azure's rule for resource group names: 1-90 of letters, digits, {@code _ - . ( )}, not ending in a period. */
    private static final Pattern RESOURCE_GROUP = Pattern.compile("[\\p{L}\\p{N}_().-]{0,89}[\\p{L}\\p{N}_()-]");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,78}[A-Za-z0-9_]|[A-Za-z0-9]");
    private static final Pattern CIDR16 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.0\\.0/16");
    private static final Pattern ADMIN = Pattern.compile("[a-z_][a-z0-9_-]{0,31}");
    /** Names Azure refuses for the admin user of Linux machines. */
    private static final Set<String> RESERVED_ADMINS = Set.of("admin", "administrator", "root", "user", "guest", "test",
            "sys", "support", "adm", "owner", "server", "console", "backup", "a", "user1", "admin1", "actuser");
    private static final Pattern SSH_KEY = Pattern.compile("(ssh-rsa|ssh-ed25519|ecdsa-sha2-nistp\\d+) [A-Za-z0-9+/=]+( .*)?");
    private static final int MAX_USER_TAGS = 40; // Azure allows 50 per resource; the provider adds up to 6 of its own

    private final CloudProperties props;
    private final AzureCloudConfig config;

    /**
     * Reads a cloud config.
     *
     * @param cloud the config
     */
    public ConfigParser(CloudConfig cloud) {
        Map<String, Object> p = cloud.properties();
        props = new CloudProperties(p, "azure", AzureCloudConfig.properties().keySet());
        String location = cloud.region();
        if (location.isBlank()) {
            props.add("region", "an Azure location is required, e.g. eastus");
        } else if (!LOCATION.matcher(location).matches()) {
            props.add("region", "'" + location + "' is not an Azure location name such as eastus or westeurope");
        }
        String subscription = props.requiredString(p.get("subscriptionId"), "properties.subscriptionId", GUID,
                "a subscription id (a GUID such as 00000000-0000-0000-0000-000000000000)");
        List<String> zones = zones(p.get("zones"));
        Optional<String> rg = props.optionalString(p.get("resourceGroup"), "properties.resourceGroup", RESOURCE_GROUP,
                "a resource group name (1-90 letters, digits, _ - . ( ), not ending in a period)");
        Optional<AzureCloudConfig.ExistingNetwork> vnet = network(p.get("virtualNetwork"), rg);
        String cidr = props.optionalString(p.get("vnetCidr"), "properties.vnetCidr", CIDR16, "a /16 block such as 10.0.0.0/16")
                .orElse(AzureCloudConfig.DEFAULT_VNET_CIDR);
        var m = CIDR16.matcher(cidr);
        if (m.matches() && (Integer.parseInt(m.group(1)) > 255 || Integer.parseInt(m.group(2)) > 255)) {
            props.add("properties.vnetCidr", "'" + cidr + "' is not an IPv4 block");
        }
        if (vnet.isPresent() && p.containsKey("vnetCidr")) {
            props.add("properties.vnetCidr", "only for a virtual network the provider makes; properties.virtualNetwork is given");
        }
        boolean nat = props.bool(p.get("natGateway"), "properties.natGateway", vnet.isEmpty() && !p.containsKey("virtualNetwork"));
        if (nat && p.containsKey("virtualNetwork")) {
            props.add("properties.natGateway", "only for a virtual network the provider makes; the routing of a given network is its owner's");
        }
        boolean publicLb = props.bool(p.get("publicLoadBalancer"), "properties.publicLoadBalancer", true);
        String admin = props.optionalString(p.get("adminUsername"), "properties.adminUsername", ADMIN,
                "a Linux user name (lower-case letters, digits, _ and -, at most 32)").orElse(AzureCloudConfig.DEFAULT_ADMIN);
        if (RESERVED_ADMINS.contains(admin.toLowerCase(Locale.ROOT))) {
            props.add("properties.adminUsername", "'" + admin + "' is a name Azure does not allow for the admin user");
        }
        Optional<String> ssh = props.optionalString(p.get("sshPublicKey"), "properties.sshPublicKey", SSH_KEY,
                "an OpenSSH public key (ssh-rsa, ssh-ed25519 or ecdsa-sha2-*)");
        String imageRg = props.optionalString(p.get("imageResourceGroup"), "properties.imageResourceGroup", RESOURCE_GROUP,
                "a resource group name").orElse(AzureCloudConfig.DEFAULT_IMAGE_RESOURCE_GROUP);
        Map<String, String> tags = tags(p.get("tags"));
        config = props.violations().isEmpty() ? new AzureCloudConfig(location, subscription, zones, rg, vnet, cidr, nat, publicLb, admin,
                ssh, imageRg, tags) : null;
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
    public AzureCloudConfig config() {
        props.check();
        return config;
    }

    private List<String> zones(Object value) {
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list)) {
            props.add("properties.zones", "must be a list of availability zones such as [\"1\", \"2\"]");
            return List.of();
        }
        Set<String> out = new LinkedHashSet<>();
        for (int i = 0; i < list.size(); i++) {
            String path = "properties.zones[" + i + "]";
            Object z = list.get(i) instanceof Number n ? String.valueOf(n.intValue()) : list.get(i);
            if (!(z instanceof String s) || !ZONE.matcher(s).matches()) {
                props.add(path, "'" + list.get(i) + "' is not an availability zone; Azure names them 1, 2, 3");
            } else if (!out.add(s)) {
                props.add(path, "'" + s + "' is listed twice");
            }
        }
        return List.copyOf(out);
    }

    private Optional<AzureCloudConfig.ExistingNetwork> network(Object value, Optional<String> rg) {
        if (value == null) {
            return Optional.empty();
        }
        if (!(value instanceof Map<?, ?> m)) {
            props.add("properties.virtualNetwork", "must be a map with name, resourceGroup, controlPlaneSubnet and workerSubnet");
            return Optional.empty();
        }
        String base = "properties.virtualNetwork.";
        for (Object k : m.keySet()) {
            if (!Set.of("name", "resourceGroup", "controlPlaneSubnet", "workerSubnet").contains(String.valueOf(k))) {
                props.add(base + k, "unknown key; a virtual network has name, resourceGroup, controlPlaneSubnet and workerSubnet");
            }
        }
        String name = props.requiredString(m.get("name"), base + "name", NAME, "a virtual network name");
        Optional<String> netRg = props.optionalString(m.get("resourceGroup"), base + "resourceGroup", RESOURCE_GROUP, "a resource group name");
        if (m.get("resourceGroup") == null && rg.isEmpty()) {
            props.add(base + "resourceGroup", "is required unless properties.resourceGroup names the group the network is in");
        }
        String cp = props.requiredString(m.get("controlPlaneSubnet"), base + "controlPlaneSubnet", NAME, "a subnet name");
        String w = props.requiredString(m.get("workerSubnet"), base + "workerSubnet", NAME, "a subnet name");
        if (name == null || cp == null || w == null || netRg.isEmpty() && rg.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new AzureCloudConfig.ExistingNetwork(name, netRg.orElse(rg.orElse("")), cp, w));
    }

    private Map<String, String> tags(Object value) {
        return props.tags(value, "properties.tags", "names", MAX_USER_TAGS, "Azure allows 50 per resource, the provider adds its own",
                key -> {
                    String lower = key.toLowerCase(Locale.ROOT);
                    return key.isEmpty() || key.length() > 512 ? "tag names have 1 to 512 characters"
                            : key.matches(".*[<>%&\\\\?/].*") ? "Azure tag names cannot contain < > % & \\ ? /"
                            : lower.startsWith("microsoft") || lower.startsWith("azure") || lower.startsWith("windows")
                                    ? "tag names starting with microsoft, azure or windows are reserved by Azure"
                            : key.startsWith(Tags.AZURE_PREFIX) || key.startsWith(Tags.SDK_PREFIX)
                                    ? "the palette.dev prefix is reserved for the SDK's own tags" : null;
                });
    }
}
