package dev.palette.sdk.provider.azure.fake;

import static dev.palette.sdk.provider.azure.fake.FakeArm.JSON;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.palette.sdk.provider.azure.fake.FakeArm.Answer;
import dev.palette.sdk.provider.azure.fake.FakeArm.Call;
import dev.palette.sdk.provider.azure.fake.FakeArm.Refusal;
import java.util.Locale;
import java.util.Map;

/** Microsoft.Network of {@link FakeArm}: virtual networks, security groups, public IPs, load balancers, NICs. */
final class FakeNetwork {
    private static final Map<String, String> ARM_TYPES = Map.of(
            "microsoft.network/virtualnetworks", "Microsoft.Network/virtualNetworks",
            "microsoft.network/networksecuritygroups", "Microsoft.Network/networkSecurityGroups",
            "microsoft.network/publicipaddresses", "Microsoft.Network/publicIPAddresses",
            "microsoft.network/loadbalancers", "Microsoft.Network/loadBalancers",
            "microsoft.network/networkinterfaces", "Microsoft.Network/networkInterfaces",
            "microsoft.network/natgateways", "Microsoft.Network/natGateways");
    private final FakeArm arm;
    private int nextHost = 4;
    private int nextPublic = 10;

    FakeNetwork(FakeArm arm) {
        this.arm = arm;
    }

    Answer handle(Call c, String type, String id, String rg) {
        String armType = ARM_TYPES.get(type);
        if (armType == null) {
            throw new Refusal(400, "NoRegisteredProviderFound", "no fake for " + type);
        }
        if (c.seg().size() == 10) {
            return securityRule(c, id, rg);
        }
        String name = c.seg(7);
        ArmResource found = arm.get(id);
        switch (c.method()) {
            case "GET" -> {
                return Answer.ok(arm.require(id, armType + "/" + name, rg).json);
            }
            case "PUT" -> {
                ObjectNode json = arm.fromBody(c, id, name, armType, found == null ? null : found.json);
                switch (type) {
                    case "microsoft.network/virtualnetworks" -> subnetIds(json);
                    case "microsoft.network/networksecuritygroups" -> ruleIds(json);
                    case "microsoft.network/publicipaddresses" -> address(json, found);
                    case "microsoft.network/networkinterfaces" -> nic(json, found);
                    case "microsoft.network/loadbalancers" -> loadBalancer(json, found);
                    default -> { }
                }
                ArmResource r = new ArmResource(id, type, rg, name, json);
                arm.put(r);
                return arm.accepted(c, r, found == null);
            }
            case "DELETE" -> {
                if (found == null) {
                    return new Answer(204, null, Map.of());
                }
                inUse(found);
                arm.remove(id);
                return arm.deleted(c);
            }
            default -> throw new Refusal(405, "MethodNotAllowed", c.method());
        }
    }

    /** ARM's refusals to delete what something else still references. */
    private void inUse(ArmResource r) {
        String id = r.id.toLowerCase(Locale.ROOT);
        for (ArmResource other : arm.resources.values()) {
            String text = other.json.toString().toLowerCase(Locale.ROOT);
            switch (r.type) {
                case "microsoft.network/networkinterfaces" -> {
                    if (r.properties().hasNonNull("virtualMachine")) {
                        throw new Refusal(400, "NicInUse", "Network Interface " + r.id + " is used by existing resource "
                                + r.properties().path("virtualMachine").path("id").asText() + ".");
                    }
                }
                case "microsoft.network/virtualnetworks" -> {
                    if (!other.type.equals(r.type) && text.contains(id + "/subnets/")) {
                        throw new Refusal(400, "InUseSubnetCannotBeDeleted", "Subnet of " + r.name + " is in use by " + other.id
                                + " and cannot be deleted.");
                    }
                }
                case "microsoft.network/networksecuritygroups" -> {
                    if (other.type.equals("microsoft.network/networkinterfaces") && text.contains("\"" + id + "\"")) {
                        throw new Refusal(400, "InUseNetworkSecurityGroupCannotBeDeleted", "Network security group " + r.id
                                + " cannot be deleted because it is in use by " + other.id + ".");
                    }
                }
                case "microsoft.network/natgateways" -> {
                    if (other.type.equals("microsoft.network/virtualnetworks") && text.contains("\"" + id + "\"")) {
                        throw new Refusal(400, "InUseNatGatewayCannotBeDeleted", "NAT gateway " + r.id + " is in use by subnets of "
                                + other.id + ".");
                    }
                }
                case "microsoft.network/publicipaddresses" -> {
                    if (!other.type.equals(r.type) && text.contains("\"" + id + "\"")) {
                        throw new Refusal(400, "PublicIPAddressInUse", "Public IP address " + r.id + " is in use by " + other.id + ".");
                    }
                }
                default -> { }
            }
        }
    }

    void subnetIds(ObjectNode vnet) {
        for (JsonNode s : vnet.withObjectProperty("properties").withArray("subnets")) {
            ObjectNode sn = (ObjectNode) s;
            sn.put("id", vnet.get("id").asText() + "/subnets/" + sn.path("name").asText());
            sn.withObjectProperty("properties").put("provisioningState", "Succeeded");
        }
    }

    private void ruleIds(ObjectNode nsg) {
        for (JsonNode r : nsg.withObjectProperty("properties").withArray("securityRules")) {
            ((ObjectNode) r).put("id", nsg.get("id").asText() + "/securityRules/" + r.path("name").asText());
            ((ObjectNode) r).withObjectProperty("properties").put("provisioningState", "Succeeded");
        }
        ArrayNode defaults = nsg.withObjectProperty("properties").putArray("defaultSecurityRules");
        defaults.addObject().put("name", "AllowVnetInBound").withObjectProperty("properties").put("priority", 65000).put("access", "Allow")
                .put("sourceAddressPrefix", "VirtualNetwork").put("direction", "Inbound");
        defaults.addObject().put("name", "AllowAzureLoadBalancerInBound").withObjectProperty("properties").put("priority", 65001)
                .put("access", "Allow").put("sourceAddressPrefix", "AzureLoadBalancer").put("direction", "Inbound");
        defaults.addObject().put("name", "DenyAllInBound").withObjectProperty("properties").put("priority", 65500).put("access", "Deny")
                .put("sourceAddressPrefix", "*").put("direction", "Inbound");
    }

    private void address(ObjectNode pip, ArmResource found) {
        ObjectNode p = pip.withObjectProperty("properties");
        p.put("ipAddress", found != null ? found.properties().path("ipAddress").asText() : "20.0.0." + nextPublic++);
        if (p.path("dnsSettings").has("domainNameLabel")) {
            p.withObjectProperty("dnsSettings").put("fqdn", p.path("dnsSettings").path("domainNameLabel").asText() + "." + arm.location
                    + ".cloudapp.azure.com");
        }
    }

    private void nic(ObjectNode nic, ArmResource found) {
        int i = 0;
        for (JsonNode ipc : nic.withObjectProperty("properties").withArray("ipConfigurations")) {
            ObjectNode c = (ObjectNode) ipc;
            c.put("id", nic.get("id").asText() + "/ipConfigurations/" + c.path("name").asText());
            String subnet = c.path("properties").path("subnet").path("id").asText();
            String vnetId = subnet.contains("/subnets/") ? subnet.substring(0, subnet.indexOf("/subnets/")) : "";
            ArmResource vnet = arm.get(vnetId);
            if (vnet == null) {
                throw new Refusal(400, "InvalidResourceReference", "Resource " + subnet + " referenced by resource "
                        + nic.get("id").asText() + " was not found.");
            }
            String kept = found == null ? null : found.properties().path("ipConfigurations").path(i).path("properties")
                    .path("privateIPAddress").asText(null);
            String prefix = "10.0.0.0/24";
            for (JsonNode s : vnet.properties().path("subnets")) {
                if (s.path("id").asText().equalsIgnoreCase(subnet)) {
                    prefix = s.path("properties").path("addressPrefix").asText(prefix);
                }
            }
            String[] o = prefix.substring(0, prefix.indexOf('/')).split("\\.");
            c.withObjectProperty("properties").put("privateIPAddress", kept != null ? kept
                    : o[0] + "." + o[1] + "." + o[2] + "." + nextHost++);
            i++;
        }
        if (found != null && found.properties().hasNonNull("virtualMachine")) {
            nic.withObjectProperty("properties").set("virtualMachine", found.properties().get("virtualMachine"));
        }
    }

    private void loadBalancer(ObjectNode lb, ArmResource found) {
        String id = lb.get("id").asText();
        for (String part : new String[] {"frontendIPConfigurations", "backendAddressPools", "probes", "loadBalancingRules"}) {
            for (JsonNode x : lb.withObjectProperty("properties").withArray(part)) {
                ((ObjectNode) x).put("id", id + "/" + part + "/" + x.path("name").asText());
            }
        }
        for (JsonNode fe : lb.withObjectProperty("properties").withArray("frontendIPConfigurations")) {
            if (fe.path("properties").has("subnet")) {
                ((ObjectNode) fe).withObjectProperty("properties").put("privateIPAddress", "10.0.0.250");
            }
        }
    }

    private Answer securityRule(Call c, String nsgId, String rg) {
        ArmResource nsg = arm.require(nsgId, "Microsoft.Network/networkSecurityGroups/" + c.seg(7), rg);
        String name = c.seg(9);
        ArrayNode rules = nsg.properties().withArray("securityRules");
        int at = -1;
        for (int i = 0; i < rules.size(); i++) {
            if (rules.get(i).path("name").asText().equalsIgnoreCase(name)) {
                at = i;
            }
        }
        switch (c.method()) {
            case "PUT" -> {
                ObjectNode rule = ((ObjectNode) c.body()).deepCopy();
                rule.put("name", name).put("id", nsgId + "/securityRules/" + name);
                int priority = rule.path("properties").path("priority").asInt();
                for (int i = 0; i < rules.size(); i++) {
                    if (i != at && rules.get(i).path("properties").path("priority").asInt() == priority
                            && rules.get(i).path("properties").path("direction").asText().equals(rule.path("properties").path("direction").asText())) {
                        throw new Refusal(400, "SecurityRuleConflict", "Security rule " + name + " conflicts with rule "
                                + rules.get(i).path("name").asText() + ". Rules cannot have the same Priority and Direction.");
                    }
                }
                rule.withObjectProperty("properties").put("provisioningState", "Succeeded");
                if (at >= 0) {
                    rules.set(at, rule);
                } else {
                    rules.add(rule);
                }
                return arm.accepted(c, new ArmResource(rule.get("id").asText(), "rule", rg, name, rule), at < 0);
            }
            case "DELETE" -> {
                if (at < 0) {
                    return new Answer(204, null, Map.of());
                }
                rules.remove(at);
                return arm.deleted(c);
            }
            case "GET" -> {
                if (at < 0) {
                    throw FakeArm.Refusal.notFound("securityRules/" + name, rg);
                }
                return Answer.ok(rules.get(at));
            }
            default -> throw new Refusal(405, "MethodNotAllowed", c.method());
        }
    }
}
