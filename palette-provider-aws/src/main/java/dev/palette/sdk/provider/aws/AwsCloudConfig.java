package dev.palette.sdk.provider.aws;

import dev.palette.sdk.api.error.ValidationException;
import dev.palette.sdk.api.error.Violation;
import dev.palette.sdk.api.model.CloudConfig;
import dev.palette.sdk.provider.aws.internal.ConfigParser;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code aws} provider's reading of a cluster's {@link CloudConfig}: the region comes from
 * {@link CloudConfig#region()}, everything else from {@link CloudConfig#properties()}:
 *
 * <pre>{@code
 * zones: [us-east-1a, us-east-1b]     # default: <region>a
 * vpcId: vpc-0abc…                    # use this VPC instead of making one; needs subnets
 * subnets:                            # with vpcId: a control-plane and a worker subnet per zone
 *   - {id: subnet-0aa…, zone: us-east-1a, role: control-plane}
 *   - {id: subnet-0bb…, zone: us-east-1a, role: worker}
 * vpcCidr: 10.0.0.0/16                # a VPC the provider makes (a /16 block); default 10.0.0.0/16
 * internetGateway: true               # a VPC the provider makes gets an internet gateway and public subnets
 * natGateway: false                   # true: worker subnets are private, their way out a NAT gateway
 * publicLoadBalancer: true            # the API load balancer is internet-facing (false: internal)
 * sshKeyName: ops-key                 # optional EC2 key pair
 * instanceProfile: palette-nodes      # optional IAM instance profile name or ARN
 * tags: {team: payments}              # added to every resource
 * }</pre>
 *
 * <p>Credentials never go here: the cloud config's {@code credentialsRef} names a secret holding
 * {@code accessKeyId}, {@code secretAccessKey} and optionally {@code sessionToken}; without it the AWS
 * default credentials chain is used.
 *
 * @param region the AWS region
 * @param zones the availability zones, never empty
 * @param vpcId an existing VPC, or empty to make one
 * @param subnets the existing subnets (only with {@code vpcId})
 * @param vpcCidr the CIDR block of a VPC the provider makes
 * @param internetGateway whether a VPC the provider makes gets an internet gateway and a public route
 * @param natGateway whether the worker subnets of a VPC the provider makes are private, routed through a NAT
 *     gateway (with an Elastic IP) in the first zone's control-plane subnet
 * @param publicLoadBalancer whether the API load balancer is internet-facing
 * @param sshKeyName the EC2 key pair, or empty
 * @param instanceProfile the IAM instance profile name or ARN, or empty
 * @param tags the user's tags for every resource
 */
public record AwsCloudConfig(String region, List<String> zones, Optional<String> vpcId, List<Subnet> subnets,
                             String vpcCidr, boolean internetGateway, boolean natGateway, boolean publicLoadBalancer,
                             Optional<String> sshKeyName, Optional<String> instanceProfile, Map<String, String> tags) {
    /** The default CIDR block of a VPC the provider makes. */
    public static final String DEFAULT_VPC_CIDR = "10.0.0.0/16";

    /**
     * Validates and copies the components.
     *
     * @param region the region
     * @param zones the zones
     * @param vpcId the existing VPC, may be {@code null}
     * @param subnets the existing subnets, may be {@code null}
     * @param vpcCidr the VPC CIDR, may be {@code null} for the default
     * @param internetGateway whether to make an internet gateway
     * @param natGateway whether the worker subnets are private behind a NAT gateway
     * @param publicLoadBalancer whether the load balancer is internet-facing
     * @param sshKeyName the key pair, may be {@code null}
     * @param instanceProfile the instance profile, may be {@code null}
     * @param tags the tags, may be {@code null}
     */
    public AwsCloudConfig {
        Objects.requireNonNull(region, "region");
        zones = List.copyOf(zones);
        vpcId = vpcId == null ? Optional.empty() : vpcId;
        subnets = subnets == null ? List.of() : List.copyOf(subnets);
        vpcCidr = vpcCidr == null ? DEFAULT_VPC_CIDR : vpcCidr;
        sshKeyName = sshKeyName == null ? Optional.empty() : sshKeyName;
        instanceProfile = instanceProfile == null ? Optional.empty() : instanceProfile;
        tags = tags == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(tags));
    }

    /**
     * An existing subnet the cluster uses.
     *
     * @param id the subnet id
     * @param zone its availability zone
     * @param role {@code control-plane} or {@code worker}
     */
    public record Subnet(String id, String zone, String role) {
        /**
         * Validates the components.
         *
         * @param id the subnet id
         * @param zone the zone
         * @param role the role
         */
        public Subnet {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(zone, "zone");
            Objects.requireNonNull(role, "role");
        }
    }

    /**
     * Whether the cluster uses a VPC it was given rather than one the provider makes.
     *
     * @return {@code true} with {@code vpcId}
     */
    public boolean existingVpc() {
        return vpcId.isPresent();
    }

    /**
     * Every problem of a cloud config, each with its path relative to the cloud config
     * ({@code region}, {@code properties.subnets[1].zone}).
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
     * @return the AWS settings
     * @throws ValidationException naming every invalid field
     */
    public static AwsCloudConfig from(CloudConfig cloud) {
        return new ConfigParser(cloud).config();
    }

    /**
     * The property keys this provider understands, with a description each.
     *
     * @return the keys
     */
    public static Map<String, String> properties() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("zones", "availability zones of the region (default: <region>a)");
        m.put("vpcId", "an existing VPC to use instead of making one; needs subnets");
        m.put("subnets", "with vpcId: list of {id, zone, role: control-plane|worker}, one per role and zone");
        m.put("vpcCidr", "CIDR /16 block of a VPC the provider makes (default " + DEFAULT_VPC_CIDR + ")");
        m.put("internetGateway", "whether a VPC the provider makes gets an internet gateway (default true)");
        m.put("natGateway", "whether the worker subnets of a VPC the provider makes are private, with a NAT gateway as "
                + "their way out (default false; needs internetGateway)");
        m.put("publicLoadBalancer", "whether the API load balancer is internet-facing (default true)");
        m.put("sshKeyName", "EC2 key pair for the machines (optional)");
        m.put("instanceProfile", "IAM instance profile name or ARN for the machines (optional)");
        m.put("tags", "tags added to every resource (map of strings)");
        return java.util.Collections.unmodifiableMap(m);
    }
}
