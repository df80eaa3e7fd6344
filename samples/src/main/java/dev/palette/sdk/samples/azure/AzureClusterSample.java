package dev.palette.sdk.samples.azure;

import dev.palette.sdk.api.model.CloudConfig;
import dev.palette.sdk.api.model.Cluster;
import dev.palette.sdk.api.model.ClusterProfile;
import dev.palette.sdk.api.model.ClusterSpec;
import dev.palette.sdk.api.model.Condition;
import dev.palette.sdk.api.model.ImageReference;
import dev.palette.sdk.api.model.Layer;
import dev.palette.sdk.api.model.MachinePoolSpec;
import dev.palette.sdk.api.model.Pack;
import dev.palette.sdk.api.store.Secret;
import dev.palette.sdk.core.PaletteEngine;
import dev.palette.sdk.core.store.InMemorySecretStore;
import dev.palette.sdk.provider.azure.AzureProvider;
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
        String location = env("AZURE_LOCATION", "eastus");
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

        try (AzureProvider azure = AzureProvider.builder().requestsPerSecond(10).build();
             PaletteEngine engine = PaletteEngine.builder().secrets(secrets).discoverProviders(false).provider(azure).build()) {
            engine.start();
            Cluster c = engine.clusters().create("palette-sample", spec(cloud, zones));
            System.out.println("creating cluster " + c.id() + " in " + location + " (resource group palette-" + c.id()
                    + ", every resource tagged palette.dev_cluster-id=" + c.id() + ")");
            try (AutoCloseable events = engine.events().subscribe(e -> System.out.println("  " + e.reason() + ": " + e.message()))) {
                Cluster ready = engine.clusters().await(c.id(), Cluster::isReady, Duration.ofMinutes(30));
                ready.status().conditions().stream().map(Condition::summary).forEach(System.out::println);
                ready.status().machines().forEach(m -> System.out.println(m.name() + " " + m.providerId() + " zone '" + m.zone()
                        + "' " + m.address()));
                System.out.println("API server: " + ready.status().endpoint());
                if (keep) {
                    System.out.println("kept; the kubeconfig is in the secret store under clusters/" + c.id() + "/kubeconfig");
                    return;
                }
                engine.clusters().delete(c.id());
                engine.clusters().awaitDeleted(c.id(), Duration.ofMinutes(30));
                System.out.println("deleted cluster " + c.id() + " and its resource group");
            }
        } catch (Exception e) {
            System.err.println("failed: " + e.getMessage());
            System.exit(1);
        }
    }

    private static ClusterSpec spec(CloudConfig cloud, List<String> zones) {
        ClusterProfile profile = ClusterProfile.builder().name("azure-sample").version("1.0.0").cloudType(AzureProvider.ID)
                .addPack(Pack.builder().name("ubuntu").version("22.04").layer(Layer.OS)
                        .addImage(ImageReference.of(AzureProvider.ID, "", UBUNTU)).build())
                .addPack(Pack.builder().name("kubernetes").version("1.33.6").layer(Layer.KUBERNETES).build())
                .addPack(Pack.builder().name("cni-calico").version("3.31.2").layer(Layer.CNI).build())
                .build();
        return ClusterSpec.builder().profile(profile).cloud(cloud)
                .controlPlane(MachinePoolSpec.builder().name("control-plane").count(1).instanceType("Standard_D4s_v5").diskGiB(64)
                        .zones(zones.isEmpty() ? List.of() : zones.subList(0, 1)).build())
                .addWorkerPool(MachinePoolSpec.builder().name("workers").count(2).instanceType("Standard_D2s_v5").diskGiB(80)
                        .zones(zones).build())
                .build();
    }

    private static String env(String name, String dflt) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? dflt : v;
    }
}
