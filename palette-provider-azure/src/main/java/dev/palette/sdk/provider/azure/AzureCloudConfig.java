package dev.palette.sdk.provider.azure;

import dev.palette.sdk.api.error.ValidationException;
import dev.palette.sdk.api.error.Violation;
import dev.palette.sdk.api.model.CloudConfig;
import dev.palette.sdk.provider.azure.internal.ConfigParser;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code azure} provider's reading of a cluster's {@link CloudConfig}: the location comes from
 * {@link CloudConfig#region()} ({@code eastus}, {@code westeurope}, …), everything else from
 * {@link CloudConfig#properties()}:
 *
 * <pre>{@code
 * subscriptionId: 00000000-0000-0000-0000-000000000000   # required
 * zones: ["1", "2"]               # availability zones; default none (regional machines)
 * resourceGroup: team-rg          # an existing resource group; default: the provider makes palette-<cluster id>
 * virtualNetwork:                 # an existing virtual network; default: the provider makes one
 *   name: shared-vnet
 *   resourceGroup: network-rg     # default: resourceGroup
 *   controlPlaneSubnet: k8s-cp
 *   workerSubnet: k8s-workers
 * vnetCidr: 10.0.0.0/16           # a network the provider makes: control plane x.y.0.0/24, workers x.y.128.0/17
 * natGateway: true                # a network the provider makes goes out through a NAT gateway (false: no way out made)
 * publicLoadBalancer: true        # the API load balancer gets a public IP (false: a private frontend)
 * adminUsername: palette          # the machines' admin user
 * sshPublicKey: "ssh-ed25519 …"   # optional; without it each machine gets a key whose private half is discarded
 * imageResourceGroup: palette-images  # where images the provider builds or imports live (made when missing)
 * tags: {team: payments}          # added to every resource
 * }</pre>
 *
 * <p>Credentials never go here: the cloud config's {@code credentialsRef} names a secret holding a service
 * principal ({@code tenantId}, {@code clientId}, {@code clientSecret}) or a managed identity
 * ({@code managedIdentityClientId}, or {@code useManagedIdentity: "true"} for the system-assigned one);
 * without it the provider's host-supplied {@code TokenCredential} is used.
 *
 * @param location the Azure location
 * @param subscriptionId the subscription
 * @param zones the availability zones, may be empty
 * @param resourceGroup an existing resource group, or empty for one the provider makes
 * @param virtualNetwork an existing virtual network, or empty for one the provider makes
 * @param vnetCidr the address space of a virtual network the provider makes
 * @param natGateway whether a virtual network the provider makes gets a NAT gateway on both subnets
 * @param publicLoadBalancer whether the API load balancer has a public IP
 * @param adminUsername the machines' admin user
 * @param sshPublicKey the admin user's SSH public key, or empty
 * @param imageResourceGroup the resource group of built and imported images
 * @param tags the user's tags for every resource
 */
public record AzureCloudConfig(String location, String subscriptionId, List<String> zones, Optional<String> resourceGroup,
                               Optional<ExistingNetwork> virtualNetwork, String vnetCidr, boolean natGateway, boolean publicLoadBalancer,
                               String adminUsername, Optional<String> sshPublicKey, String imageResourceGroup,
                               Map<String, String> tags) {
    /** The default address space of a virtual network the provider makes. */
    public static final String DEFAULT_VNET_CIDR = "10.0.0.0/16";
    /** The default admin user. */
    public static final String DEFAULT_ADMIN = "palette";
    /** The default resource group of images. */
    public static final String DEFAULT_IMAGE_RESOURCE_GROUP = "palette-images";

    /**
     * Validates and copies the components.
     *
     * @param location the location
     * @param subscriptionId the subscription
     * @param zones the zones, may be {@code null}
     * @param resourceGroup the existing resource group, may be {@code null}
     * @param virtualNetwork the existing network, may be {@code null}
     * @param vnetCidr the address space, may be {@code null} for the default
     * @param natGateway whether a network the provider makes gets a NAT gateway
     * @param publicLoadBalancer whether the load balancer is public
     * @param adminUsername the admin user, may be {@code null} for the default
     * @param sshPublicKey the SSH key, may be {@code null}
     * @param imageResourceGroup the image resource group, may be {@code null} for the default
     * @param tags the tags, may be {@code null}
     */
    public AzureCloudConfig {
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(subscriptionId, "subscriptionId");
        zones = zones == null ? List.of() : List.copyOf(zones);
        resourceGroup = resourceGroup == null ? Optional.empty() : resourceGroup;
        virtualNetwork = virtualNetwork == null ? Optional.empty() : virtualNetwork;
        vnetCidr = vnetCidr == null ? DEFAULT_VNET_CIDR : vnetCidr;
        adminUsername = adminUsername == null ? DEFAULT_ADMIN : adminUsername;
        sshPublicKey = sshPublicKey == null ? Optional.empty() : sshPublicKey;
        imageResourceGroup = imageResourceGroup == null ? DEFAULT_IMAGE_RESOURCE_GROUP : imageResourceGroup;
        tags = tags == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(tags));
    }

    /**
     * A virtual network the cluster uses instead of making one.
     *
     * @param name the virtual network's name
     * @param resourceGroup its resource group
     * @param controlPlaneSubnet the subnet of the control-plane machines and a private load balancer frontend
     * @param workerSubnet the subnet of the worker machines
     */
    public record ExistingNetwork(String name, String resourceGroup, String controlPlaneSubnet, String workerSubnet) {
        /**
         * Validates the components.
         *
         * @param name the name
         * @param resourceGroup the resource group
         * @param controlPlaneSubnet the control-plane subnet
         * @param workerSubnet the worker subnet
         */
        public ExistingNetwork {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(resourceGroup, "resourceGroup");
            Objects.requireNonNull(controlPlaneSubnet, "controlPlaneSubnet");
            Objects.requireNonNull(workerSubnet, "workerSubnet");
        }
    }

    /**
     * The resource group the cluster's resources go in: the configured one, or the one the provider makes.
     *
     * @param clusterId the cluster
     * @return the resource group's name
     */
    public String resourceGroupFor(String clusterId) {
        return resourceGroup.orElseGet(() -> dev.palette.sdk.provider.azure.internal.Names.resourceGroup(clusterId));
    }

    /**
     * Every problem of a cloud config, each with its path relative to the cloud config
     * ({@code region}, {@code properties.virtualNetwork.workerSubnet}).
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
     * @return the Azure settings
     * @throws ValidationException naming every invalid field
     */
    public static AzureCloudConfig from(CloudConfig cloud) {
        return new ConfigParser(cloud).config();
    }

    /**
     * The property keys this provider understands, with a description each.
     *
     * @return the keys
     */
    public static Map<String, String> properties() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("subscriptionId", "the Azure subscription id (required)");
        m.put("zones", "availability zones of the location, e.g. [\"1\", \"2\"] (default: none, regional machines)");
        m.put("resourceGroup", "an existing resource group for the cluster's resources (default: the provider makes "
                + "palette-<cluster id> and deletes it with the cluster)");
        m.put("virtualNetwork", "an existing virtual network: {name, resourceGroup, controlPlaneSubnet, workerSubnet}");
        m.put("vnetCidr", "address space /16 of a virtual network the provider makes (default " + DEFAULT_VNET_CIDR + ")");
        m.put("natGateway", "whether a virtual network the provider makes goes out through a NAT gateway with a public IP "
                + "(default true: Azure gives new networks no outbound access; not with virtualNetwork)");
        m.put("publicLoadBalancer", "whether the API load balancer gets a public IP (default true)");
        m.put("adminUsername", "the machines' admin user (default " + DEFAULT_ADMIN + ")");
        m.put("sshPublicKey", "the admin user's SSH public key (optional)");
        m.put("imageResourceGroup", "resource group of the images the provider builds or imports (default "
                + DEFAULT_IMAGE_RESOURCE_GROUP + ", made when missing, never deleted with a cluster)");
        m.put("tags", "tags added to every resource (map of strings)");
        return Collections.unmodifiableMap(m);
    }
}
