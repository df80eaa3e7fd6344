package dev.palette.sdk.provider.azure.internal;

import dev.palette.sdk.api.provider.ImageRequest;

/**
 * The cloud-init custom data of an image builder VM: install the Kubernetes packages of the requested
 * version and run the OS pack's Ansible roles (delivered on the base image under {@code /etc/palette/roles}),
 * deprovision the Azure agent's user and host state so the captured image can be generalized, then power
 * off. The provider captures the image only once the builder has stopped, so a failing build never yields
 * an image.
 */
final class BuilderCustomData {
    private BuilderCustomData() {
    }

    static String render(ImageRequest req) {
        StringBuilder sb = new StringBuilder("#cloud-config\n# Palette image build ").append(req.signature()).append('\n')
                .append("runcmd:\n  - [sh, -c, 'set -e; mkdir -p /etc/palette']\n");
        if (req.installKubernetes() && !req.kubernetesVersion().isEmpty()) {
            String v = req.kubernetesVersion();
            String minor = v.replaceFirst("^v", "").replaceFirst("^(\\d+\\.\\d+).*", "$1");
            String repo = "https://pkgs.k8s.io/core:/stable:/v" + minor + "/deb/";
            sb.append("  - [sh, -c, 'set -e; mkdir -p /etc/apt/keyrings; curl -fsSL ").append(repo)
                    .append("Release.key | gpg --dearmor -o /etc/apt/keyrings/kubernetes-apt-keyring.gpg']\n")
                    .append("  - [sh, -c, 'echo \"deb [signed-by=/etc/apt/keyrings/kubernetes-apt-keyring.gpg] ").append(repo)
                    .append(" /\" > /etc/apt/sources.list.d/kubernetes.list']\n")
                    .append("  - [sh, -c, 'set -e; apt-get update; apt-get install -y kubelet=").append(v).append("-* kubeadm=")
                    .append(v).append("-* kubectl=").append(v).append("-*; apt-mark hold kubelet kubeadm kubectl']\n");
        }
        for (String role : req.ansibleRoles()) {
            sb.append("  - [ansible, localhost, -c, local, -m, include_role, -a, 'name=").append(role)
                    .append("', -e, 'ansible_roles_path=/etc/palette/roles']\n");
        }
        sb.append("  - [sh, -c, 'echo ").append(req.signature()).append(" > /etc/palette/image-signature']\n")
                .append("  - [sh, -c, 'waagent -deprovision+user -force || true; cloud-init clean --logs || true']\n")
                .append("power_state:\n  mode: poweroff\n  message: Palette image build done\n  condition: true\n");
        return sb.toString();
    }
}
