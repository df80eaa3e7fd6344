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

    /**
     * The cloud-init user data of a builder machine for this request, the same on every cloud: install the
     * Kubernetes packages of {@link #kubernetesVersion()} (when asked), run the {@link #ansibleRoles()} (delivered
     * on the base image under {@code /etc/palette/roles}), write the signature to {@code /etc/palette/image-signature},
     * run a cloud's own last commands, then power off. A provider captures the image only once the builder has
     * stopped, so a failing build never yields an image.
     *
     * @param lastCommands shell commands to run just before powering off (e.g. generalizing the machine for the
     *     cloud's image format), each run by {@code sh -c} and kept in single quotes, so without a single quote
     * @return the {@code #cloud-config} document
     */
    public String builderUserData(String... lastCommands) {
        StringBuilder sb = new StringBuilder("#cloud-config\n# Palette image build ").append(signature).append('\n')
                .append("runcmd:\n  - [sh, -c, 'set -e; mkdir -p /etc/palette']\n");
        if (installKubernetes && !kubernetesVersion.isEmpty()) {
            String v = kubernetesVersion;
            String minor = v.replaceFirst("^v", "").replaceFirst("^(\\d+\\.\\d+).*", "$1");
            String repo = "https://pkgs.k8s.io/core:/stable:/v" + minor + "/deb/";
            sb.append("  - [sh, -c, 'set -e; mkdir -p /etc/apt/keyrings; curl -fsSL ").append(repo)
                    .append("Release.key | gpg --dearmor -o /etc/apt/keyrings/kubernetes-apt-keyring.gpg']\n")
                    .append("  - [sh, -c, 'echo \"deb [signed-by=/etc/apt/keyrings/kubernetes-apt-keyring.gpg] ").append(repo)
                    .append(" /\" > /etc/apt/sources.list.d/kubernetes.list']\n")
                    .append("  - [sh, -c, 'set -e; apt-get update; apt-get install -y kubelet=").append(v).append("-* kubeadm=")
                    .append(v).append("-* kubectl=").append(v).append("-*; apt-mark hold kubelet kubeadm kubectl']\n");
        }
        for (String role : ansibleRoles) {
            sb.append("  - [ansible, localhost, -c, local, -m, include_role, -a, 'name=").append(role)
                    .append("', -e, 'ansible_roles_path=/etc/palette/roles']\n");
        }
        sb.append("  - [sh, -c, 'echo ").append(signature).append(" > /etc/palette/image-signature']\n");
        for (String c : lastCommands) {
            if (c.indexOf('\'') >= 0) {
                throw new IllegalArgumentException("a last command cannot contain a single quote: " + c);
            }
            sb.append("  - [sh, -c, '").append(c).append("']\n");
        }
        return sb.append("power_state:\n  mode: poweroff\n  message: Palette image build done\n  condition: true\n").toString();
    }
}
