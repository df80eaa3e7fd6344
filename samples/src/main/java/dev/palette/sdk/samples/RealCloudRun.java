package dev.palette.sdk.samples;

import dev.palette.sdk.api.model.Cluster;
import dev.palette.sdk.api.model.ClusterProfile;
import dev.palette.sdk.api.model.Condition;
import dev.palette.sdk.api.model.ImageReference;
import dev.palette.sdk.api.model.Layer;
import dev.palette.sdk.api.model.ClusterSpec;
import dev.palette.sdk.api.model.Pack;
import dev.palette.sdk.api.provider.CloudProvider;
import dev.palette.sdk.api.store.SecretStore;
import dev.palette.sdk.core.PaletteEngine;
import java.time.Duration;

/**
 * What the real-cloud samples (AWS, Azure, vSphere) share: their profile, and one cluster's life on one provider —
 * created, its events printed as they come, its conditions and machines printed once Ready, then deleted unless
 * kept. A failure is printed and ends the process with status 1.
 */
public final class RealCloudRun {
    private RealCloudRun() {
    }

    /**
     * The samples' profile: Ubuntu 22.04 from the cloud's image, Kubernetes 1.33.6, Calico.
     *
     * @param name the profile's name
     * @param image the OS image on the sample's cloud
     * @return the profile
     */
    public static ClusterProfile profile(String name, ImageReference image) {
        return ClusterProfile.builder().name(name).version("1.0.0").cloudType(image.cloud())
                .addPack(Pack.builder().name("ubuntu").version("22.04").layer(Layer.OS).addImage(image).build())
                .addPack(Pack.builder().name("kubernetes").version("1.33.6").layer(Layer.KUBERNETES).build())
                .addPack(Pack.builder().name("cni-calico").version("3.31.2").layer(Layer.CNI).build())
                .build();
    }

    /**
     * Runs one cluster's life.
     *
     * @param provider the provider, closed at the end
     * @param secrets the engine's secret store, holding what the spec's credentialsRef names
     * @param spec the cluster
     * @param where where it is made, for the first line (e.g. {@code in eu-west-1 (every resource tagged …)})
     * @param deletedWhat what deleting the cluster removes, for the last line (e.g. {@code its VPC})
     * @param provisioning how long the cluster may take to be Ready
     * @param keep whether to leave the cluster running
     */
    public static void run(CloudProvider provider, SecretStore secrets, ClusterSpec spec, String where, String deletedWhat,
                           Duration provisioning, boolean keep) {
        try (provider; PaletteEngine engine = PaletteEngine.builder().secrets(secrets).discoverProviders(false).provider(provider).build()) {
            engine.start();
            Cluster c = engine.clusters().create("palette-sample", spec); // refused with every bad property named
            System.out.println("creating cluster " + c.id() + " " + where.replace("{id}", c.id()));
            try (AutoCloseable events = engine.events().subscribe(e -> System.out.println("  " + e.reason() + ": " + e.message()))) {
                Cluster ready = engine.clusters().await(c.id(), Cluster::isReady, provisioning);
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
                System.out.println("deleted cluster " + c.id() + " and " + deletedWhat);
            }
        } catch (Exception e) {
            System.err.println("failed: " + e.getMessage());
            System.exit(1);
        }
    }

    /**
     * An environment variable, or a default when it is unset or blank.
     *
     * @param name the variable
     * @param dflt the default
     * @return the value
     */
    public static String env(String name, String dflt) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? dflt : v;
    }
}
