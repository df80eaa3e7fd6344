package dev.palette.sdk.provider.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.palette.sdk.api.error.ValidationException;
import dev.palette.sdk.api.error.Violation;
import dev.palette.sdk.api.model.CloudConfig;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AwsCloudConfigTest {

    private static CloudConfig cloud(String region, Map<String, Object> props) {
        return CloudConfig.of("aws", region).withProperties(props);
    }

    @Test
    void defaultsNeedOnlyARegion() {
        AwsCloudConfig c = AwsCloudConfig.from(CloudConfig.of("aws", "eu-west-1"));
        assertThat(c.region()).isEqualTo("eu-west-1");
        assertThat(c.zones()).containsExactly("eu-west-1a");
        assertThat(c.vpcId()).isEmpty();
        assertThat(c.vpcCidr()).isEqualTo("10.0.0.0/16");
        assertThat(c.internetGateway()).isTrue();
        assertThat(c.publicLoadBalancer()).isTrue();
        assertThat(c.sshKeyName()).isEmpty();
        assertThat(c.tags()).isEmpty();
    }

    @Test
    void readsEverySetting() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("zones", List.of("us-east-1a", "us-east-1b"));
        p.put("vpcId", "vpc-0abc1234");
        p.put("subnets", List.of(
                Map.of("id", "subnet-0aaa1111", "zone", "us-east-1a", "role", "control-plane"),
                Map.of("id", "subnet-0aaa2222", "zone", "us-east-1a", "role", "worker"),
                Map.of("id", "subnet-0bbb1111", "zone", "us-east-1b", "role", "control-plane"),
                Map.of("id", "subnet-0bbb2222", "zone", "us-east-1b", "role", "worker")));
        p.put("sshKeyName", "ops");
        p.put("instanceProfile", "arn:aws:iam::123456789012:instance-profile/palette-nodes");
        p.put("publicLoadBalancer", false);
        p.put("tags", Map.of("team", "payments"));
        AwsCloudConfig c = AwsCloudConfig.from(cloud("us-east-1", p));
        assertThat(c.zones()).containsExactly("us-east-1a", "us-east-1b");
        assertThat(c.existingVpc()).isTrue();
        assertThat(c.subnets()).hasSize(4).contains(new AwsCloudConfig.Subnet("subnet-0bbb2222", "us-east-1b", "worker"));
        assertThat(c.sshKeyName()).contains("ops");
        assertThat(c.instanceProfile()).contains("arn:aws:iam::123456789012:instance-profile/palette-nodes");
        assertThat(c.publicLoadBalancer()).isFalse();
        assertThat(c.tags()).containsEntry("team", "payments");
    }

    @Test
    void everyViolationIsReportedWithItsPath() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("zones", List.of("us-east-1a", "eu-west-1b", "us-east-1a"));
        p.put("vpcId", "vpc-xyz");
        p.put("subnets", List.of(Map.of("id", "subnet-0aaa1111", "zone", "us-east-1a", "role", "etcd"),
                Map.of("zone", "us-east-1a", "role", "worker")));
        p.put("vpcCidr", "10.0.0.0/24");
        p.put("instanceProfile", "not a profile!");
        p.put("internetGateway", "yes");
        p.put("tags", Map.of("aws:owner", "x", "palette.dev/cluster-id", "y"));
        p.put("vpcID", "typo");
        ValidationException e = catchThrowableOfType(ValidationException.class, () -> AwsCloudConfig.from(cloud("us-east-1", p)));
        assertThat(e.violations()).extracting(Violation::path).contains("properties.vpcID", "properties.zones[1]",
                "properties.zones[2]", "properties.vpcId", "properties.subnets[0].role", "properties.subnets[1].id",
                "properties.vpcCidr", "properties.instanceProfile", "properties.internetGateway",
                "properties.tags.aws:owner", "properties.tags.palette.dev/cluster-id");
        assertThat(e.violations()).filteredOn(v -> v.path().equals("properties.zones[1]"))
                .extracting(Violation::message).containsExactly("'eu-west-1b' is not a zone of region us-east-1");
    }

    @Test
    void anExistingVpcNeedsASubnetPerRoleAndZone() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("zones", List.of("us-east-1a", "us-east-1b"));
        p.put("vpcId", "vpc-0abc1234");
        p.put("subnets", List.of(Map.of("id", "subnet-0aaa1111", "zone", "us-east-1a", "role", "control-plane"),
                Map.of("id", "subnet-0aaa2222", "zone", "us-east-1a", "role", "worker")));
        assertThat(AwsCloudConfig.check(cloud("us-east-1", p))).extracting(Violation::toString).containsExactly(
                "properties.subnets: no control-plane subnet for zone us-east-1b",
                "properties.subnets: no worker subnet for zone us-east-1b");
        p.remove("subnets");
        assertThat(AwsCloudConfig.check(cloud("us-east-1", p))).extracting(Violation::path).containsExactly("properties.subnets");
    }

    @Test
    void aMissingOrMalformedRegionIsNamed() {
        assertThat(AwsCloudConfig.check(CloudConfig.of("aws", ""))).extracting(Violation::path).containsExactly("region");
        assertThat(AwsCloudConfig.check(CloudConfig.of("aws", "virginia"))).extracting(Violation::message)
                .containsExactly("'virginia' is not an AWS region name such as us-east-1");
    }

    @Test
    void aNatGatewayNeedsAnInternetGatewayAndAVpcOfTheProvider() {
        assertThat(AwsCloudConfig.from(cloud("us-east-1", Map.of("natGateway", true))).natGateway()).isTrue();
        assertThat(AwsCloudConfig.from(CloudConfig.of("aws", "us-east-1")).natGateway()).as("off by default").isFalse();
        assertThat(AwsCloudConfig.check(cloud("us-east-1", Map.of("natGateway", true, "internetGateway", false))))
                .extracting(Violation::toString)
                .containsExactly("properties.natGateway: needs internetGateway: true (a NAT gateway reaches the internet through it)");
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("natGateway", true);
        p.put("vpcId", "vpc-0abc1234");
        p.put("subnets", List.of(Map.of("id", "subnet-0aaa1111", "zone", "us-east-1a", "role", "control-plane"),
                Map.of("id", "subnet-0aaa2222", "zone", "us-east-1a", "role", "worker")));
        assertThat(AwsCloudConfig.check(cloud("us-east-1", p))).extracting(Violation::path).containsExactly("properties.natGateway");
    }
}
