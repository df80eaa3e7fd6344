package dev.palette.sdk.core.pack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.palette.sdk.api.error.Violation;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ValuesMergerTest {

    @Test
    void mapsMergeRecursivelyWhileListsAndScalarsReplace() {
        Map<String, Object> defaults = ValuesYaml.parse("""
                pack:
                  podCIDR: 192.168.0.0/16
                  serviceClusterIpRange: 10.96.0.0/12
                kubeadmconfig:
                  apiServer:
                    extraArgs: {profiling: "false", anonymous-auth: "true"}
                  preKubeadmCommands: [a, b]
                  files: [{path: x}]
                """);
        Map<String, Object> profile = ValuesYaml.parse("""
                pack:
                  podCIDR: 172.16.0.0/16
                kubeadmconfig:
                  apiServer:
                    extraArgs: {anonymous-auth: "false"}
                  preKubeadmCommands: [c]
                """);
        Map<String, Object> cluster = ValuesYaml.parse("""
                kubeadmconfig:
                  apiServer:
                    extraArgs: {audit-log-maxage: "30"}
                  files: ~
                """);
        Map<String, Object> merged = ValuesMerger.merge(defaults, profile, cluster);
        assertThat(ValuesYaml.write(merged)).isEqualTo("""
                pack:
                  podCIDR: 172.16.0.0/16
                  serviceClusterIpRange: 10.96.0.0/12
                kubeadmconfig:
                  apiServer:
                    extraArgs:
                      profiling: "false"
                      anonymous-auth: "false"
                      audit-log-maxage: "30"
                  preKubeadmCommands:
                  - c
                  files: null
                """);
        assertThat(defaults.get("kubeadmconfig")).as("inputs unchanged").isEqualTo(ValuesYaml.parse("""
                apiServer:
                  extraArgs: {profiling: "false", anonymous-auth: "true"}
                preKubeadmCommands: [a, b]
                files: [{path: x}]
                """));
        assertThat(ValuesMerger.merge(defaults, null, Map.of())).isEqualTo(defaults);
        assertThat(ValuesMerger.merge(defaults, defaults)).as("merging a full copy changes nothing").isEqualTo(defaults);
    }

    @Test
    void aScalarReplacesAMapAndAMapReplacesAScalar() {
        Map<String, Object> m = ValuesMerger.merge(Map.of("a", Map.of("b", 1), "c", "x"), Map.of("a", "flat", "c", Map.of("d", 2)));
        assertThat(m).containsEntry("a", "flat").containsEntry("c", Map.of("d", 2));
    }

    @Test
    void variablesAreSubstitutedEverywhereAndTheUndefinedReportedWithTheirPaths() {
        Map<String, Object> tree = ValuesYaml.parse("""
                manifests:
                  app:
                    replicas: "{{.spectro.var.replicas}}"
                    image: "{{ .spectro.var.registry }}/app:{{.spectro.var.tag}}"
                    args: ["--name={{.spectro.var.cluster_name}}", "--node={{ .spectro.system.cluster.name }}"]
                """);
        List<Violation> violations = new ArrayList<>();
        Map<String, String> vars = new LinkedHashMap<>(Map.of("replicas", "3", "registry", "r.example.com", "tag", "1.0"));
        Map<String, Object> out = ValuesMerger.substitute(tree, vars, "profile.packs[4].values", violations);
        @SuppressWarnings("unchecked")
        Map<String, Object> app = (Map<String, Object>) ((Map<String, Object>) out.get("manifests")).get("app");
        assertThat(app).containsEntry("replicas", "3").containsEntry("image", "r.example.com/app:1.0");
        assertThat(app.get("args")).isEqualTo(List.of("--name={{.spectro.var.cluster_name}}", "--node={{ .spectro.system.cluster.name }}"));
        assertThat(violations).containsExactly(Violation.of("profile.packs[4].values.manifests.app.args[0]",
                "variable 'cluster_name' is not defined"));
        assertThat(ValuesMerger.variablesUsed(tree)).containsExactly("replicas", "registry", "tag", "cluster_name");
    }

    @Test
    void valuesTextRoundTripsScalarsThatLookLikeOtherTypes() {
        Map<String, Object> tree = new LinkedHashMap<>();
        for (String s : List.of("0600", "true", "yes", "on", "No", "null", "~", "", " lead", "trail ", "1e3", "0x1F", "a: b",
                "#not a comment", "- dash", "line1\nline2\n", "tab\there", "20.10", "{{.spectro.var.x}}", "*star", "@at")) {
            tree.put("k" + tree.size(), s);
        }
        tree.put("decimal", new BigDecimal("20.10"));
        tree.put("int", 7);
        tree.put("bool", true);
        tree.put("nil", null);
        tree.put("list", List.of(1, "2", Map.of("x", "y")));
        assertThat(ValuesYaml.parse(ValuesYaml.write(tree))).isEqualTo(tree);
        assertThat(ValuesYaml.write(Map.of())).isEmpty();
        assertThat(ValuesYaml.parse("# only a comment\n")).isEmpty();
    }
}
