package dev.palette.sdk.api.workload;

import dev.palette.sdk.api.model.Layer;
import dev.palette.sdk.api.model.Manifest;
import dev.palette.sdk.api.model.Pack;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * What one add-on pack puts into a workload cluster: its Kubernetes manifests (each possibly several YAML
 * documents), applied together as one release of the pack. A {@link WorkloadCluster} labels every object
 * with the pack's name and version and remembers the release's {@link #digest()}, so an unchanged pack is
 * not applied again and a changed one replaces its objects.
 *
 * @param pack the pack name, e.g. {@code cni-calico}
 * @param version the pack version
 * @param layer the profile layer the pack belongs to
 * @param manifests the manifests, in order
 */
public record AddonRelease(String pack, String version, Layer layer, List<Manifest> manifests) {
    /**
     * Validates and copies the components.
     *
     * @param pack the pack name
     * @param version the version
     * @param layer the layer
     * @param manifests the manifests
     */
    public AddonRelease {
        Objects.requireNonNull(pack, "pack");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(layer, "layer");
        manifests = List.copyOf(manifests);
    }

    /**
     * The release of a pack as the profile has it.
     *
     * @param pack the pack
     * @return its release
     */
    public static AddonRelease of(Pack pack) {
        return new AddonRelease(pack.name(), pack.version(), pack.layer(), pack.manifests());
    }

    /**
     * A digest of the version and every manifest's name and content: equal digests mean the same objects.
     *
     * @return 16 hex characters (the first 64 bits of a SHA-256)
     */
    public String digest() {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(version.getBytes(StandardCharsets.UTF_8));
            for (Manifest m : manifests) {
                md.update((byte) 0);
                md.update(m.name().getBytes(StandardCharsets.UTF_8));
                md.update((byte) 0);
                md.update(m.content().getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(md.digest(), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
