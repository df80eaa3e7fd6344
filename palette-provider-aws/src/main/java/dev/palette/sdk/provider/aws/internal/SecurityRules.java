package dev.palette.sdk.provider.aws.internal;

import dev.palette.sdk.api.provider.SecurityRule;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.IpRange;
import software.amazon.awssdk.services.ec2.model.UserIdGroupPair;

/**
 * The engine's security rules as EC2 ingress permissions: a rule from a role's domain becomes a reference
 * to that role's security group, a rule from anywhere {@code 0.0.0.0/0}, and a rule from the load
 * balancer the addresses the load balancer forwards from (a Network Load Balancer keeps the client's
 * address: anywhere for an internet-facing one, the VPC for an internal one).
 */
final class SecurityRules {
    private final Map<String, String> groupIds;
    private final String loadBalancerSource;

    /**
     * Creates the translation.
     *
     * @param groupIds security group ids by role
     * @param loadBalancerSource the CIDR traffic from the load balancer comes from
     */
    SecurityRules(Map<String, String> groupIds, String loadBalancerSource) {
        this.groupIds = groupIds;
        this.loadBalancerSource = loadBalancerSource;
    }

    /**
     * The permissions a role's group lacks.
     *
     * @param role the target role
     * @param rules all rules
     * @param existing the group's current ingress permissions
     * @return one permission per missing flow
     */
    List<IpPermission> missing(String role, List<SecurityRule> rules, List<IpPermission> existing) {
        Set<String> have = new HashSet<>();
        for (IpPermission p : existing) {
            String head = head(p);
            p.userIdGroupPairs().forEach(g -> have.add(head + "sg:" + g.groupId()));
            p.ipRanges().forEach(r -> have.add(head + "cidr:" + r.cidrIp()));
        }
        List<IpPermission> out = new ArrayList<>();
        Set<String> added = new HashSet<>();
        for (SecurityRule r : rules) {
            if (!r.target().equals(role)) {
                continue;
            }
            String source = source(r.source());
            String key = r.protocol() + "/" + r.fromPort() + "/" + r.toPort() + "/" + source;
            if (source == null || have.contains(key) || !added.add(key)) {
                continue;
            }
            IpPermission.Builder p = IpPermission.builder().ipProtocol(r.protocol()).fromPort(r.fromPort()).toPort(r.toPort());
            if (source.startsWith("sg:")) {
                p.userIdGroupPairs(UserIdGroupPair.builder().groupId(source.substring(3)).description(r.description()).build());
            } else {
                p.ipRanges(IpRange.builder().cidrIp(source.substring(5)).description(r.description()).build());
            }
            out.add(p.build());
        }
        return out;
    }

    /**
     * The permissions a role's group has that no rule asks for any more (a rule the engine dropped, or one
     * added to the cluster's group by hand): revoked after the missing ones are added, so a changed rule
     * never leaves a gap.
     *
     * @param role the target role
     * @param rules all rules
     * @param existing the group's current ingress permissions
     * @return one permission per stale flow
     */
    List<IpPermission> stale(String role, List<SecurityRule> rules, List<IpPermission> existing) {
        Set<String> wanted = new HashSet<>();
        for (SecurityRule r : rules) {
            String source = r.target().equals(role) ? source(r.source()) : null;
            if (source != null) {
                wanted.add(r.protocol() + "/" + r.fromPort() + "/" + r.toPort() + "/" + source);
            }
        }
        List<IpPermission> out = new ArrayList<>();
        for (IpPermission p : existing) {
            String head = head(p);
            IpPermission.Builder base = IpPermission.builder().ipProtocol(p.ipProtocol()).fromPort(p.fromPort()).toPort(p.toPort());
            p.userIdGroupPairs().stream().filter(g -> !wanted.contains(head + "sg:" + g.groupId()))
                    .forEach(g -> out.add(base.copy().userIdGroupPairs(UserIdGroupPair.builder().groupId(g.groupId()).build()).build()));
            p.ipRanges().stream().filter(r -> !wanted.contains(head + "cidr:" + r.cidrIp()))
                    .forEach(r -> out.add(base.copy().ipRanges(IpRange.builder().cidrIp(r.cidrIp()).build()).build()));
        }
        return out;
    }

    private static String head(IpPermission p) {
        return p.ipProtocol() + "/" + p.fromPort() + "/" + p.toPort() + "/";
    }

    private String source(String domain) {
        return switch (domain) {
            case SecurityRule.ANYWHERE -> "cidr:0.0.0.0/0";
            case SecurityRule.LOAD_BALANCER -> "cidr:" + loadBalancerSource;
            default -> groupIds.containsKey(domain) ? "sg:" + groupIds.get(domain) : null;
        };
    }
}
