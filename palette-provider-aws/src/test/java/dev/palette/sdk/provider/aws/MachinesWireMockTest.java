package dev.palette.sdk.provider.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.WireMock;
import dev.palette.sdk.api.error.AccessDeniedException;
import dev.palette.sdk.api.error.PaletteException;
import dev.palette.sdk.api.error.ProviderException;
import dev.palette.sdk.api.error.QuotaExceededException;
import dev.palette.sdk.api.model.MachineRole;
import dev.palette.sdk.api.provider.MachineInfo;
import dev.palette.sdk.api.provider.MachineRequest;
import dev.palette.sdk.api.provider.MachineState;
import dev.palette.sdk.api.provider.NetworkInfo;
import dev.palette.sdk.api.provider.NetworkRequest;
import dev.palette.sdk.api.provider.ProviderContext;
import dev.palette.sdk.api.provider.ResourceTags;
import dev.palette.sdk.provider.aws.fake.FakeAwsServer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Machines over WireMock: each EC2 call's parameters as sent (tags, client token, user data, subnet),
 * the published response shapes parsed, and each error mapped.
 */
class MachinesWireMockTest extends FakeAwsTest {
    private static final String USER_DATA = "#cloud-config\nwrite_files:\n- path: /etc/kubernetes/token\n  content: s3cr3t-bootstrap\n";
    private ProviderContext ctx;
    private String id;

    @BeforeEach
    void cluster() {
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("zones", List.of("us-east-1a", "us-east-1b"));
        props.put("sshKeyName", "ops-key");
        props.put("instanceProfile", "palette-nodes");
        props.put("tags", Map.of("team", "payments"));
        ctx = context("wire", props);
        id = ctx.clusterId();
    }

    private static MachineRequest worker(ProviderContext ctx, String name, String zone) {
        Map<String, String> tags = new LinkedHashMap<>(ctx.tags());
        tags.put(ResourceTags.MACHINE, name);
        tags.put(ResourceTags.POOL, "workers");
        tags.put(ResourceTags.ROLE, "worker");
        return new MachineRequest(name, "workers", MachineRole.WORKER, "m5.large", 40, zone, FakeAwsServer.UBUNTU_AMI,
                USER_DATA, tags);
    }

    private static String sha256(String s) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void runInstancesSendsTheMachinesTagsClientTokenUserDataAndSubnet() throws Exception {
        NetworkInfo net = await(provider.ensureNetwork(ctx, new NetworkRequest(List.of("us-east-1a", "us-east-1b"), List.of())));
        MachineInfo m = await(provider.createMachine(ctx, worker(ctx, "workers-x1", "us-east-1b")));

        assertThat(m.machineName()).isEqualTo("workers-x1");
        assertThat(m.state()).isEqualTo(MachineState.PENDING);
        assertThat(m.zone()).isEqualTo("us-east-1b");
        String token = sha256(id + "\u0000workers-x1");
        String userData = Base64.getEncoder().encodeToString(USER_DATA.getBytes(StandardCharsets.UTF_8));
        aws.server().verify(1, action("RunInstances")
                .withFormParam("ImageId", equalTo(FakeAwsServer.UBUNTU_AMI))
                .withFormParam("InstanceType", equalTo("m5.large"))
                .withFormParam("MinCount", equalTo("1")).withFormParam("MaxCount", equalTo("1"))
                .withFormParam("SubnetId", equalTo(net.resources().get("subnet/worker/us-east-1b")))
                .withFormParam("SecurityGroupId.1", equalTo(net.resources().get("securityGroup/worker")))
                .withFormParam("UserData", equalTo(userData))
                .withFormParam("ClientToken", equalTo(token))
                .withFormParam("KeyName", equalTo("ops-key"))
                .withFormParam("IamInstanceProfile.Name", equalTo("palette-nodes"))
                .withFormParam("MetadataOptions.HttpTokens", equalTo("required"))
                .withFormParam("BlockDeviceMapping.1.DeviceName", equalTo("/dev/sda1"))
                .withFormParam("BlockDeviceMapping.1.Ebs.VolumeSize", equalTo("40"))
                .withFormParam("BlockDeviceMapping.1.Ebs.DeleteOnTermination", equalTo("true")));
        Map<String, String> instance = aws.fake().describe(m.providerId());
        assertThat(instance).containsEntry("tag:" + ResourceTags.CLUSTER_ID, id)
                .containsEntry("tag:" + ResourceTags.MACHINE, "workers-x1").containsEntry("tag:" + ResourceTags.POOL, "workers")
                .containsEntry("tag:" + ResourceTags.ROLE, "worker").containsEntry("tag:team", "payments")
                .containsEntry("tag:Name", "wire-workers-x1");
        assertThat(instance.get("volume-tags")).as("the root volume is tagged too")
                .contains(ResourceTags.CLUSTER_ID + "=" + id).contains(ResourceTags.MACHINE + "=workers-x1");
        List<String> bodies = aws.server().findAll(action("RunInstances")).stream().map(r -> r.getBodyAsString()).toList();
        assertThat(String.join("", bodies)).contains("TagSpecification.2.ResourceType=volume")
                .contains("TagSpecification.3.ResourceType=network-interface").doesNotContain("s3cr3t-bootstrap");
    }

    @Test
    void aMachineThatExistsIsFoundByItsTagsAndNotLaunchedAgain() {
        MachineInfo first = await(provider.createMachine(ctx, worker(ctx, "workers-x2", "")));
        MachineInfo again = await(aws.provider().createMachine(ctx, worker(ctx, "workers-x2", "")));
        assertThat(again.providerId()).isEqualTo(first.providerId());
        assertThat(again.state()).as("looked up after launch: booted").isEqualTo(MachineState.RUNNING);
        aws.server().verify(1, action("RunInstances"));
        aws.server().verify(action("DescribeInstances").withFormParam("Filter.1.Name", equalTo("tag:" + ResourceTags.CLUSTER_ID))
                .withFormParam("Filter.1.Value.1", equalTo(id))
                .withFormParam("Filter.2.Name", equalTo("tag:" + ResourceTags.MACHINE))
                .withFormParam("Filter.2.Value.1", equalTo("workers-x2")));
        assertThat(aws.fake().instancesLaunched(id)).isEqualTo(1);
    }

    @Test
    void aLaunchWhoseAnswerWasLostIsRetriedWithTheSameClientTokenAndMakesOneInstance() {
        aws.fake().applyThenFail("RunInstances", 500, "InternalError", "An internal error has occurred");
        MachineInfo m = await(provider.createMachine(ctx, worker(ctx, "workers-x3", "us-east-1a")));
        List<String> tokens = aws.server().findAll(action("RunInstances")).stream()
                .map(r -> r.formParameters().get("ClientToken").firstValue()).toList();
        assertThat(tokens).hasSize(2).containsOnly(tokens.get(0));
        assertThat(aws.fake().instancesLaunched(id)).isEqualTo(1);
        assertThat(aws.fake().instances(id)).containsOnlyKeys(m.providerId());
    }

    @Test
    void throttlingIsRetriedThenReportedAsRetryable() {
        aws.fake().failNext("DescribeInstances", 2, 503, "RequestLimitExceeded", "Request limit exceeded.");
        assertThat(await(provider.listMachines(ctx))).isEmpty();
        aws.server().verify(3, action("DescribeInstances"));

        aws.fake().failNext("DescribeInstances", 3, 503, "RequestLimitExceeded", "Request limit exceeded.");
        Throwable t = failure(provider.listMachines(ctx));
        assertThat(t).isExactlyInstanceOf(ProviderException.class).hasMessageContaining("Request limit exceeded.");
        assertThat(((ProviderException) t).retryable()).isTrue();
        assertThat(((ProviderException) t).errorCode()).contains("RequestLimitExceeded");
    }

    @ParameterizedTest
    @ValueSource(strings = {"VcpuLimitExceeded", "InstanceLimitExceeded", "InsufficientInstanceCapacity"})
    void quotaAndCapacityRefusalsAreQuotaErrorsWithAwsMessage(String code) {
        await(provider.ensureNetwork(ctx, new NetworkRequest(List.of(), List.of())));
        String message = "Your quota allows for 0 more running instance(s). You requested at least 1";
        aws.fake().failNext("RunInstances", 1, 400, code, message);
        Throwable t = failure(provider.createMachine(ctx, worker(ctx, "workers-q", "")));
        assertThat(t).isInstanceOf(QuotaExceededException.class).hasMessage(message);
        assertThat(((QuotaExceededException) t).errorCode()).contains(code);
        assertThat(((PaletteException) t).retryable()).isTrue();
        aws.server().verify(1, action("RunInstances"));
    }

    @Test
    void aMissingPermissionIsNamedAndNotRetried() {
        aws.fake().failNext("DescribeInstances", 1, 403, "UnauthorizedOperation",
                "You are not authorized to perform this operation. Encoded authorization failure message: Zm9vYmFyYmF6");
        Throwable t = failure(provider.describeMachine(ctx, "workers-z"));
        assertThat(t).isInstanceOf(AccessDeniedException.class).hasMessageContaining("ec2:DescribeInstances")
                .hasMessageContaining("You are not authorized to perform this operation.").hasMessageNotContaining("Zm9vYmFyYmF6");
        assertThat(((AccessDeniedException) t).permission()).isEqualTo("ec2:DescribeInstances");
        assertThat(((AccessDeniedException) t).retryable()).isFalse();
        aws.server().verify(1, action("DescribeInstances"));
    }

    @Test
    void serverErrorsAreRetryable() {
        aws.fake().failNext("DescribeInstances", 5, 500, "InternalError", "An internal error has occurred.");
        Throwable t = failure(provider.listMachines(ctx));
        assertThat(t).isInstanceOf(ProviderException.class);
        assertThat(((ProviderException) t).retryable()).isTrue();
    }

    @Test
    void deleteTerminatesByTagAndAMissingInstanceCountsAsDone() {
        MachineInfo m = await(provider.createMachine(ctx, worker(ctx, "workers-d", "")));
        await(provider.deleteMachine(ctx, "workers-d"));
        aws.server().verify(1, action("TerminateInstances").withFormParam("InstanceId.1", equalTo(m.providerId())));
        assertThat(await(provider.describeMachine(ctx, "workers-d"))).as("terminated: gone").isEmpty();
        await(provider.deleteMachine(ctx, "workers-d"));
        aws.server().verify(1, action("TerminateInstances"));
    }

    @Test
    void anInstanceThatVanishedBetweenDescribeAndTerminateCountsAsDeleted() {
        await(provider.createMachine(ctx, worker(ctx, "workers-v", "")));
        aws.server().stubFor(post("/").atPriority(1).withFormParam("Action", WireMock.equalTo("TerminateInstances"))
                .willReturn(aResponse().withStatus(400).withBody(Fixtures.read("ec2/errors/InvalidInstanceID.NotFound.docs.xml"))));
        await(provider.deleteMachine(ctx, "workers-v"));
        aws.server().verify(1, action("TerminateInstances"));
    }

    @Test
    void thePublishedRunAndDescribeAnswersParse() {
        await(provider.ensureNetwork(ctx, new NetworkRequest(List.of(), List.of())));
        aws.server().stubFor(post("/").atPriority(1).withFormParam("Action", WireMock.equalTo("RunInstances"))
                .willReturn(aResponse().withBody(Fixtures.read("ec2/RunInstances.response.xml"))));
        MachineInfo launched = await(provider.createMachine(ctx, worker(ctx, "workers-f", "")));
        assertThat(launched.providerId()).isEqualTo("i-0ee0356c");
        assertThat(launched.state()).isEqualTo(MachineState.PENDING);
        assertThat(launched.zone()).isEqualTo("us-east-1b");
        assertThat(launched.address()).isEqualTo("10.0.0.142");

        aws.server().stubFor(post("/").atPriority(1).withFormParam("Action", WireMock.equalTo("DescribeInstances"))
                .willReturn(aResponse().withBody(Fixtures.read("ec2/DescribeInstances.response.xml"))));
        List<MachineInfo> listed = await(provider.listMachines(ctx));
        assertThat(listed).singleElement().satisfies(i -> {
            assertThat(i.providerId()).isEqualTo("i-1234567890abcdef0");
            assertThat(i.machineName()).as("no machine tag: named by its id").isEqualTo("i-1234567890abcdef0");
            assertThat(i.state()).isEqualTo(MachineState.RUNNING);
            assertThat(i.instanceType()).isEqualTo("t2.micro");
            assertThat(i.address()).isEqualTo("192.168.1.88");
            assertThat(i.tags()).containsEntry("Name", "Server_1");
        });
    }

    @Test
    void aRememberedNetworkThatWasDeletedIsMadeAgainOnTheNextAttempt() {
        await(provider.createMachine(ctx, worker(ctx, "workers-n1", "")));
        await(provider.deleteMachine(ctx, "workers-n1"));
        AwsProvider other = aws.provider();
        await(other.listMachines(ctx));
        await(other.deleteInfrastructure(ctx));
        assertThat(aws.fake().leftovers(id)).isEmpty();

        Throwable stale = failure(provider.createMachine(ctx, worker(ctx, "workers-n2", "")));
        assertThat(stale).isInstanceOf(ProviderException.class).hasMessageContaining("NotFound");
        assertThat(((ProviderException) stale).retryable()).isTrue();
        MachineInfo retried = await(provider.createMachine(ctx, worker(ctx, "workers-n2", "")));
        assertThat(aws.fake().describe(retried.providerId())).containsEntry("instance-state-name", "pending");
        aws.server().verify(2, action("CreateVpc"));
    }
}
