package dev.palette.sdk.provider.azure.internal;

import dev.palette.sdk.api.provider.NetworkInfo;
import dev.palette.sdk.api.provider.SecurityRule;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A cluster's network as found in Azure: its virtual network, the control-plane and the worker subnet
 * (with their address prefixes, the sources of the security rules), and a network security group per role.
 *
 * @param vnetId the virtual network's id
 * @param subnetIds subnet ids by role
 * @param subnetPrefixes subnet address prefixes by role
 * @param securityGroups network security group ids by role
 */
public record NetworkLayout(String vnetId, Map<String, String> subnetIds, Map<String, String> subnetPrefixes,
                            Map<String, String> securityGroups) {
    /**
     * Copies the components.
     *
     * @param vnetId the network
     * @param subnetIds the subnets
     * @param subnetPrefixes their prefixes
     * @param securityGroups the security groups
     */
    public NetworkLayout {
        subnetIds = Map.copyOf(subnetIds);
        subnetPrefixes = Map.copyOf(subnetPrefixes);
        securityGroups = Map.copyOf(securityGroups);
    }

    /**
     * The subnet of a role.
     *
     * @param role {@code control-plane} or {@code worker}
     * @return the subnet id
     */
    public Optional<String> subnet(String role) {
        return Optional.ofNullable(subnetIds.get(role));
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
     * Whether machines of a role can be placed.
     *
     * @param role the role
     * @return {@code true} if there is a subnet and a security group for it
     */
    public boolean serves(String role) {
        return subnet(role).isPresent() && securityGroup(role).isPresent();
    }

    /**
     * The engine's view.
     *
     * @return the network info
     */
    public NetworkInfo info() {
        Map<String, String> res = new LinkedHashMap<>();
        for (String role : new String[] {SecurityRule.CONTROL_PLANE, SecurityRule.WORKER}) {
            subnet(role).ifPresent(s -> res.put("subnet/" + role, s));
            securityGroup(role).ifPresent(g -> res.put("securityGroup/" + role, g));
        }
        return new NetworkInfo(vnetId, res);
    }
}
