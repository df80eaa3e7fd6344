package dev.palette.sdk.core.bootstrap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The kubeadm configuration documents of one node, from the Kubernetes pack's {@code kubeadmconfig} and
 * {@code pack} values: {@code v1beta4} (argument lists) for Kubernetes 1.31 and later, {@code v1beta3}
 * (argument maps) before; plus a CIS-hardened {@code KubeletConfiguration} on the first node.
 */
final class KubeadmConfig {
    private static final YAMLMapper YAML = YAMLMapper.builder().enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS) // "0600" and "700" stay strings
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER).build();

    private KubeadmConfig() {
    }

    static String render(CloudInitRenderer.Node node, String k8sVersion, Map<String, Object> k8sValues) {
        boolean v1beta4 = minor(k8sVersion) >= 31;
        String api = v1beta4 ? "kubeadm.k8s.io/v1beta4" : "kubeadm.k8s.io/v1beta3";
        Map<String, Object> kubeadm = CloudInitRenderer.map(k8sValues.get("kubeadmconfig"));
        Map<String, Object> pack = CloudInitRenderer.map(k8sValues.get("pack"));
        String endpoint = node.controlPlaneHost() + ":6443";
        Map<String, Object> nodeRegistration = new LinkedHashMap<>();
        nodeRegistration.put("name", node.nodeName());
        Map<String, Object> kubeletArgs = stringMap(kubeadm.get("kubeletExtraArgs"));
        if (!kubeletArgs.isEmpty()) {
            nodeRegistration.put("kubeletExtraArgs", args(kubeletArgs, v1beta4));
        }
        if (node.role() == NodeRole.WORKER) {
            nodeRegistration.put("taints", List.of());
        }

        List<Map<String, Object>> docs = new ArrayList<>();
        if (node.role() == NodeRole.INIT) {
            Map<String, Object> init = new LinkedHashMap<>();
            init.put("apiVersion", api);
            init.put("kind", "InitConfiguration");
            init.put("bootstrapTokens", List.of(Map.of("token", node.secrets().token(), "ttl", "24h0m0s",
                    "usages", List.of("signing", "authentication"),
                    "groups", List.of("system:bootstrappers:kubeadm:default-node-token"))));
            init.put("nodeRegistration", nodeRegistration);
            init.put("certificateKey", node.secrets().certificateKey());
            docs.add(init);

            Map<String, Object> cluster = new LinkedHashMap<>();
            cluster.put("apiVersion", api);
            cluster.put("kind", "ClusterConfiguration");
            cluster.put("kubernetesVersion", "v" + k8sVersion);
            cluster.put("controlPlaneEndpoint", endpoint);
            Map<String, Object> networking = new LinkedHashMap<>();
            networking.put("podSubnet", String.valueOf(pack.getOrDefault("podCIDR", "192.168.0.0/16")));
            networking.put("serviceSubnet", String.valueOf(pack.getOrDefault("serviceClusterIpRange", "10.96.0.0/12")));
            cluster.put("networking", networking);
            cluster.put("apiServer", component(CloudInitRenderer.map(kubeadm.get("apiServer")), v1beta4,
                    List.of(node.controlPlaneHost())));
            cluster.put("controllerManager", component(CloudInitRenderer.map(kubeadm.get("controllerManager")), v1beta4, List.of()));
            cluster.put("scheduler", component(CloudInitRenderer.map(kubeadm.get("scheduler")), v1beta4, List.of()));
            if (v1beta4) {
                cluster.put("encryptionAlgorithm", "ECDSA-P256");
            }
            docs.add(cluster);
            docs.add(kubelet());
        } else {
            Map<String, Object> join = new LinkedHashMap<>();
            join.put("apiVersion", api);
            join.put("kind", "JoinConfiguration");
            join.put("discovery", Map.of("bootstrapToken", Map.of("token", node.secrets().token(),
                    "apiServerEndpoint", endpoint, "caCertHashes", List.of(node.pki().caCertHash()))));
            join.put("nodeRegistration", nodeRegistration);
            if (node.role() == NodeRole.JOIN_CONTROL_PLANE) {
                join.put("controlPlane", Map.of("certificateKey", node.secrets().certificateKey()));
            }
            docs.add(join);
        }
        StringBuilder out = new StringBuilder();
        try {
            for (Map<String, Object> d : docs) {
                out.append("---\n").append(YAML.writeValueAsString(d));
            }
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render the kubeadm configuration", e);
        }
        return out.toString();
    }

    /** CIS 4.2.x: no anonymous access, webhook authorization, no read-only port, protected kernel defaults. */
    private static Map<String, Object> kubelet() {
        Map<String, Object> k = new LinkedHashMap<>();
        k.put("apiVersion", "kubelet.config.k8s.io/v1beta1");
        k.put("kind", "KubeletConfiguration");
        k.put("authentication", Map.of("anonymous", Map.of("enabled", false), "webhook", Map.of("enabled", true)));
        k.put("authorization", Map.of("mode", "Webhook"));
        k.put("readOnlyPort", 0);
        k.put("protectKernelDefaults", true);
        k.put("rotateCertificates", true);
        k.put("serverTLSBootstrap", true);
        k.put("makeIPTablesUtilChains", true);
        return k;
    }

    private static Map<String, Object> component(Map<String, Object> values, boolean v1beta4, List<String> certSans) {
        Map<String, Object> c = new LinkedHashMap<>();
        Map<String, Object> extra = stringMap(values.get("extraArgs"));
        if (!extra.isEmpty()) {
            c.put("extraArgs", args(extra, v1beta4));
        }
        List<Map<String, Object>> volumes = CloudInitRenderer.list(values.get("extraVolumes"));
        if (!volumes.isEmpty()) {
            c.put("extraVolumes", volumes);
        }
        if (!certSans.isEmpty()) {
            c.put("certSANs", certSans);
        }
        return c;
    }

    private static Object args(Map<String, Object> args, boolean asList) {
        if (!asList) {
            return args;
        }
        List<Map<String, Object>> out = new ArrayList<>();
        args.forEach((k, v) -> {
            Map<String, Object> a = new LinkedHashMap<>();
            a.put("name", k);
            a.put("value", v);
            out.add(a);
        });
        return out;
    }

    private static Map<String, Object> stringMap(Object o) {
        Map<String, Object> out = new LinkedHashMap<>();
        CloudInitRenderer.map(o).forEach((k, v) -> {
            if (v != null) {
                out.put(k, String.valueOf(v));
            }
        });
        return out;
    }

    static int minor(String version) {
        String[] parts = version.replaceFirst("^v", "").split("\\.");
        try {
            return parts.length > 1 ? Integer.parseInt(parts[1]) : 0;
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
