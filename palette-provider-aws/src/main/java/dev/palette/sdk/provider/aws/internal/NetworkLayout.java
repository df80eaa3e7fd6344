package dev.palette.sdk.provider.aws.internal;

import dev.palette.sdk.api.provider.NetworkInfo;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A cluster's network as found in EC2: its VPC, a subnet per role and zone, a security group per role.
 *
 * @param vpcId the VPC
 * @param vpcCidr the VPC's CIDR block
 * @param subnets subnet ids by {@code role/zone}
 * @param securityGroups security group ids by role
 * @param extras other parts by name ({@code internetGateway}, {@code routeTable})
 */
public record NetworkLayout(String vpcId, String vpcCidr, Map<String, String> subnets, Map<String, String> securityGroups,
                            Map<String, String> extras) {
    /**
     * Copies the components.
     *
     * @param vpcId the VPC
     * @param vpcCidr the CIDR
     * @param subnets the subnets
     * @param securityGroups the security groups
     * @param extras the other parts
     */
    public NetworkLayout {
        subnets = Map.copyOf(subnets);
        securityGroups = Map.copyOf(securityGroups);
        extras = Map.copyOf(extras);
    }

    /**
     * The subnet of a role in a zone.
     *
     * @param role {@code control-plane} or {@code worker}
     * @param zone the zone
     * @return the subnet id
     */
    public Optional<String> subnet(String role, String zone) {
        return Optional.ofNullable(subnets.get(role + "/" + zone));
    }

    /**
     * The security group of a role.
     *
     * @param role {@code control-plane} or {@code worker}
     * @return the group id
     */
    public Optional<String> securityGroup(String role) {
        return Optional.ofNullable(securityGroups.get(role));
    }

    /**
     * Whether a machine of a role can be placed in a zone.
     *
     * @param role the role
     * @param zone the zone
     * @return {@code true} if there is a subnet and a security group for it
     */
    public boolean serves(String role, String zone) {
        return subnet(role, zone).isPresent() && securityGroup(role).isPresent();
    }

    /**
     * The control-plane subnets, one per zone, sorted by zone: where the API load balancer lives.
     *
     * @return the subnet ids
     */
    public List<String> controlPlaneSubnets() {
        return subnets.entrySet().stream().filter(e -> e.getKey().startsWith("control-plane/"))
                .sorted(Map.Entry.comparingByKey()).map(Map.Entry::getValue).toList();
    }

    /**
     * The engine's view.
     *
     * @return the network info
     */
    public NetworkInfo info() {
        Map<String, String> res = new LinkedHashMap<>();
        subnets.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> res.put("subnet/" + e.getKey(), e.getValue()));
        securityGroups.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> res.put("securityGroup/" + e.getKey(), e.getValue()));
        extras.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> res.put(e.getKey(), e.getValue()));
        return new NetworkInfo(vpcId, res);
    }
}
