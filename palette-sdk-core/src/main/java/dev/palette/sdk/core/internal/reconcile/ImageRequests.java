package dev.palette.sdk.core.internal.reconcile;

import dev.palette.sdk.api.model.ClusterSpec;
import dev.palette.sdk.api.model.ImageReference;
import dev.palette.sdk.api.model.Pack;
import dev.palette.sdk.api.provider.ImageRequest;
import dev.palette.sdk.core.pack.PackSignature;

/**
 * Derives the image a cluster needs from its OS and Kubernetes packs. An OS pack without an image for
 * the cluster's cloud names the provider's stock image {@code <os-name>-<os-version>}, as the platform's
 * out-of-the-box images do.
 */
final class ImageRequests {
    private ImageRequests() {
    }

    static ImageRequest forSpec(ClusterSpec spec, String cloudType) {
        return forSpec(spec, cloudType, spec.profile().kubernetesPack().map(Pack::version).orElse(""));
    }

    /** The image for one step of a Kubernetes upgrade path. */
    static ImageRequest forSpec(ClusterSpec spec, String cloudType, String k8sVersion) {
        Pack os = spec.profile().osPack().orElseThrow();
        ImageReference base = os.imageFor(cloudType, spec.cloud().region())
                .orElse(ImageReference.of(cloudType, "", os.name() + "-" + os.version()));
        boolean installK8s = !os.skipK8sInstall() && os.imageFor(cloudType, spec.cloud().region()).isPresent();
        return new ImageRequest(base, PackSignature.of(os, k8sVersion), os.ansibleRoles(), installK8s, k8sVersion);
    }
}
