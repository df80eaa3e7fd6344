package dev.palette.sdk.core.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.palette.sdk.api.model.ClusterProfile;
import dev.palette.sdk.api.model.Layer;
import dev.palette.sdk.api.model.Pack;
import dev.palette.sdk.core.pack.PackReader;
import dev.palette.sdk.core.pack.ResolvedProfile;
import dev.palette.sdk.core.store.InMemorySecretStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * User data for kubeadm init and join: the pack's CIS hardening is carried into it, it passes cloud-init's
 * own schema check ({@code cloud-init schema}, from Debian's cloud-init package), and secrets stay out of
 * everything but the user data itself.
 */
class CloudInitRendererTest {
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    @TempDir
    Path tmp;

    /** Kubernetes pack values of our own, shaped like the published CIS-hardened packs. */
    static final String K8S_VALUES = """
            pack:
              k8sHardening: True
              podCIDR: "192.168.0.0/16"
              serviceClusterIpRange: "10.96.0.0/12"
            kubeadmconfig:
              apiServer:
                extraArgs:
                  anonymous-auth: "false"
                  profiling: "false"
                  audit-log-path: /var/log/apiserver/audit.log
                  audit-policy-file: /etc/kubernetes/audit-policy.yaml
                  admission-control-config-file: /etc/kubernetes/pod-security-standard.yaml
                  enable-admission-plugins: "NodeRestriction,PodSecurity"
                extraVolumes:
                  - name: audit-log
                    hostPath: /var/log/apiserver
                    mountPath: /var/log/apiserver
                    pathType: DirectoryOrCreate
              controllerManager:
                extraArgs:
                  profiling: "false"
                  use-service-account-credentials: "true"
              scheduler:
                extraArgs:
                  profiling: "false"
              kubeletExtraArgs:
                read-only-port : "0"
                protect-kernel-defaults: "true"
              files:
                - targetPath: /etc/kubernetes/audit-policy.yaml
                  targetOwner: "root:root"
                  targetPermissions: "0600"
                  content: |
                    apiVersion: audit.k8s.io/v1
                    kind: Policy
                    rules:
                    - level: Metadata
              preKubeadmCommands:
                - 'echo "====> Applying kernel parameters for Kubelet"'
                - 'sysctl -p /etc/sysctl.d/90-kubelet.conf'
              postKubeadmCommands:
                - 'chmod 600 /var/lib/kubelet/config.yaml'
            """;

    private static ResolvedProfile profile(String k8sValuesYaml, String k8sVersion) throws IOException {
        Pack os = Pack.builder().name("ubuntu").version("22.04").layer(Layer.OS).build();
        Pack k8s = Pack.builder().name("kubernetes").version(k8sVersion).layer(Layer.KUBERNETES).valuesYaml(k8sValuesYaml)
                .values(PackReader.parseValues(k8sValuesYaml)).build();
        Pack cni = Pack.builder().name("cni").version("1").layer(Layer.CNI).build();
        return ResolvedProfile.of(ClusterProfile.builder().name("p").version("1").packs(List.of(os, k8s, cni)).build(),
                Map.of(), Map.of());
    }

    private static String render(ResolvedProfile p, NodeRole role, InMemorySecretStore secrets) {
        return CloudInitRenderer.render(new CloudInitRenderer.Node(p, "node-1", role, "c-1.lb.example.com",
                ClusterPki.ensure(secrets, "c-1", NOW), BootstrapSecrets.ensure(secrets, "c-1")));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> kubeadmDoc(String userData, String kind) throws IOException {
        Map<String, Object> doc = new YAMLMapper().readValue(userData, Map.class);
        for (Map<String, Object> f : (List<Map<String, Object>>) doc.get("write_files")) {
            if (f.get("path").equals("/run/kubeadm/kubeadm.yaml")) {
                for (Object d : new YAMLMapper().readerFor(Map.class).readValues((String) f.get("content")).readAll()) {
                    Map<String, Object> m = (Map<String, Object>) d;
                    if (kind.equals(m.get("kind"))) {
                        return m;
                    }
                }
            }
        }
        throw new AssertionError("no " + kind + " in the user data");
    }

    @Test
    @SuppressWarnings("unchecked")
    void theFirstNodeCarriesThePacksCisHardeningAndThePki() throws IOException {
        InMemorySecretStore secrets = new InMemorySecretStore();
        String ud = render(profile(K8S_VALUES, "1.33.6"), NodeRole.INIT, secrets);
        assertThat(ud).startsWith("#cloud-config\n");
        Map<String, Object> cluster = kubeadmDoc(ud, "ClusterConfiguration");
        assertThat(cluster.get("apiVersion")).isEqualTo("kubeadm.k8s.io/v1beta4");
        assertThat(cluster.get("kubernetesVersion")).isEqualTo("v1.33.6");
        assertThat(cluster.get("controlPlaneEndpoint")).isEqualTo("c-1.lb.example.com:6443");
        List<Map<String, Object>> apiArgs = (List<Map<String, Object>>) ((Map<String, Object>) cluster.get("apiServer")).get("extraArgs");
        assertThat(apiArgs).contains(Map.of("name", "anonymous-auth", "value", "false"), Map.of("name", "profiling", "value", "false"),
                Map.of("name", "audit-policy-file", "value", "/etc/kubernetes/audit-policy.yaml"));
        Map<String, Object> kubelet = kubeadmDoc(ud, "KubeletConfiguration");
        assertThat(kubelet).containsEntry("readOnlyPort", 0).containsEntry("protectKernelDefaults", true);
        assertThat(ud).contains("path: /etc/kubernetes/pki/ca.key").contains("path: /etc/kubernetes/audit-policy.yaml")
                .contains("kubeadm init --config /run/kubeadm/kubeadm.yaml --upload-certs")
                .contains("sysctl -p /etc/sysctl.d/90-kubelet.conf");
        Map<String, Object> doc = new YAMLMapper().readValue(ud, Map.class);
        for (Map<String, Object> f : (List<Map<String, Object>>) doc.get("write_files")) {
            if (String.valueOf(f.get("path")).endsWith(".key") || f.get("path").equals("/run/kubeadm/kubeadm.yaml")) {
                assertThat(f.get("permissions")).as(f.get("path") + " is readable by root only").isEqualTo("0600");
            }
        }
    }

    @Test
    void joiningNodesGetNoKeysOnlyTheTokenThePinnedCaAndForControlPlanesTheCertificateKey() throws IOException {
        InMemorySecretStore secrets = new InMemorySecretStore();
        ResolvedProfile p = profile(K8S_VALUES, "1.30.4");
        String worker = render(p, NodeRole.WORKER, secrets);
        String joiner = render(p, NodeRole.JOIN_CONTROL_PLANE, secrets);
        BootstrapSecrets s = BootstrapSecrets.ensure(secrets, "c-1");
        Map<String, Object> join = kubeadmDoc(worker, "JoinConfiguration");
        assertThat(join.get("apiVersion")).as("kubeadm v1beta3 before Kubernetes 1.31").isEqualTo("kubeadm.k8s.io/v1beta3");
        assertThat(worker).doesNotContain("PRIVATE KEY").contains(s.token())
                .contains(ClusterPki.ensure(secrets, "c-1", NOW).caCertHash()).doesNotContain(s.certificateKey());
        assertThat(kubeadmDoc(joiner, "JoinConfiguration")).containsKey("controlPlane");
        assertThat(joiner).contains(s.certificateKey()).contains("kubeadm join --config");
    }

    @Test
    void everyRenderingPassesCloudInitsSchemaCheck() throws Exception {
        Path cloudInit = Stream.of("/usr/bin/cloud-init", "/usr/local/bin/cloud-init").map(Path::of).filter(Files::isExecutable)
                .findFirst().orElse(null);
        if (cloudInit == null) {
            if ("true".equals(System.getenv("CI"))) {
                fail("cloud-init is not installed; ./test.sh installs Debian's cloud-init package");
            }
            System.out.println("CloudInitRendererTest: cloud-init not installed; skipping the schema check");
            Assumptions.abort("cloud-init not installed");
        }
        Map<String, String> valueSets = new LinkedHashMap<>();
        valueSets.put("own CIS values", K8S_VALUES);
        valueSets.put("no values", "");
        valueSets.putAll(fixtureKubernetesValues());
        System.out.println("CloudInitRendererTest: checking " + valueSets.keySet() + " with " + cloudInit);
        for (Map.Entry<String, String> e : valueSets.entrySet()) {
            for (NodeRole role : NodeRole.values()) {
                String ud = render(profile(e.getValue(), "1.33.6"), role, new InMemorySecretStore());
                Path f = Files.writeString(tmp.resolve("user-data-" + role + ".yaml"), ud);
                Process proc = new ProcessBuilder(cloudInit.toString(), "schema", "--config-file", f.toString())
                        .redirectErrorStream(true).start();
                String out = new String(proc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertThat(proc.waitFor(60, TimeUnit.SECONDS)).isTrue();
                assertThat(proc.exitValue()).as(e.getKey() + " / " + role + ": " + out).isZero();
                Files.delete(f);
            }
        }
    }

    /** The Kubernetes values of the real published packs and profiles, when ../shared/fixtures is there. */
    @SuppressWarnings("unchecked")
    private static Map<String, String> fixtureKubernetesValues() throws IOException {
        Path dir = Path.of("").toAbsolutePath();
        Path fixtures = null;
        while (dir != null && fixtures == null) {
            if (Files.isDirectory(dir.resolve("shared/fixtures"))) {
                fixtures = dir.resolve("shared/fixtures");
            }
            dir = dir.getParent();
        }
        Map<String, String> out = new LinkedHashMap<>();
        if (fixtures == null) {
            if ("true".equals(System.getenv("CI"))) {
                fail("shared/fixtures not found; CI must have it beside the project");
            }
            System.out.println("CloudInitRendererTest: shared/fixtures not found; checking our own values only");
            return out;
        }
        out.put("fixture pack kubernetes-1.27.5", Files.readString(fixtures.resolve("packs/kubernetes-1.27.5/values.yaml")));
        ObjectMapper json = JsonMapper.builder().build();
        try (Stream<Path> files = Files.list(fixtures.resolve("profiles"))) {
            for (Path f : files.sorted().toList()) {
                String name = f.getFileName().toString();
                Object root = (name.endsWith(".json") ? json : new YAMLMapper()).readValue(f.toFile(), Object.class);
                List<Object> packs = new ArrayList<>();
                if (root instanceof Map<?, ?> m) {
                    Object spec = m.get("spec");
                    Object template = spec instanceof Map<?, ?> s ? s.get("template") : null;
                    Object p = template instanceof Map<?, ?> t ? t.get("packs") : m.get("packs");
                    if (p instanceof List<?> l) {
                        packs.addAll(l);
                    }
                }
                for (Object p : packs) {
                    Map<String, Object> pack = (Map<String, Object>) p;
                    if ("k8s".equals(pack.get("layer")) && pack.get("values") instanceof String v) {
                        out.put("fixture profile " + name, v);
                    }
                }
            }
        }
        return out;
    }
}
