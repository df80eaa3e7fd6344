package dev.palette.sdk.provider.aws.internal;

import dev.palette.sdk.api.error.Violation;
import dev.palette.sdk.api.model.CloudConfig;
import dev.palette.sdk.api.provider.CloudProperties;
import dev.palette.sdk.provider.aws.AwsCloudConfig;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads {@link AwsCloudConfig} from a cloud config's property tree, collecting every violation with its
 * path instead of stopping at the first, so a user fixes them all at once.
 */
public final class ConfigParser {
    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d+");
    private static final Pattern VPC_ID = Pattern.compile("vpc-[0-9a-f]{8,17}");
    private static final Pattern SUBNET_ID = Pattern.compile("subnet-[0-9a-f]{8,17}");
    private static final Pattern CIDR16 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.0\\.0/16");
    private static final Pattern PROFILE_ARN = Pattern.compile("arn:aws[a-z-]*:iam::\\d{12}:instance-profile/[\\w+=,.@/-]{1,128}");
    private static final Pattern PROFILE_NAME = Pattern.compile("[\\w+=,.@-]{1,128}");
    private static final Set<String> ROLES = Set.of("control-plane", "worker");
    private static final int MAX_USER_TAGS = 40; // AWS allows 50 per resource; the provider adds up to 7 of its own

    private final CloudProperties props;
    private final AwsCloudConfig config;

    /**
     * Reads a cloud config.
     *
     * @param cloud the config
     */
    public ConfigParser(CloudConfig cloud) {
        Map<String, Object> p = cloud.properties();
        props = new CloudProperties(p, "aws", AwsCloudConfig.properties().keySet());
        String region = cloud.region();
        if (region.isBlank()) {
            props.add("region", "an AWS region is required, e.g. us-east-1");
        } else if (!REGION.matcher(region).matches()) {
            props.add("region", "'" + region + "' is not an AWS region name such as us-east-1");
        }
        List<String> zones = zones(p.get("zones"), region);
        Optional<String> vpcId = props.optionalString(p.get("vpcId"), "properties.vpcId", VPC_ID, "a VPC id such as vpc-0abc1234");
        List<AwsCloudConfig.Subnet> subnets = subnets(p.get("subnets"));
        checkExistingNetwork(vpcId, subnets, zones);
        String cidr = props.optionalString(p.get("vpcCidr"), "properties.vpcCidr", CIDR16, "a /16 block such as 10.0.0.0/16")
                .orElse(AwsCloudConfig.DEFAULT_VPC_CIDR);
        checkCidr(cidr);
        boolean igw = props.bool(p.get("internetGateway"), "properties.internetGateway", true);
        boolean nat = props.bool(p.get("natGateway"), "properties.natGateway", false);
        if (nat && !igw) {
            props.add("properties.natGateway", "needs internetGateway: true (a NAT gateway reaches the internet through it)");
        }
        if (nat && vpcId.isPresent()) {
            props.add("properties.natGateway", "only for a VPC the provider makes; the routing of a given VPC is its owner's");
        }
        boolean publicLb = props.bool(p.get("publicLoadBalancer"), "properties.publicLoadBalancer", true);
        Optional<String> key = props.optionalString(p.get("sshKeyName"), "properties.sshKeyName", Pattern.compile(".{1,255}"),
                "a key pair name of 1 to 255 characters");
        Optional<String> profile = props.optionalString(p.get("instanceProfile"), "properties.instanceProfile", null, null);
        profile.filter(v -> !PROFILE_ARN.matcher(v).matches() && !PROFILE_NAME.matcher(v).matches())
                .ifPresent(v -> props.add("properties.instanceProfile", "must be an instance profile name or an "
                        + "arn:aws:iam::<account>:instance-profile/<name> ARN"));
        Map<String, String> tags = tags(p.get("tags"));
        config = props.violations().isEmpty() ? new AwsCloudConfig(region, zones.isEmpty() ? List.of(region + "a") : zones, vpcId,
                subnets, cidr, igw, nat, publicLb, key, profile, tags) : null;
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
    public AwsCloudConfig config() {
        props.check();
        return config;
    }


    private List<String> zones(Object value, String region) {
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list)) {
            props.add("properties.zones", "must be a list of availability zones");
            return List.of();
        }
        Set<String> out = new LinkedHashSet<>();
        for (int i = 0; i < list.size(); i++) {
            String path = "properties.zones[" + i + "]";
            if (!(list.get(i) instanceof String z) || z.isBlank()) {
                props.add(path, "must be an availability zone name such as " + region + "a");
            } else if (!region.isBlank() && !(z.startsWith(region) && z.length() > region.length())) {
                props.add(path, "'" + z + "' is not a zone of region " + region);
            } else if (!out.add(z)) {
                props.add(path, "'" + z + "' is listed twice");
            }
        }
        return List.copyOf(out);
    }

    private List<AwsCloudConfig.Subnet> subnets(Object value) {
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list)) {
            props.add("properties.subnets", "must be a list of {id, zone, role}");
            return List.of();
        }
        List<AwsCloudConfig.Subnet> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            String path = "properties.subnets[" + i + "]";
            if (!(list.get(i) instanceof Map<?, ?> m)) {
                props.add(path, "must be a map with id, zone and role");
                continue;
            }
            String id = props.requiredString(m.get("id"), path + ".id", SUBNET_ID, "a subnet id such as subnet-0abc1234");
            String zone = props.requiredString(m.get("zone"), path + ".zone", null, "an availability zone");
            String role = props.requiredString(m.get("role"), path + ".role", null, "control-plane or worker");
            if (role != null && !ROLES.contains(role)) {
                props.add(path + ".role", "must be control-plane or worker, not '" + role + "'");
                role = null;
            }
            if (id != null && zone != null && role != null) {
                if (!seen.add(role + "/" + zone)) {
                    props.add(path, "a second " + role + " subnet for zone " + zone);
                }
                out.add(new AwsCloudConfig.Subnet(id, zone, role));
            }
        }
        return out;
    }

    private void checkExistingNetwork(Optional<String> vpcId, List<AwsCloudConfig.Subnet> subnets, List<String> zones) {
        if (vpcId.isEmpty()) {
            if (!subnets.isEmpty()) {
                props.add("properties.subnets", "existing subnets need properties.vpcId, the VPC they belong to");
            }
            return;
        }
        if (subnets.isEmpty()) {
            props.add("properties.subnets", "required with properties.vpcId: a control-plane and a worker subnet per zone");
            return;
        }
        Set<String> covered = new HashSet<>();
        subnets.forEach(s -> covered.add(s.role() + "/" + s.zone()));
        Set<String> subnetZones = new LinkedHashSet<>();
        subnets.forEach(s -> subnetZones.add(s.zone()));
        List<String> wanted = zones.isEmpty() ? List.copyOf(subnetZones) : zones;
        for (String z : wanted) {
            for (String role : List.of("control-plane", "worker")) {
                if (!covered.contains(role + "/" + z)) {
                    props.add("properties.subnets", "no " + role + " subnet for zone " + z);
                }
            }
        }
    }

    private void checkCidr(String cidr) {
        var m = CIDR16.matcher(cidr);
        if (m.matches() && (Integer.parseInt(m.group(1)) > 255 || Integer.parseInt(m.group(2)) > 255)) {
            props.add("properties.vpcCidr", "'" + cidr + "' is not an IPv4 block");
        }
    }

    private Map<String, String> tags(Object value) {
        return props.tags(value, "properties.tags", "keys", MAX_USER_TAGS, "AWS allows 50 per resource, the provider adds its own",
                key -> key.isEmpty() || key.length() > 128 ? "tag keys have 1 to 128 characters"
                        : key.toLowerCase(java.util.Locale.ROOT).startsWith("aws:") ? "the aws: prefix is reserved by AWS"
                        : key.startsWith("palette.dev/") ? "the palette.dev/ prefix is reserved for the SDK's own tags" : null);
    }
}
