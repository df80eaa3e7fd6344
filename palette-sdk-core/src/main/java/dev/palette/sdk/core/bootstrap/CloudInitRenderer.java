package dev.palette.sdk.core.bootstrap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.palette.sdk.api.model.Layer;
import dev.palette.sdk.core.pack.ResolvedProfile;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Renders the cloud-init {@code #cloud-config} user data that turns a booted machine into a Kubernetes
 * node with kubeadm: the cluster's PKI (first control-plane node only), the kubeadm configuration built
 * from the Kubernetes pack's {@code kubeadmconfig} values (API server, controller manager and scheduler
 * arguments, kubelet arguments, extra volumes, files such as the audit policy and the Pod Security
 * admission configuration), the OS and Kubernetes packs' pre/post commands, and the CIS file permission
 * fixes. YAML is written with Jackson, never by string concatenation.
 *
 * <p>The result holds secrets (keys, tokens); it goes straight to the provider and is never logged.
 */
public final class CloudInitRenderer {
    private static final YAMLMapper YAML = YAMLMapper.builder()
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS) // "0600" and "700" stay strings
            .enable(YAMLGenerator.Feature.LITERAL_BLOCK_STYLE)
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .build();
    private static final String KUBEADM_CONFIG = "/run/kubeadm/kubeadm.yaml";

    private CloudInitRenderer() {
    }

    /**
     * What a node needs to know to bootstrap.
     *
     * @param profile the cluster's resolved profile (Kubernetes and OS pack values)
     * @param nodeName the node (machine) name
     * @param role init, join as control plane, or join as worker
     * @param controlPlaneHost the API load balancer's host name or address
     * @param pki the cluster's PKI
     * @param secrets the bootstrap token and certificate key
     */
    public record Node(ResolvedProfile profile, String nodeName, NodeRole role, String controlPlaneHost, ClusterPki pki,
                       BootstrapSecrets secrets) {
        /**
         * Validates the components.
         *
         * @param profile the profile
         * @param nodeName the node name
         * @param role the role
         * @param controlPlaneHost the API host
         * @param pki the PKI
         * @param secrets the bootstrap secrets
         */
        public Node {
            Objects.requireNonNull(profile, "profile");
            Objects.requireNonNull(nodeName, "nodeName");
            Objects.requireNonNull(role, "role");
            Objects.requireNonNull(controlPlaneHost, "controlPlaneHost");
            Objects.requireNonNull(pki, "pki");
            Objects.requireNonNull(secrets, "secrets");
        }

        /**
         * Names the node and its role, nothing secret.
         *
         * @return a redacted rendering
         */
        @Override
        public String toString() {
            return "Node[" + nodeName + ", " + role + "]";
        }
    }

    /**
     * Renders the user data of one node.
     *
     * @param node the node
     * @return {@code #cloud-config} text (secret)
     */
    public static String render(Node node) {
        Map<String, Object> k8sValues = values(node.profile(), Layer.KUBERNETES);
        Map<String, Object> osValues = values(node.profile(), Layer.OS);
        Map<String, Object> kubeadm = map(k8sValues.get("kubeadmconfig"));
        Map<String, Object> osKubeadm = map(osValues.get("kubeadmconfig"));
        String version = node.profile().profile().kubernetesPack().orElseThrow().version();

        List<Map<String, Object>> files = new ArrayList<>();
        if (node.role() == NodeRole.INIT) {
            node.pki().kubeadmFiles().forEach((name, pem) ->
                    files.add(file("/etc/kubernetes/pki/" + name, pem, name.endsWith(".key") ? "0600" : "0644")));
        }
        for (Map<String, Object> f : list(osKubeadm.get("files"))) {
            files.add(packFile(f));
        }
        for (Map<String, Object> f : list(kubeadm.get("files"))) {
            files.add(packFile(f));
        }
        files.add(file(KUBEADM_CONFIG, KubeadmConfig.render(node, version, k8sValues), "0600"));

        List<Object> runcmd = new ArrayList<>();
        runcmd.addAll(strings(osKubeadm.get("preKubeadmCommands")));
        runcmd.addAll(strings(kubeadm.get("preKubeadmCommands")));
        runcmd.add(switch (node.role()) {
            case INIT -> "kubeadm init --config " + KUBEADM_CONFIG + " --upload-certs";
            case JOIN_CONTROL_PLANE, WORKER -> "kubeadm join --config " + KUBEADM_CONFIG;
        });
        // CIS 1.1.x / 4.1.x: configuration files and keys readable by root only.
        runcmd.add("chmod 600 /etc/kubernetes/*.conf /etc/kubernetes/pki/*.key /var/lib/kubelet/config.yaml || true");
        runcmd.add("rm -f " + KUBEADM_CONFIG);
        runcmd.addAll(strings(osKubeadm.get("postKubeadmCommands")));
        runcmd.addAll(strings(kubeadm.get("postKubeadmCommands")));

        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("hostname", node.nodeName());
        doc.put("write_files", files);
        doc.put("runcmd", runcmd);
        try {
            return "#cloud-config\n" + YAML.writeValueAsString(doc);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render user data", e);
        }
    }

    private static Map<String, Object> file(String path, String content, String permissions) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("path", path);
        f.put("owner", "root:root");
        f.put("permissions", permissions);
        f.put("content", content);
        return f;
    }

    /** A pack's {@code files} entry ({@code targetPath}, {@code targetOwner}, {@code targetPermissions}, {@code content}). */
    private static Map<String, Object> packFile(Map<String, Object> f) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("path", String.valueOf(f.getOrDefault("targetPath", f.getOrDefault("path", ""))));
        out.put("owner", String.valueOf(f.getOrDefault("targetOwner", "root:root")));
        out.put("permissions", String.valueOf(f.getOrDefault("targetPermissions", "0600")));
        Object content = f.get("content");
        out.put("content", content == null ? "" : String.valueOf(content));
        return out;
    }

    static Map<String, Object> values(ResolvedProfile p, Layer layer) {
        return p.layers().stream().filter(l -> l.pack().layer() == layer).findFirst()
                .map(ResolvedProfile.ResolvedPack::values).orElse(Map.of());
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object o) {
        return o instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> list(Object o) {
        List<Map<String, Object>> out = new ArrayList<>();
        if (o instanceof List<?> l) {
            for (Object x : l) {
                if (x instanceof Map<?, ?> m) {
                    out.add((Map<String, Object>) m);
                }
            }
        }
        return out;
    }

    static List<String> strings(Object o) {
        List<String> out = new ArrayList<>();
        if (o instanceof List<?> l) {
            for (Object x : l) {
                if (x != null) {
                    out.add(String.valueOf(x));
                }
            }
        }
        return out;
    }
}
