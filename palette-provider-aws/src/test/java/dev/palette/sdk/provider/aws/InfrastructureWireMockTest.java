package dev.palette.sdk.provider.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.palette.sdk.api.error.ProviderException;
import dev.palette.sdk.api.model.ImageReference;
import dev.palette.sdk.api.model.MachineRole;
import dev.palette.sdk.api.provider.ImageInfo;
import dev.palette.sdk.api.provider.ImageRequest;
import dev.palette.sdk.api.provider.LoadBalancerInfo;
import dev.palette.sdk.api.provider.LoadBalancerRequest;
import dev.palette.sdk.api.provider.MachineInfo;
import dev.palette.sdk.api.provider.MachineRequest;
import dev.palette.sdk.api.provider.NetworkInfo;
import dev.palette.sdk.api.provider.NetworkRequest;
import dev.palette.sdk.api.provider.ProviderContext;
import dev.palette.sdk.api.provider.ResourceTags;
import dev.palette.sdk.api.provider.SecurityRule;
import dev.palette.sdk.core.network.NetworkRules;
import dev.palette.sdk.provider.aws.fake.FakeAwsServer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Networks, load balancers, images and deletion against the fake: what is made, with which parameters,
 * that a second call makes nothing new, and that deletion leaves nothing of the cluster and nothing else
 * touched.
 */
class InfrastructureWireMockTest extends FakeAwsTest {
    private static final List<String> ZONES = List.of("us-east-1a", "us-east-1b");
    private ProviderContext ctx;

    @BeforeEach
    void cluster() {
        ctx = context(Map.of("zones", ZONES));
    }

    private static ProviderContext context(Map<String, Object> props) {
        return context("infra", props);
    }

    private NetworkInfo network() {
        return await(provider.ensureNetwork(ctx, new NetworkRequest(ZONES, NetworkRules.defaults())));
    }

    private MachineInfo controlPlane(String name) {
        Map<String, String> tags = new LinkedHashMap<>(ctx.tags());
        tags.put(ResourceTags.MACHINE, name);
        return await(provider.createMachine(ctx, new MachineRequest(name, "control-plane", MachineRole.CONTROL_PLANE,
                "m5.xlarge", 50, "us-east-1a", FakeAwsServer.UBUNTU_AMI, "#cloud-config\n", tags)));
    }

    private static boolean allows(List<Map<String, String>> rules, String protocol, int port, String sourceKey, String source) {
        return rules.stream().anyMatch(r -> r.get("protocol").equals(protocol) && Integer.parseInt(r.get("from")) <= port
                && Integer.parseInt(r.get("to")) >= port && source.equals(r.get(sourceKey)));
    }

    @Test
    void theNetworkHasAVpcSubnetsPerRoleAndZoneAGatewayAndIsolatingSecurityGroups() {
        NetworkInfo net = network();
        Map<String, String> vpc = aws.fake().describe(net.networkId());
        assertThat(vpc).containsEntry("cidr", "10.0.0.0/16").containsEntry("tag:" + ResourceTags.CLUSTER_ID, ctx.clusterId());
        assertThat(net.resources()).containsKeys("subnet/control-plane/us-east-1a", "subnet/control-plane/us-east-1b",
                "subnet/worker/us-east-1a", "subnet/worker/us-east-1b", "securityGroup/control-plane", "securityGroup/worker",
                "internetGateway", "routeTable");
        Map<String, String> cpA = aws.fake().describe(net.resources().get("subnet/control-plane/us-east-1a"));
        assertThat(cpA).containsEntry("availability-zone", "us-east-1a").containsEntry("cidr-block", "10.0.0.0/24")
                .containsEntry("map-public-ip", "true").containsEntry("tag:" + ResourceTags.ROLE, "control-plane");
        assertThat(aws.fake().describe(net.resources().get("subnet/worker/us-east-1b"))).containsEntry("cidr-block", "10.0.32.0/20");
        assertThat(aws.fake().describe(net.resources().get("internetGateway"))).containsEntry("attachment.vpc-id", net.networkId());
        List<Map<String, String>> routes = aws.fake().parts(net.resources().get("routeTable"));
        assertThat(routes).anyMatch(r -> "0.0.0.0/0".equals(r.get("destination")) && net.resources().get("internetGateway").equals(r.get("gateway")));
        assertThat(routes.stream().filter(r -> "association".equals(r.get("kind")))).hasSize(4);

        String cp = net.resources().get("securityGroup/control-plane");
        String w = net.resources().get("securityGroup/worker");
        List<Map<String, String>> cpRules = aws.fake().parts(cp);
        List<Map<String, String>> wRules = aws.fake().parts(w);
        assertThat(allows(cpRules, "tcp", 2379, "group", cp)).as("etcd between control-plane nodes").isTrue();
        assertThat(allows(cpRules, "tcp", 2379, "group", w)).as("a worker cannot reach etcd").isFalse();
        assertThat(allows(cpRules, "tcp", 6443, "group", w)).as("workers reach the API server").isTrue();
        assertThat(allows(cpRules, "tcp", 6443, "cidr", "0.0.0.0/0")).as("the internet-facing NLB keeps client addresses").isTrue();
        assertThat(allows(wRules, "tcp", 10250, "group", cp)).isTrue();
        assertThat(allows(wRules, "tcp", 10250, "group", w)).as("workers cannot reach each other's kubelet").isFalse();
        assertThat(allows(wRules, "tcp", 30080, "cidr", "0.0.0.0/0")).isTrue();
        assertThat(allows(wRules, "udp", 4789, "group", w)).isTrue();

        NetworkInfo again = network();
        assertThat(again).isEqualTo(net);
        aws.server().verify(1, action("CreateVpc"));
        aws.server().verify(4, action("CreateSubnet"));
        aws.server().verify(2, action("CreateSecurityGroup"));
        aws.server().verify(2, action("AuthorizeSecurityGroupIngress"));
        aws.server().verify(1, action("CreateVpc").withFormParam("TagSpecification.1.ResourceType", equalTo("vpc")));
    }

    @Test
    void aRuleTheEngineNoLongerAsksForIsRevokedOnceItsReplacementIsIn() {
        NetworkInfo net = network();
        String w = net.resources().get("securityGroup/worker");
        // The NodePort range narrowed: the new rule is added, then the old one revoked, and nothing else.
        List<SecurityRule> narrowed = NetworkRules.defaults().stream().map(r -> r.fromPort() == 30000
                ? new SecurityRule(r.description(), r.source(), r.target(), r.protocol(), 30000, 30999) : r).toList();
        await(provider.ensureNetwork(ctx, new NetworkRequest(ZONES, narrowed)));
        List<Map<String, String>> rules = aws.fake().parts(w);
        assertThat(allows(rules, "tcp", 30500, "cidr", "0.0.0.0/0")).isTrue();
        assertThat(allows(rules, "tcp", 32000, "cidr", "0.0.0.0/0")).as("the old range is gone").isFalse();
        assertThat(allows(rules, "tcp", 10250, "group", net.resources().get("securityGroup/control-plane"))).isTrue();
        aws.server().verify(1, action("RevokeSecurityGroupIngress").withFormParam("GroupId", equalTo(w))
                .withFormParam("IpPermissions.1.ToPort", equalTo("32767")));

        await(provider.ensureNetwork(ctx, new NetworkRequest(ZONES, narrowed)));
        aws.server().verify(1, action("RevokeSecurityGroupIngress"));
    }

    @Test
    void aNewZoneGetsNewSubnetsAndTheOldOnesStay() {
        NetworkInfo one = await(provider.ensureNetwork(ctx, new NetworkRequest(List.of("us-east-1a"), NetworkRules.defaults())));
        NetworkInfo two = await(provider.ensureNetwork(ctx, new NetworkRequest(List.of("us-east-1a", "us-east-1c"), NetworkRules.defaults())));
        assertThat(two.resources()).containsAllEntriesOf(Map.of("subnet/worker/us-east-1a", one.resources().get("subnet/worker/us-east-1a")));
        assertThat(aws.fake().describe(two.resources().get("subnet/control-plane/us-east-1c")).get("cidr-block"))
                .isNotEqualTo(aws.fake().describe(two.resources().get("subnet/control-plane/us-east-1a")).get("cidr-block"));
    }

    @Test
    void theApiLoadBalancerIsAnNlbOn6443WithTheControlPlanesAsTargets() {
        NetworkInfo net = network();
        LoadBalancerInfo lb = await(provider.ensureLoadBalancer(ctx, new LoadBalancerRequest(6443, List.of())));
        assertThat(lb.port()).isEqualTo(6443);
        assertThat(lb.host()).endsWith(".elb.us-east-1.amazonaws.com");
        assertThat(lb.endpoint()).isEqualTo("https://" + lb.host() + ":6443");
        aws.server().verify(1, action("CreateLoadBalancer").withFormParam("Type", equalTo("network"))
                .withFormParam("Scheme", equalTo("internet-facing")).withFormParam("Name", equalTo(ctx.clusterId() + "-api"))
                .withFormParam("Subnets.member.1", equalTo(net.resources().get("subnet/control-plane/us-east-1a")))
                .withFormParam("Subnets.member.2", equalTo(net.resources().get("subnet/control-plane/us-east-1b"))));
        aws.server().verify(1, action("CreateTargetGroup").withFormParam("Protocol", equalTo("TCP"))
                .withFormParam("Port", equalTo("6443")).withFormParam("VpcId", equalTo(net.networkId()))
                .withFormParam("TargetType", equalTo("instance")));
        aws.server().verify(1, action("CreateListener").withFormParam("Protocol", equalTo("TCP")).withFormParam("Port", equalTo("6443"))
                .withFormParam("DefaultActions.member.1.Type", equalTo("forward")));

        MachineInfo a = controlPlane("control-plane-a");
        MachineInfo b = controlPlane("control-plane-b");
        LoadBalancerInfo both = await(provider.ensureLoadBalancer(ctx, new LoadBalancerRequest(6443, List.of(a.providerId(), b.providerId()))));
        assertThat(both.id()).isEqualTo(lb.id());
        assertThat(both.targets()).containsExactlyInAnyOrder(a.providerId(), b.providerId());
        LoadBalancerInfo onlyB = await(provider.ensureLoadBalancer(ctx, new LoadBalancerRequest(6443, List.of(b.providerId()))));
        assertThat(onlyB.targets()).containsExactly(b.providerId());
        String tg = aws.fake().ids("target-group").stream().filter(t -> t.contains(ctx.clusterId())).findFirst().orElseThrow();
        assertThat(aws.fake().parts(tg)).extracting(p -> p.get("id")).containsExactly(b.providerId());
        aws.server().verify(1, action("DeregisterTargets").withFormParam("Targets.member.1.Id", equalTo(a.providerId())));
        aws.server().verify(1, action("CreateLoadBalancer"));
    }

    @Test
    void deletionRemovesEveryTaggedResourceInOrderAndNothingElse() {
        ProviderContext other = context(Map.of("zones", ZONES));
        await(provider.ensureNetwork(other, new NetworkRequest(ZONES, NetworkRules.defaults())));
        await(provider.ensureLoadBalancer(other, new LoadBalancerRequest(6443, List.of())));
        List<String> othersBefore = aws.fake().leftovers(other.clusterId());
        String strangersVpc = aws.fake().addVpc("172.31.0.0/16");

        network();
        MachineInfo cp = controlPlane("control-plane-x");
        await(provider.ensureLoadBalancer(ctx, new LoadBalancerRequest(6443, List.of(cp.providerId()))));
        Throwable busy = catchThrowable(() -> await(provider.deleteInfrastructure(ctx)));
        assertThat(busy).isInstanceOf(CompletionException.class).cause().isInstanceOf(ProviderException.class)
                .hasMessageContaining("DependencyViolation");
        assertThat(((ProviderException) busy.getCause()).retryable()).isTrue();
        aws.server().verify(0, action("DeleteVpc"));

        await(provider.deleteMachine(ctx, "control-plane-x"));
        await(provider.deleteInfrastructure(ctx));
        assertThat(aws.fake().leftovers(ctx.clusterId())).isEmpty();
        assertThat(aws.fake().leftovers(other.clusterId())).as("another cluster's resources stay").isEqualTo(othersBefore);
        assertThat(aws.fake().ids("vpc")).as("an untagged VPC stays").contains(strangersVpc);
        await(provider.deleteInfrastructure(ctx));
    }

    @Test
    void anExistingVpcGetsOnlySecurityGroupsAndKeepsItsSubnetsOnDeletion() {
        String vpc = aws.fake().addVpc("10.20.0.0/16");
        String cpSubnet = aws.fake().addSubnet(vpc, "us-east-1a", "10.20.1.0/24");
        String wSubnet = aws.fake().addSubnet(vpc, "us-east-1a", "10.20.2.0/24");
        ctx = context(Map.of("vpcId", vpc, "subnets", List.of(Map.of("id", cpSubnet, "zone", "us-east-1a", "role", "control-plane"),
                Map.of("id", wSubnet, "zone", "us-east-1a", "role", "worker"))));
        NetworkInfo net = await(provider.ensureNetwork(ctx, new NetworkRequest(List.of("us-east-1a"), NetworkRules.defaults())));
        assertThat(net.networkId()).isEqualTo(vpc);
        assertThat(net.resources()).containsEntry("subnet/control-plane/us-east-1a", cpSubnet)
                .containsEntry("subnet/worker/us-east-1a", wSubnet);
        aws.server().verify(0, action("CreateVpc"));
        aws.server().verify(0, action("CreateSubnet"));
        aws.server().verify(2, action("CreateSecurityGroup").withFormParam("VpcId", equalTo(vpc)));

        await(provider.deleteInfrastructure(ctx));
        assertThat(aws.fake().leftovers(ctx.clusterId())).isEmpty();
        assertThat(aws.fake().ids("subnet")).contains(cpSubnet, wSubnet);
        assertThat(aws.fake().ids("vpc")).contains(vpc);
    }

    @Test
    void anAmiOfAnotherRegionIsCopiedOnceAndAwaited() {
        aws.fake().addRemoteImage("us-west-2", "ami-0west0001", "ubuntu-22.04");
        ImageRequest req = new ImageRequest(ImageReference.of("aws", "us-west-2", "ami-0west0001"), "sig-copy", List.of(), false, "");
        ImageInfo copied = await(provider.ensureImage(ctx, req));
        assertThat(copied.origin()).isEqualTo(ImageInfo.Origin.COPIED);
        assertThat(aws.fake().describe(copied.imageId())).containsEntry("state", "available")
                .containsEntry("tag:palette.dev/source-image", "us-west-2/ami-0west0001");
        aws.server().verify(1, action("CopyImage").withFormParam("SourceRegion", equalTo("us-west-2"))
                .withFormParam("SourceImageId", equalTo("ami-0west0001")));
        ImageInfo again = await(aws.provider().ensureImage(context(Map.of()), req));
        assertThat(again.imageId()).isEqualTo(copied.imageId());
        aws.server().verify(1, action("CopyImage"));
    }

    @Test
    void aBaseImageIsFoundByIdOrNameAndAMissingOneIsNamed() {
        ImageInfo byName = await(provider.ensureImage(ctx, new ImageRequest(ImageReference.of("aws", "", "ubuntu-22.04"),
                "sig-name", List.of(), false, "")));
        assertThat(byName).isEqualTo(new ImageInfo(FakeAwsServer.UBUNTU_AMI, "", ImageInfo.Origin.BASE));
        Throwable t = catchThrowable(() -> await(provider.ensureImage(ctx, new ImageRequest(
                ImageReference.of("aws", FakeAwsServer.REGION, "ami-0missing0001"), "sig-missing", List.of(), false, ""))));
        assertThat(t.getCause()).isInstanceOf(ProviderException.class).hasMessageContaining("ami-0missing0001")
                .hasMessageContaining("us-east-1");
        assertThat(((ProviderException) t.getCause()).retryable()).isFalse();
    }

    @Test
    void aCustomizedImageIsBuiltOnABuilderThatPowersOffAndIsFoundAgainBySignature() {
        ImageRequest req = new ImageRequest(ImageReference.of("aws", FakeAwsServer.REGION, FakeAwsServer.UBUNTU_AMI),
                "sig-build-" + ctx.clusterId(), List.of("harden-os"), true, "1.33.6");
        ImageInfo built = await(provider.ensureImage(ctx, req));
        assertThat(built.origin()).isEqualTo(ImageInfo.Origin.BUILT);
        assertThat(aws.fake().describe(built.imageId())).containsEntry("tag:" + ResourceTags.IMAGE_SIGNATURE, req.signature());
        String userData = aws.server().findAll(action("RunInstances")).get(0).formParameters().get("UserData").firstValue();
        assertThat(new String(Base64.getDecoder().decode(userData), StandardCharsets.UTF_8)).startsWith("#cloud-config")
                .contains("kubeadm=1.33.6-*").contains("name=harden-os").contains("mode: poweroff");
        aws.server().verify(1, action("RunInstances").withFormParam("InstanceInitiatedShutdownBehavior", equalTo("stop")));
        aws.server().verify(1, action("CreateImage"));
        assertThat(aws.fake().instances(ctx.clusterId())).as("the builder is gone").allSatisfy((id, state) ->
                assertThat(state).isIn("shutting-down", "terminated"));

        ImageInfo reused = await(provider.ensureImage(context(Map.of()), req));
        assertThat(reused).isEqualTo(new ImageInfo(built.imageId(), req.signature(), ImageInfo.Origin.REUSED));
        aws.server().verify(1, action("RunInstances"));
    }
}
