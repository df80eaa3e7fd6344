package dev.palette.sdk.provider.aws.internal;

import java.util.List;

/**
 * Carves subnets out of a /16 VPC: control-plane subnets are the /24 blocks {@code x.y.0-15.0}, worker
 * subnets the /20 blocks from {@code x.y.16.0} on (4,091 usable addresses each, room for large pools).
 * A new zone takes the lowest free block, so the blocks of existing zones never move.
 */
final class SubnetCidrs {
    private static final int MAX_CONTROL_PLANE = 16;
    private static final int MAX_WORKER = 15;

    private SubnetCidrs() {
    }

    /**
     * The next free block for a role.
     *
     * @param vpcCidr the VPC's block, a /16
     * @param role {@code control-plane} or {@code worker}
     * @param used blocks already taken
     * @return the block
     * @throws IllegalStateException when the VPC has no free block left for the role
     */
    static String next(String vpcCidr, String role, List<String> used) {
        String[] octets = vpcCidr.substring(0, vpcCidr.indexOf('/')).split("\\.");
        String prefix = octets[0] + "." + octets[1] + ".";
        boolean cp = "control-plane".equals(role);
        for (int i = 0; i < (cp ? MAX_CONTROL_PLANE : MAX_WORKER); i++) {
            String block = cp ? prefix + i + ".0/24" : prefix + (16 * (i + 1)) + ".0/20";
            if (!used.contains(block)) {
                return block;
            }
        }
        throw new IllegalStateException("VPC " + vpcCidr + " has no free " + role + " subnet block left");
    }
}
