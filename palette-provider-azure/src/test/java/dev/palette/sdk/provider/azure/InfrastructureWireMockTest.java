package dev.palette.sdk.provider.azure;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.palette.sdk.api.error.ProviderException;
import dev.palette.sdk.api.model.MachineRole;
import dev.palette.sdk.api.provider.LoadBalancerInfo;
import dev.palette.sdk.api.provider.LoadBalancerRequest;
import dev.palette.sdk.api.provider.MachineInfo;
import dev.palette.sdk.api.provider.MachineRequest;
import dev.palette.sdk.api.provider.NetworkInfo;
import dev.palette.sdk.api.provider.NetworkRequest;
import dev.palette.sdk.api.provider.ProviderContext;
import dev.palette.sdk.api.provider.QuotaCheck;
import dev.palette.sdk.api.provider.QuotaRequest;
import dev.palette.sdk.api.provider.ResourceTags;
import dev.palette.sdk.api.provider.SecurityRule;
import dev.palette.sdk.core.network.NetworkRules;
import dev.palette.sdk.provider.azure.fake.FakeAzureServer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Networks, security groups, the load balancer and deletion against the fake: what is made, with which
 * bodies, that a second call makes nothing new, and that deletion leaves nothing of the cluster and touches
 * nothing else.
 */
class InfrastructureWireMockTest extends FakeAzureTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private ProviderContext ctx;

    @BeforeEach
    void cluster() {
        ctx = context("infra", Map.of("zones", List.of("1", "2")));
    }

    private NetworkInfo network(ProviderContext c, List<SecurityRule> rules) {
        return await(provider.ensureNetwork(c, new NetworkRequest(List.of("1", "2"), rules)));
    }

    private MachineInfo controlPlane(ProviderContext c, String name) {
        Map<String, String> tags = new LinkedHashMap<>(c.tags());
        tags.put(ResourceTags.MACHINE, name);
        return await(provider.createMachine(c, new MachineRequest(name, "control-plane", MachineRole.CONTROL_PLANE, "Standard_D4s_v3",
                50, "1", FakeAzureServer.UBUNTU, "#cloud-config\n", tags)));
    }

    private static Map<String, JsonNode> rules(JsonNode nsg) {
        Map<String, JsonNode> m = new LinkedHashMap<>();
        nsg.path("properties").path("securityRules").forEach(r -> m.put(r.path("name").asText(), r.path("properties")));
        return m;
    }

    private static boolean allows(Map<String, JsonNode> rules, String protocol, int port, String source) {
        return rules.values().stream().anyMatch(r -> "Allow".equals(r.path("access").asText())
                && r.path("protocol").asText().equalsIgnoreCase(protocol) && source.equals(r.path("sourceAddressPrefix").asText())
                && inRange(r.path("destinationPortRange").asText(), port));
    }

    private static boolean inRange(String range, int port) {
        String[] p = range.split("-");
        return port >= Integer.parseInt(p[0]) && port <= Integer.parseInt(p[p.length - 1]);
    }

    private List<String> writes() {
        List<String> out = new ArrayList<>();
        for (ServeEvent e : azure.server().getAllServeEvents()) {
            String m = e.getRequest().getMethod().getName();
            if (!m.equals("GET")) {
                out.add(0, m + " " + e.getRequest().getUrl().replaceAll("\\?.*", ""));
            }
        }
        return out;
    }

    @Test
    void theNetworkIsAGroupAVnetWithTwoSubnetsAndSecurityGroupsWithExactlyTheEnginesRules() throws Exception {
        NetworkInfo net = network(ctx, NetworkRules.defaults());
        ObjectNode rg = azure.fake().describe("/subscriptions/" + FakeAzureServer.SUBSCRIPTION + "/resourceGroups/palette-" + ctx.clusterId());
        assertThat(rg.path("tags").path("palette.dev_cluster-id").asText()).isEqualTo(ctx.clusterId());
        assertThat(rg.path("location").asText()).isEqualTo("eastus");
        JsonNode vnet = JSON.readTree(azure.server().findAll(requests("PUT", ".*/virtualNetworks/.*")).get(0).getBodyAsString());
        assertThat(vnet.path("properties").path("addressSpace").path("addressPrefixes")).extracting(JsonNode::asText)
                .containsExactly("10.0.0.0/16");
        assertThat(vnet.path("properties").path("subnets")).extracting(s -> s.path("name").asText() + "=" + s.path("properties")
                .path("addressPrefix").asText()).containsExactly("control-plane-subnet=10.0.0.0/24", "worker-subnet=10.0.128.0/17");
        assertThat(net.networkId()).contains("/resourceGroups/palette-" + ctx.clusterId() + "/providers/Microsoft.Network/virtualNetworks/");
        JsonNode nat = JSON.readTree(azure.server().findAll(requests("PUT", ".*/natGateways/.*")).get(0).getBodyAsString());
        assertThat(nat.path("sku").path("name").asText()).isEqualTo("Standard");
        assertThat(nat.path("properties").path("publicIpAddresses").path(0).path("id").asText()).endsWith("-nat-pip");
        assertThat(vnet.path("properties").path("subnets")).as("both subnets go out through the NAT gateway").allSatisfy(sn ->
                assertThat(sn.path("properties").path("natGateway").path("id").asText()).contains("/natGateways/"));
        assertThat(net.resources()).containsKeys("subnet/control-plane", "subnet/worker", "securityGroup/control-plane",
                "securityGroup/worker");

        Map<String, JsonNode> cp = rules(azure.fake().describe(net.resources().get("securityGroup/control-plane")));
        Map<String, JsonNode> w = rules(azure.fake().describe(net.resources().get("securityGroup/worker")));
        assertThat(allows(cp, "tcp", 6443, "*")).as("the public load balancer keeps client addresses").isTrue();
        assertThat(allows(cp, "tcp", 6443, "10.0.128.0/17")).as("workers reach the API server").isTrue();
        assertThat(allows(cp, "tcp", 2379, "10.0.0.0/24")).as("etcd between control-plane nodes").isTrue();
        assertThat(allows(cp, "tcp", 2379, "10.0.128.0/17")).as("a worker cannot reach etcd").isFalse();
        assertThat(allows(w, "tcp", 10250, "10.0.0.0/24")).isTrue();
        assertThat(allows(w, "tcp", 10250, "10.0.128.0/17")).as("workers cannot reach each other's kubelet").isFalse();
        assertThat(allows(w, "tcp", 30080, "*")).isTrue();
        assertThat(allows(w, "udp", 4789, "10.0.128.0/17")).isTrue();
        JsonNode deny = cp.get("deny-vnet-inbound");
        assertThat(deny.path("access").asText()).isEqualTo("Deny");
        assertThat(deny.path("priority").asInt()).isEqualTo(4096);
        assertThat(deny.path("sourceAddressPrefix").asText()).isEqualTo("VirtualNetwork");
        Set<Integer> priorities = new HashSet<>();
        cp.values().forEach(r -> assertThat(priorities.add(r.path("priority").asInt())).as("unique priorities").isTrue());

        azure.server().resetRequests();
        NetworkInfo again = network(ctx, NetworkRules.defaults());
        assertThat(again).isEqualTo(net);
        assertThat(writes()).as("a second call makes nothing").isEmpty();
    }

    @Test
    void aRuleTheEngineNoLongerAsksForIsRemovedOnceItsReplacementIsIn() {
        NetworkInfo net = network(ctx, NetworkRules.defaults());
        List<SecurityRule> narrowed = NetworkRules.defaults().stream().map(r -> r.fromPort() == 30000
                ? new SecurityRule(r.description(), r.source(), r.target(), r.protocol(), 30000, 30999) : r).toList();
        azure.server().resetRequests();
        network(ctx, narrowed);
        assertThat(writes()).hasSize(2);
        assertThat(writes().get(0)).startsWith("PUT ").endsWith("/securityRules/tcp-30000-30999-from-anywhere");
        assertThat(writes().get(1)).startsWith("DELETE ").endsWith("/securityRules/tcp-30000-32767-from-anywhere");
        Map<String, JsonNode> w = rules(azure.fake().describe(net.resources().get("securityGroup/worker")));
        assertThat(allows(w, "tcp", 30500, "*")).isTrue();
        assertThat(allows(w, "tcp", 32000, "*")).as("the old range is gone").isFalse();
        azure.server().resetRequests();
        network(ctx, narrowed);
        assertThat(writes()).isEmpty();
    }

    @Test
    void theApiLoadBalancerIsStandardOnAPublicIpWithTheControlPlaneNicsInItsPool() throws Exception {
        network(ctx, NetworkRules.defaults());
        LoadBalancerInfo lb = await(provider.ensureLoadBalancer(ctx, new LoadBalancerRequest(6443, List.of())));
        assertThat(lb.port()).isEqualTo(6443);
        assertThat(lb.host()).matches("palette-[0-9a-f]{16}\\.eastus\\.cloudapp\\.azure\\.com");
        var pipPut = azure.server().findAll(requests("PUT", ".*/publicIPAddresses/.*-api-pip")).get(0);
        String pipName = pipPut.getUrl().replaceAll("\\?.*", "").replaceAll(".*/", "");
        JsonNode pip = JSON.readTree(pipPut.getBodyAsString());
        assertThat(pip.path("sku").path("name").asText()).isEqualTo("Standard");
        assertThat(pip.path("properties").path("publicIPAllocationMethod").asText()).isEqualTo("Static");
        assertThat(pip.path("zones")).extracting(JsonNode::asText).containsExactly("1", "2");
        JsonNode body = JSON.readTree(azure.server().findAll(requests("PUT", ".*/loadBalancers/.*")).get(0).getBodyAsString());
        assertThat(body.path("sku").path("name").asText()).isEqualTo("Standard");
        JsonNode rule = body.path("properties").path("loadBalancingRules").path(0).path("properties");
        assertThat(rule.path("protocol").asText()).isEqualTo("Tcp");
        assertThat(rule.path("frontendPort").asInt()).isEqualTo(6443);
        assertThat(rule.path("backendPort").asInt()).isEqualTo(6443);
        assertThat(rule.path("backendAddressPool").path("id").asText()).endsWith("/backendAddressPools/control-plane");
        assertThat(body.path("properties").path("probes").path(0).path("properties").path("port").asInt()).isEqualTo(6443);
        assertThat(body.path("properties").path("frontendIPConfigurations").path(0).path("properties").path("publicIPAddress")
                .path("id").asText()).endsWith("/publicIPAddresses/" + pipName);

        MachineInfo a = controlPlane(ctx, "control-plane-a");
        MachineInfo b = controlPlane(ctx, "control-plane-b");
        LoadBalancerInfo both = await(provider.ensureLoadBalancer(ctx, new LoadBalancerRequest(6443, List.of(a.providerId(), b.providerId()))));
        assertThat(both.id()).isEqualTo(lb.id());
        assertThat(both.targets()).containsExactlyInAnyOrder(a.providerId(), b.providerId());
        azure.server().resetRequests();
        LoadBalancerInfo onlyB = await(provider.ensureLoadBalancer(ctx, new LoadBalancerRequest(6443, List.of(b.providerId()))));
        assertThat(onlyB.targets()).containsExactly(b.providerId());
        assertThat(writes()).singleElement().satisfies(wr -> assertThat(wr).startsWith("PUT ").contains("control-plane-a"));
        JsonNode nicA = azure.fake().describe(path(ctx, "Microsoft.Network/networkInterfaces", "control-plane-a-"
                + a.providerId().substring(a.providerId().length() - 6) + "-nic"));
        assertThat(nicA.path("properties").path("ipConfigurations").path(0).path("properties").path("loadBalancerBackendAddressPools"))
                .isEmpty();
        azure.server().verify(0, requests("PUT", ".*/loadBalancers/.*"));
    }

    @Test
    void aPrivateLoadBalancerHasItsFrontendInTheControlPlaneSubnetAndNoPublicIp() throws Exception {
        ProviderContext priv = context("private", Map.of("publicLoadBalancer", false));
        NetworkInfo net = await(provider.ensureNetwork(priv, new NetworkRequest(List.of(), NetworkRules.defaults())));
        LoadBalancerInfo lb = await(provider.ensureLoadBalancer(priv, new LoadBalancerRequest(6443, List.of())));
        assertThat(lb.host()).isEqualTo("10.0.0.250");
        azure.server().verify(0, requests("PUT", ".*/publicIPAddresses/.*-api-pip"));
        JsonNode body = JSON.readTree(azure.server().findAll(requests("PUT", ".*/loadBalancers/.*")).get(0).getBodyAsString());
        assertThat(body.path("properties").path("frontendIPConfigurations").path(0).path("properties").path("subnet").path("id").asText())
                .isEqualTo(net.resources().get("subnet/control-plane"));
        Map<String, JsonNode> cp = rules(azure.fake().describe(net.resources().get("securityGroup/control-plane")));
        assertThat(allows(cp, "tcp", 6443, "VirtualNetwork")).as("a private load balancer forwards from the network").isTrue();
        assertThat(allows(cp, "tcp", 6443, "*")).isFalse();
    }

    @Test
    void theProvidersOwnResourceGroupIsDeletedWholeInOneCall() {
        network(ctx, NetworkRules.defaults());
        MachineInfo cp = controlPlane(ctx, "control-plane-x");
        await(provider.ensureLoadBalancer(ctx, new LoadBalancerRequest(6443, List.of(cp.providerId()))));
        await(provider.deleteMachine(ctx, "control-plane-x"));
        azure.server().resetRequests();
        await(provider.deleteInfrastructure(ctx));
        assertThat(writes()).singleElement().satisfies(w -> assertThat(w).matches("(?i)DELETE /subscriptions/.*/resourcegroups/palette-"
                + ctx.clusterId()));
        assertThat(azure.fake().leftovers(ctx.clusterId())).isEmpty();
        await(provider.deleteInfrastructure(ctx));
    }

    @Test
    void aGroupHoldingSomethingUntaggedIsEmptiedOfTheClustersResourcesInOrderAndKept() {
        ProviderContext other = context("other", Map.of());
        network(other, NetworkRules.defaults());
        List<String> othersBefore = azure.fake().leftovers(other.clusterId());
        network(ctx, NetworkRules.defaults());
        controlPlane(ctx, "control-plane-y");
        await(provider.ensureLoadBalancer(ctx, new LoadBalancerRequest(6443, List.of())));
        String foreign = path(ctx, "Microsoft.Network/publicIPAddresses", "someone-elses-ip");
        azure.fake().addResource(foreign, JSON.createObjectNode().put("ipAddress", "20.1.1.1"));

        azure.server().resetRequests();
        await(provider.deleteInfrastructure(ctx)); // the VM left behind goes first: it holds the NIC, the NIC the subnet
        assertThat(azure.fake().leftovers(ctx.clusterId())).as("only the group is left, kept for what is not the cluster's")
                .containsExactly("microsoft.resources/resourcegroups/palette-" + ctx.clusterId());
        assertThat(azure.fake().describe(foreign)).isNotNull();
        List<String> order = new ArrayList<>();
        writes().stream().filter(w -> w.startsWith("DELETE")).map(w -> w.replaceAll(".*/providers/", "").replaceAll("/[^/]+$", ""))
                .forEach(t -> {
                    if (order.isEmpty() || !order.get(order.size() - 1).equals(t)) {
                        order.add(t);
                    }
                });
        assertThat(order).as("the VM (its NIC and disk go with it), then what it used").containsExactly(
                "Microsoft.Compute/virtualMachines", "Microsoft.Network/loadBalancers", "Microsoft.Network/publicIPAddresses",
                "Microsoft.Network/virtualNetworks", "Microsoft.Network/natGateways", "Microsoft.Network/publicIPAddresses",
                "Microsoft.Network/networkSecurityGroups");
        azure.server().verify(0, requests("DELETE", "(?i).*/resourcegroups/[^/]+"));
        assertThat(azure.fake().leftovers(other.clusterId())).as("another cluster's resources stay").isEqualTo(othersBefore);
    }

    @Test
    void anExistingGroupAndVirtualNetworkAreUsedReadOnlyAndKept() {
        azure.fake().addResourceGroup(FakeAzureServer.SUBSCRIPTION, "team-rg");
        azure.fake().addResourceGroup(FakeAzureServer.SUBSCRIPTION, "network-rg");
        String vnetId = "/subscriptions/" + FakeAzureServer.SUBSCRIPTION + "/resourceGroups/network-rg/providers/Microsoft.Network/virtualNetworks/shared";
        ObjectNode props = JSON.createObjectNode();
        props.withObjectProperty("addressSpace").putArray("addressPrefixes").add("172.16.0.0/16");
        props.putArray("subnets").add(JSON.createObjectNode().put("name", "k8s-cp").set("properties",
                JSON.createObjectNode().put("addressPrefix", "172.16.1.0/24")));
        ((com.fasterxml.jackson.databind.node.ArrayNode) props.get("subnets")).add(JSON.createObjectNode().put("name", "k8s-workers")
                .set("properties", JSON.createObjectNode().put("addressPrefix", "172.16.8.0/21")));
        azure.fake().addResource(vnetId, props);
        String foreign = "/subscriptions/" + FakeAzureServer.SUBSCRIPTION + "/resourceGroups/team-rg/providers/Microsoft.Network/publicIPAddresses/keep-me";
        azure.fake().addResource(foreign, JSON.createObjectNode());
        ProviderContext given = context("given", Map.of("resourceGroup", "team-rg", "virtualNetwork", Map.of("name", "shared",
                "resourceGroup", "network-rg", "controlPlaneSubnet", "k8s-cp", "workerSubnet", "k8s-workers")));

        NetworkInfo net = await(provider.ensureNetwork(given, new NetworkRequest(List.of(), NetworkRules.defaults())));
        assertThat(net.networkId()).isEqualTo(vnetId);
        assertThat(net.resources().get("subnet/worker")).isEqualTo(vnetId + "/subnets/k8s-workers");
        azure.server().verify(0, requests("PUT", "(?i).*/resourcegroups/[^/]+"));
        azure.server().verify(0, requests("PUT", ".*/virtualNetworks/.*"));
        azure.server().verify(0, requests("PUT", ".*/natGateways/.*"));
        assertThat(net.resources().get("securityGroup/worker")).contains("/resourceGroups/team-rg/");
        Map<String, JsonNode> cp = rules(azure.fake().describe(net.resources().get("securityGroup/control-plane")));
        assertThat(allows(cp, "tcp", 6443, "172.16.8.0/21")).as("the given subnets' prefixes are the sources").isTrue();

        Map<String, String> tags = new LinkedHashMap<>(given.tags());
        MachineInfo m = await(provider.createMachine(given, new MachineRequest("w-1", "workers", MachineRole.WORKER, "Standard_D2s_v3",
                30, "", FakeAzureServer.UBUNTU, "#cloud-config\n", tags)));
        assertThat(m.address()).startsWith("172.16.8.");
        await(provider.deleteMachine(given, "w-1"));
        await(provider.deleteInfrastructure(given));
        assertThat(azure.fake().leftovers(given.clusterId())).isEmpty();
        assertThat(azure.fake().describe(vnetId)).as("the given network stays").isNotNull();
        assertThat(azure.fake().describe(foreign)).as("an untagged resource in the group stays").isNotNull();
        assertThat(azure.fake().describe("/subscriptions/" + FakeAzureServer.SUBSCRIPTION + "/resourceGroups/team-rg")).isNotNull();
        azure.server().verify(0, requests("DELETE", "(?i).*/resourcegroups/[^/]+"));
    }

    @Test
    void aConfiguredResourceGroupThatDoesNotExistIsNamed() {
        ProviderContext missing = context("missing", Map.of("resourceGroup", "no-such-rg"));
        Throwable t = failure(provider.ensureNetwork(missing, new NetworkRequest(List.of(), List.of())));
        assertThat(t).isInstanceOf(ProviderException.class).hasMessageContaining("no-such-rg").hasMessageContaining("does not exist");
        assertThat(((ProviderException) t).retryable()).isFalse();
    }

    @Test
    void theQuotaCheckComparesTheRegionalVcpusWithWhatIsAskedFor() {
        azure.fake().setCoreLimit(10);
        assertThat(await(provider.checkQuota(ctx, new QuotaRequest(Map.of("Standard_D4s_v3", 2))))).isEqualTo(QuotaCheck.OK);
        QuotaCheck no = await(provider.checkQuota(ctx, new QuotaRequest(Map.of("Standard_D4s_v3", 3))));
        assertThat(no.sufficient()).isFalse();
        assertThat(no.message()).contains("limit 10").contains("additional required 12");
    }
}
