package dev.palette.sdk.samples;

import dev.palette.sdk.api.model.ClusterProfile;
import dev.palette.sdk.api.registry.PackRegistry;
import dev.palette.sdk.core.pack.DirectoryPackRegistry;
import dev.palette.sdk.core.pack.ProfileReader;
import dev.palette.sdk.core.pack.ProfileResolver;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The sample packs and profile shipped in this jar: {@code ubuntu-sim} 22.04 (an OS pack with image
 * references for sim, AWS, Azure and vSphere, Kubernetes pre-installed), {@code kubernetes} 1.33.6
 * (CIS-hardened kubeadm values), {@code cni-calico} 3.31.2 and {@code csi-sim} 1.0.0, and the
 * {@code quickstart-sim} profile that stacks them. They are read with the same readers and registries a
 * host uses for its own pack folders, straight from the jar.
 */
public final class SamplePacks {
    /** The name of the sample registry, as the quickstart profile names it. */
    public static final String REGISTRY = "samples";

    private static final String ROOT = "dev/palette/sdk/samples";

    private SamplePacks() {
    }

    /**
     * The sample packs, read from this jar (or from the class-path folder in a build).
     *
     * @return a registry named {@value #REGISTRY}
     */
    public static PackRegistry registry() {
        return DirectoryPackRegistry.fromClasspath(REGISTRY, ROOT + "/packs", SamplePacks.class.getClassLoader());
    }

    /**
     * The quickstart profile, its packs taken from {@link #registry()}, the profile's values as overrides:
     * ready to put in a {@link dev.palette.sdk.api.model.ClusterSpec}.
     *
     * @return the profile for cloud type {@code sim}
     */
    public static ClusterProfile quickstartProfile() {
        ClusterProfile references = ProfileReader.parse("quickstart-sim.yaml", quickstartProfileText()).profile();
        return new ProfileResolver(registry()).complete(references);
    }

    /**
     * The quickstart profile file as shipped (the flat YAML shape of a Terraform profile export).
     *
     * @return the YAML text
     */
    public static String quickstartProfileText() {
        try (InputStream in = SamplePacks.class.getClassLoader().getResourceAsStream(ROOT + "/profiles/quickstart-sim.yaml")) {
            if (in == null) {
                throw new IllegalStateException("the quickstart profile is missing from the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the quickstart profile", e);
        }
    }
}
