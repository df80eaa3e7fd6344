package dev.palette.sdk.samples.aws;

import dev.palette.sdk.api.model.CloudConfig;
import dev.palette.sdk.api.model.ClusterProfile;
import dev.palette.sdk.api.model.ClusterSpec;
import dev.palette.sdk.api.model.ImageReference;
import dev.palette.sdk.api.model.MachinePoolSpec;
import dev.palette.sdk.api.store.Secret;
import dev.palette.sdk.core.store.InMemorySecretStore;
import dev.palette.sdk.provider.aws.AwsProvider;
import dev.palette.sdk.samples.RealCloudRun;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Provisions a real Kubernetes cluster on AWS (1 control plane, 2 workers, in a VPC of its own with an
 * internet-facing API load balancer), prints its conditions and machines, and deletes it again unless
 * {@code --keep} is given. It costs money while it runs; it is never run by the tests.
 *
 * <p>Credentials come from the environment. With {@code AWS_ACCESS_KEY_ID} and
 * {@code AWS_SECRET_ACCESS_KEY} (and {@code AWS_SESSION_TOKEN} for temporary ones) set, they are put in
 * the engine's secret store and the cluster names them, as a multi-account host would; without them the
 * AWS default chain (profile, SSO, instance role) is used.
 *
 * <pre>
 * export AWS_REGION=eu-west-1 PALETTE_AWS_AMI=ami-…      # an Ubuntu 22.04 AMI of that region
 * export PALETTE_AWS_ZONES=eu-west-1a,eu-west-1b         # optional, default &lt;region&gt;a
 * export PALETTE_AWS_SSH_KEY=my-key                      # optional EC2 key pair
 * mvn -q -pl samples -am package -DskipTests
 * java -cp "samples/target/classes:$(mvn -q -pl samples dependency:build-classpath -Dmdep.outputFile=/dev/stdout)" \
 *     dev.palette.sdk.samples.aws.AwsClusterSample [--keep]
 * </pre>
 */
public final class AwsClusterSample {
    private static final String CREDENTIALS_KEY = "cloud/aws/sample";

    private AwsClusterSample() {
    }

    /**
     * Runs the sample.
     *
     * @param args {@code --keep} to leave the cluster running
     */
    public static void main(String[] args) {
        String region = RealCloudRun.env("AWS_REGION", "us-east-1");
        String ami = System.getenv("PALETTE_AWS_AMI");
        if (ami == null || ami.isBlank()) {
            System.err.println("set PALETTE_AWS_AMI to an Ubuntu 22.04 AMI id of region " + region);
            System.exit(2);
        }
        List<String> zones = Arrays.stream(RealCloudRun.env("PALETTE_AWS_ZONES", region + "a").split(",")).map(String::trim).toList();
        boolean keep = Arrays.asList(args).contains("--keep");

        InMemorySecretStore secrets = new InMemorySecretStore();
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("zones", zones);
        settings.put("tags", Map.of("purpose", "palette-sdk-sample"));
        if (System.getenv("PALETTE_AWS_SSH_KEY") != null) {
            settings.put("sshKeyName", System.getenv("PALETTE_AWS_SSH_KEY"));
        }
        CloudConfig cloud = CloudConfig.of(AwsProvider.ID, region).withProperties(settings);
        if (System.getenv("AWS_ACCESS_KEY_ID") != null && System.getenv("AWS_SECRET_ACCESS_KEY") != null) {
            Map<String, String> creds = new LinkedHashMap<>();
            creds.put("accessKeyId", System.getenv("AWS_ACCESS_KEY_ID"));
            creds.put("secretAccessKey", System.getenv("AWS_SECRET_ACCESS_KEY"));
            if (System.getenv("AWS_SESSION_TOKEN") != null) {
                creds.put("sessionToken", System.getenv("AWS_SESSION_TOKEN"));
            }
            secrets.put(CREDENTIALS_KEY, new Secret(creds));
            cloud = cloud.withCredentialsRef(CREDENTIALS_KEY);
        }

        RealCloudRun.run(AwsProvider.builder().requestsPerSecond(10).build(), secrets, spec(cloud, region, ami, zones),
                "in " + region + " (every resource is tagged palette.dev/cluster-id={id})", "its VPC", Duration.ofMinutes(30), keep);
    }

    private static ClusterSpec spec(CloudConfig cloud, String region, String ami, List<String> zones) {
        ClusterProfile profile = RealCloudRun.profile("aws-sample", ImageReference.of(AwsProvider.ID, region, ami));
        return ClusterSpec.builder().profile(profile).cloud(cloud)
                .controlPlane(MachinePoolSpec.builder().name("control-plane").count(1).instanceType("m5.large").diskGiB(60)
                        .zones(zones.subList(0, 1)).build())
                .addWorkerPool(MachinePoolSpec.builder().name("workers").count(2).instanceType("t3.large").diskGiB(80)
                        .zones(zones).build())
                .build();
    }
}
