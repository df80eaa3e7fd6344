package dev.palette.sdk.provider.azure.internal;

import com.azure.resourcemanager.network.fluent.models.SecurityRuleInner;
import com.azure.resourcemanager.network.models.SecurityRuleAccess;
import com.azure.resourcemanager.network.models.SecurityRuleDirection;
import com.azure.resourcemanager.network.models.SecurityRuleProtocol;
import dev.palette.sdk.api.provider.SecurityRule;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The engine's security rules as the inbound rules of a role's network security group: a rule from a
 * role's domain allows that role's subnet, a rule from anywhere {@code *}, and a rule from the load
 * balancer the addresses it forwards from (a Standard load balancer keeps the client's address: anywhere
 * for a public one, the virtual network for a private one). Azure's default rules allow everything within
 * the virtual network, so each group ends with a deny of the virtual network at the lowest priority:
 * every flow the engine did not ask for is refused, as on the other clouds. Health probes come from
 * {@code AzureLoadBalancer}, which Azure's defaults allow.
 */
final class NsgRules {
    /** The deny that closes each group, below every rule of the engine. */
    static final String DENY_VNET = "deny-vnet-inbound";
    static final int FIRST_PRIORITY = 100;
    static final int DENY_PRIORITY = 4096;

    private final Map<String, String> subnetPrefixes;
    private final String loadBalancerSource;

    /**
     * Creates the translation.
     *
     * @param subnetPrefixes address prefixes by role
     * @param loadBalancerSource where traffic from the load balancer comes from ({@code *} or {@code VirtualNetwork})
     */
    NsgRules(Map<String, String> subnetPrefixes, String loadBalancerSource) {
        this.subnetPrefixes = subnetPrefixes;
        this.loadBalancerSource = loadBalancerSource;
    }

    /**
     * The rules a role's group must have, by name, without priorities.
     *
     * @param role the target role
     * @param rules all the engine's rules
     * @return the wanted rules
     */
    Map<String, SecurityRuleInner> wanted(String role, List<SecurityRule> rules) {
        Map<String, SecurityRuleInner> out = new LinkedHashMap<>();
        for (SecurityRule r : rules) {
            String source = source(r.source());
            if (!r.target().equals(role) || source == null) {
                continue;
            }
            String ports = r.fromPort() == r.toPort() ? Integer.toString(r.fromPort()) : r.fromPort() + "-" + r.toPort();
            String name = (r.protocol() + "-" + ports + "-from-" + r.source()).toLowerCase(Locale.ROOT);
            out.putIfAbsent(name, new SecurityRuleInner().withName(name).withDescription(r.description())
                    .withProtocol(SecurityRuleProtocol.fromString(capitalized(r.protocol()))).withSourcePortRange("*")
                    .withDestinationPortRange(ports).withSourceAddressPrefix(source).withDestinationAddressPrefix("*")
                    .withAccess(SecurityRuleAccess.ALLOW).withDirection(SecurityRuleDirection.INBOUND));
        }
        out.put(DENY_VNET, new SecurityRuleInner().withName(DENY_VNET)
                .withDescription("deny what the engine did not allow within the virtual network")
                .withProtocol(SecurityRuleProtocol.ASTERISK).withSourcePortRange("*").withDestinationPortRange("*")
                .withSourceAddressPrefix("VirtualNetwork").withDestinationAddressPrefix("*")
                .withAccess(SecurityRuleAccess.DENY).withDirection(SecurityRuleDirection.INBOUND).withPriority(DENY_PRIORITY));
        return out;
    }

    /**
     * The wanted rules with priorities: a rule that exists keeps its priority, a new one takes the lowest
     * free one from {@value #FIRST_PRIORITY} (free of every existing rule, stale ones included, since those
     * are removed only after the new ones are in).
     *
     * @param wanted the wanted rules
     * @param existing the group's rules now
     * @return the rules to put (missing or changed), with priorities
     */
    static List<SecurityRuleInner> missing(Map<String, SecurityRuleInner> wanted, List<SecurityRuleInner> existing) {
        Map<String, SecurityRuleInner> have = new LinkedHashMap<>();
        Set<Integer> taken = new HashSet<>();
        for (SecurityRuleInner r : existing) {
            have.put(r.name(), r);
            if (hasPriority(r)) {
                taken.add(r.priority());
            }
        }
        List<SecurityRuleInner> out = new ArrayList<>();
        int next = FIRST_PRIORITY;
        for (SecurityRuleInner w : wanted.values()) {
            SecurityRuleInner h = have.get(w.name());
            if (h != null && same(h, w)) {
                continue;
            }
            if (!hasPriority(w)) {
                if (h != null && hasPriority(h)) {
                    w.withPriority(h.priority());
                } else {
                    while (taken.contains(next)) {
                        next++;
                    }
                    w.withPriority(next);
                    taken.add(next);
                }
            }
            out.add(w);
        }
        return out;
    }

    /**
     * The rules nobody asks for any more (a rule the engine dropped, or one added by hand).
     *
     * @param wanted the wanted rules
     * @param existing the group's rules now
     * @return their names
     */
    static List<String> stale(Map<String, SecurityRuleInner> wanted, List<SecurityRuleInner> existing) {
        return existing.stream().map(SecurityRuleInner::name).filter(n -> !wanted.containsKey(n)).toList();
    }

    /**
     * Gives every wanted rule a priority, for a group made with all its rules at once.
     *
     * @param wanted the wanted rules
     * @return the rules
     */
    static List<SecurityRuleInner> all(Map<String, SecurityRuleInner> wanted) {
        return missing(wanted, List.of());
    }

    private static boolean same(SecurityRuleInner a, SecurityRuleInner b) {
        return Objects.equals(a.protocol(), b.protocol()) && Objects.equals(a.destinationPortRange(), b.destinationPortRange())
                && Objects.equals(a.sourceAddressPrefix(), b.sourceAddressPrefix()) && Objects.equals(a.access(), b.access())
                && Objects.equals(a.direction(), b.direction())
                && (!hasPriority(b) || Objects.equals(a.priority(), b.priority()));
    }

    /** The model reads an unset priority as 0 (a primitive underneath); Azure's start at 100. */
    private static boolean hasPriority(SecurityRuleInner r) {
        return r.priority() != null && r.priority() > 0;
    }

    private String source(String domain) {
        return switch (domain) {
            case SecurityRule.ANYWHERE -> "*";
            case SecurityRule.LOAD_BALANCER -> loadBalancerSource;
            default -> subnetPrefixes.get(domain);
        };
    }

    private static String capitalized(String protocol) {
        String p = protocol.toLowerCase(Locale.ROOT);
        return p.isEmpty() ? p : Character.toUpperCase(p.charAt(0)) + p.substring(1);
    }
}
