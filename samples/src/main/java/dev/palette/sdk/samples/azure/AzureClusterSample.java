package dev.palette.sdk.samples.azure;

import dev.palette.sdk.api.model.CloudConfig;
import dev.palette.sdk.api.model.ClusterProfile;
import dev.palette.sdk.api.model.ClusterSpec;
import dev.palette.sdk.api.model.ImageReference;
import dev.palette.sdk.api.model.MachinePoolSpec;
import dev.palette.sdk.api.store.Secret;
import dev.palette.sdk.core.store.InMemorySecretStore;
import dev.palette.sdk.provider.azure.AzureProvider;
import dev.palette.sdk.samples.RealCloudRun;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Provisions a real Kubernetes cluster on Azure (1 control plane, 2 workers, in a resource group and virtual
 * network of its own with a public API load balancer), prints its conditions and machines, and deletes it
 * again (the whole resource group) unless {@code --keep} is given. It costs money while it runs; it is never
 * run by the tests.
 *
 * <p>Credentials come from the environment, under the names azure-identity uses. With
 * {@code AZURE_TENANT_ID}, {@code AZURE_CLIENT_ID} and {@code AZURE_CLIENT_SECRET} set, the service principal
 * is put in the engine's secret store and the cluster names it, as a multi-subscription host would; without
 * them {@code DefaultAzureCredential} is used (managed identity, workload identity, {@code az login}, …).
 *
 * <pre>
 * export AZURE_SUBSCRIPTION_ID=…                     # required
 * export AZURE_LOCATION=westeurope                   # optional, default eastus
 * export PALETTE_AZURE_ZONES=1,2                     # optional, default none (regional machines)
 * export PALETTE_AZURE_SSH_KEY="ssh-ed25519 AAAA…"   # optional admin key
 * mvn -q -pl samples -am package -DskipTests
 * java -cp "samples/target/classes:$(mvn -q -pl samples dependency:build-classpath -Dmdep.outputFile=/dev/stdout)" \
 *     dev.palette.sdk.samples.azure.AzureClusterSample [--keep]
 * </pre>
 */
public final class AzureClusterSample {
    private static final String CREDENTIALS_KEY = "cloud/azure/sample";
    /** Ubuntu 22.04 LTS (Gen2) from Canonical's marketplace offer. */
    private static final String UBUNTU = "Canonical:0001-com-ubuntu-server-jammy:22_04-lts-gen2:latest";

    private AzureClusterSample() {
    }

    /**
     * Runs the sample.
     *
     * @param args {@code --keep} to leave the cluster running
     */
    public static void main(String[] args) {
        String subscription = System.getenv("AZURE_SUBSCRIPTION_ID");
        if (subscription == null || subscription.isBlank()) {
            System.err.println("set AZURE_SUBSCRIPTION_ID to the subscription to create the cluster in");
            System.exit(2);
        }
        String location = RealCloudRun.env("AZURE_LOCATION", "eastus");
        List<String> zones = System.getenv("PALETTE_AZURE_ZONES") == null ? List.of()
                : Arrays.stream(System.getenv("PALETTE_AZURE_ZONES").split(",")).map(String::trim).filter(z -> !z.isEmpty()).toList();
        boolean keep = Arrays.asList(args).contains("--keep");

        InMemorySecretStore secrets = new InMemorySecretStore();
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("subscriptionId", subscription);
        settings.put("zones", zones);
        settings.put("tags", Map.of("purpose", "palette-sdk-sample"));
        if (System.getenv("PALETTE_AZURE_SSH_KEY") != null) {
            settings.put("sshPublicKey", System.getenv("PALETTE_AZURE_SSH_KEY"));
        }
        CloudConfig cloud = CloudConfig.of(AzureProvider.ID, location).withProperties(settings);
        if (System.getenv("AZURE_CLIENT_SECRET") != null && System.getenv("AZURE_CLIENT_ID") != null
                && System.getenv("AZURE_TENANT_ID") != null) {
            Map<String, String> creds = new LinkedHashMap<>();
            creds.put("tenantId", System.getenv("AZURE_TENANT_ID"));
            creds.put("clientId", System.getenv("AZURE_CLIENT_ID"));
            creds.put("clientSecret", System.getenv("AZURE_CLIENT_SECRET"));
            secrets.put(CREDENTIALS_KEY, new Secret(creds));
            cloud = cloud.withCredentialsRef(CREDENTIALS_KEY);
        }

        RealCloudRun.run(AzureProvider.builder().requestsPerSecond(10).build(), secrets, spec(cloud, zones),
                "in " + location + " (resource group palette-{id}, every resource tagged palette.dev_cluster-id={id})",
                "its resource group", Duration.ofMinutes(30), keep);
    }

    private static ClusterSpec spec(CloudConfig cloud, List<String> zones) {
        ClusterProfile profile = RealCloudRun.profile("azure-sample", ImageReference.of(AzureProvider.ID, "", UBUNTU));
        return ClusterSpec.builder().profile(profile).cloud(cloud)
                .controlPlane(MachinePoolSpec.builder().name("control-plane").count(1).instanceType("Standard_D4s_v5").diskGiB(64)
                        .zones(zones.isEmpty() ? List.of() : zones.subList(0, 1)).build())
                .addWorkerPool(MachinePoolSpec.builder().name("workers").count(2).instanceType("Standard_D2s_v5").diskGiB(80)
                        .zones(zones).build())
                .build();
    }
}
