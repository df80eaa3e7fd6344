package dev.palette.sdk.core.internal.reconcile;

import dev.palette.sdk.api.model.ClusterSpec;
import dev.palette.sdk.api.model.ImageReference;
import dev.palette.sdk.api.model.Pack;
import dev.palette.sdk.api.provider.ImageRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.TreeMap;

/**
 * Derives the image a cluster needs from its OS and Kubernetes packs. An OS pack without an image for
 * the cluster's cloud names the provider's stock image {@code <os-name>-<os-version>}, as the platform's
 * out-of-the-box images do.
 */
final class ImageRequests {
    private ImageRequests() {
    }

    static ImageRequest forSpec(ClusterSpec spec, String cloudType) {
        Pack os = spec.profile().osPack().orElseThrow();
        String k8sVersion = spec.profile().kubernetesPack().map(Pack::version).orElse("");
        ImageReference base = os.imageFor(cloudType, spec.cloud().region())
                .orElse(ImageReference.of(cloudType, "", os.name() + "-" + os.version()));
        boolean installK8s = !os.skipK8sInstall() && os.imageFor(cloudType, spec.cloud().region()).isPresent();
        return new ImageRequest(base, signature(os, base, k8sVersion), os.ansibleRoles(), installK8s, k8sVersion);
    }

    /** SHA-256 over the parts of the pack definition that change the image, in a fixed order. */
    static String signature(Pack os, ImageReference base, String k8sVersion) {
        TreeMap<String, String> canonical = new TreeMap<>();
        canonical.put("os.name", os.name());
        canonical.put("os.version", os.version());
        canonical.put("os.skipK8sInstall", Boolean.toString(os.skipK8sInstall()));
        canonical.put("os.ansibleRoles", String.join("\u001f", os.ansibleRoles()));
        canonical.put("base", base.cloud() + "\u001f" + base.region() + "\u001f" + base.id());
        canonical.put("kubernetes.version", k8sVersion);
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            canonical.forEach((k, v) -> md.update((k + "=" + v + "\n").getBytes(StandardCharsets.UTF_8)));
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JDK", e);
        }
    }
}
