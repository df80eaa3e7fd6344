package dev.palette.sdk.api.provider;

import dev.palette.sdk.api.internal.Immutable;
import dev.palette.sdk.api.model.ImageReference;
import java.util.List;
import java.util.Objects;

/**
 * The VM image a cluster needs, derived from its OS and Kubernetes packs.
 *
 * <p>The provider first looks for an image in the region tagged with {@link #signature()} and uses it.
 * Otherwise, when {@link #needsCustomization()}, it launches a builder machine from {@link #base()},
 * runs the roles / installs Kubernetes, captures an image tagged with the signature and deletes the
 * builder; when not, it uses the base image, copying it into the region if it is missing there.
 *
 * @param base the OS pack's image reference for this cloud
 * @param signature SHA-256 over the canonical pack definitions; the reuse key
 * @param ansibleRoles roles to run on the builder machine
 * @param installKubernetes whether to install Kubernetes on the builder machine
 * @param kubernetesVersion the Kubernetes version to install
 */
public record ImageRequest(ImageReference base, String signature, List<String> ansibleRoles,
                           boolean installKubernetes, String kubernetesVersion) {
    /**
     * Validates and copies the components.
     *
     * @param base the base image
     * @param signature the signature
     * @param ansibleRoles the roles, may be {@code null}
     * @param installKubernetes whether to install Kubernetes
     * @param kubernetesVersion the version, may be {@code null}
     */
    public ImageRequest {
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(signature, "signature");
        ansibleRoles = Immutable.list(ansibleRoles);
        kubernetesVersion = kubernetesVersion == null ? "" : kubernetesVersion;
    }

    /**
     * Whether a builder machine must customize the base image.
     *
     * @return {@code true} when there are roles to run or Kubernetes to install
     */
    public boolean needsCustomization() {
        return !ansibleRoles.isEmpty() || installKubernetes;
    }
}
