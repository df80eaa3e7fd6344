package dev.palette.sdk.core.pack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.palette.sdk.api.error.ValidationException;
import dev.palette.sdk.api.error.Violation;
import dev.palette.sdk.api.model.ClusterProfile;
import dev.palette.sdk.api.model.Layer;
import dev.palette.sdk.api.model.Pack;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Profile files in every published shape (our own, modelled on the fixtures), read and written back. */
class ProfileReaderWriterTest {

    private static ProfileDocument read(String name) {
        return ProfileReader.read(Fixtures.resource("profiles/" + name));
    }

    @ParameterizedTest
    @ValueSource(strings = {"export-aws.json", "tf-vsphere.yaml", "addon-export.yaml", "chart-list.yaml"})
    void readWriteReadGivesEqualProfilesInTheSameShape(String file) {
        ProfileDocument doc = read(file);
        String written = ProfileWriter.write(doc);
        ProfileDocument again = ProfileReader.parse(file, written);
        assertThat(again.format()).isEqualTo(doc.format());
        assertThat(again).isEqualTo(doc);
        assertThat(ProfileWriter.write(again)).as("writing is stable").isEqualTo(written);
    }

    @Test
    void thePaletteExportJsonGivesReferencesRegistriesVariablesAndOverrides() {
        ProfileDocument doc = read("export-aws.json");
        assertThat(doc.format()).isEqualTo(ProfileFormat.PALETTE_JSON);
        ClusterProfile p = doc.profile();
        assertThat(p.name()).isEqualTo("rocky-aws");
        assertThat(p.version()).isEqualTo("1.2.0");
        assertThat(p.cloudType()).isEqualTo("aws");
        assertThat(p.description()).isEqualTo("Rocky Linux stack for AWS");
        assertThat(p.packs()).extracting(Pack::coordinates).containsExactly(
                "golden-rocky-aws:9.2", "kubernetes:1.31.2", "cni-flannel:0.25.1", "nfs-provisioner:4.0.18", "greeter:2.0.1");
        assertThat(p.packs()).extracting(Pack::layer).containsExactly(Layer.OS, Layer.KUBERNETES, Layer.CNI, Layer.CSI, Layer.ADDON);
        assertThat(p.packs()).extracting(Pack::registry).containsExactly(
                "Private Repo", "Public Repo", "Public Repo", "Public Repo", "Community Registry");
        assertThat(p.packs().get(4).annotations()).containsExactly(Map.entry(ProfileReader.PACK_TYPE, "oci"));
        assertThat(p.packs().get(0).annotations()).as("spectro is the shape's default type").isEmpty();
        assertThat(p.variables()).as("a variable without a default must come from the cluster")
                .containsExactly(Map.entry("pod_cidr", "10.244.0.0/16"), Map.entry("replicas", "2"));
        Pack k8s = p.kubernetesPack().orElseThrow();
        assertThat(k8s.valuesYaml()).startsWith("pack:\n  podCIDR: \"{{.spectro.var.pod_cidr}}\"");
        assertThat(k8s.values()).containsKey("kubeadmconfig");
        assertThat(p.packValues()).as("overrides ride on the references until resolved").isEmpty();
    }

    @Test
    void theTerraformExportKeepsUnquotedVersionsAndValuesTextAsWritten() {
        ProfileDocument doc = read("tf-vsphere.yaml");
        assertThat(doc.format()).isEqualTo(ProfileFormat.TERRAFORM_YAML);
        ClusterProfile p = doc.profile();
        assertThat(p.version()).as("absent: the default").isEqualTo("1.0.0");
        assertThat(p.osPack().orElseThrow().version()).as("9.2 is a float to YAML").isEqualTo("9.2");
        assertThat(p.osPack().orElseThrow().valuesYaml()).startsWith("# Golden images include")
                .contains("-----BEGIN CERTIFICATE-----");
        assertThat(ProfileWriter.write(doc)).as("comments survive a write").contains("# Uncomment below to")
                .contains("cloudType: vsphere").contains("registry: Public Repo").doesNotContain("metadata:");
    }

    @Test
    void unquotedVersionsThatAFloatWouldRenderDifferentlyKeepTheirDigits() {
        String yaml = """
                name: floats
                cloudType: aws
                packs:
                  - {name: os, layer: os, version: 20.10}
                  - {name: k8s, layer: k8s, version: 1.20}
                  - {name: cni, layer: cni, version: 20.04}
                  - {name: addon, layer: addon, version: 7}
                """;
        ClusterProfile p = ProfileReader.parse("floats.yaml", yaml).profile();
        assertThat(p.packs()).extracting(Pack::version).containsExactly("20.10", "1.20", "20.04", "7");
        String written = ProfileWriter.write(p, ProfileFormat.TERRAFORM_YAML);
        assertThat(written).contains("version: \"20.10\"").contains("tag: \"1.20\"");
        assertThat(ProfileReader.parse("floats.yaml", written).profile()).isEqualTo(p);
    }

    @Test
    void anAddOnExportWithoutCloudTypeIsForAllCloudsAndKeepsItsHelmType() {
        ProfileDocument doc = read("addon-export.yaml");
        ClusterProfile p = doc.profile();
        assertThat(p.cloudType()).isEqualTo(Pack.ALL_CLOUDS);
        assertThat(ProfileRules.isAddOnProfile(p)).isTrue();
        assertThat(p.packs()).extracting(Pack::version).containsExactly("1.0.0-58eadf5", "20.0.1-6b17e72");
        assertThat(p.packs()).allSatisfy(x -> assertThat(x.annotations()).containsEntry(ProfileReader.PACK_TYPE, "helm"));
        String written = ProfileWriter.write(doc);
        assertThat(written).contains("type: add-on").contains("type: helm").doesNotContain("cloudType");
    }

    @Test
    void aTopLevelListOfChartProfilesReadsAsSeveralAddOnProfiles() {
        ProfileDocument doc = read("chart-list.yaml");
        assertThat(doc.format()).isEqualTo(ProfileFormat.CHART_LIST_YAML);
        assertThat(doc.profiles()).extracting(ClusterProfile::name).containsExactly("storefront-apps", "storefront-monitoring");
        ClusterProfile apps = doc.profiles().get(0);
        assertThat(apps.packs()).extracting(Pack::layer).containsOnly(Layer.ADDON);
        assertThat(apps.packs().get(1).valuesYaml()).contains("replicaCount: ${cachereplicas}").contains("# persistence:");
        assertThat(apps.packs().get(1).values()).containsKey("values");
        assertThat(doc.profiles().get(1).packs().get(0).annotations()).as("oci is a chart list's default type").isEmpty();
        assertThatThrownBy(doc::profile).isInstanceOf(ValidationException.class).hasMessageContaining("holds 2 profiles");
        assertThat(ProfileWriter.write(doc)).startsWith("- name: storefront-apps").contains("charts:");
    }

    @Test
    void aProfileCanBeWrittenInAnotherShape() {
        ClusterProfile p = read("export-aws.json").profile();
        for (ProfileFormat f : List.of(ProfileFormat.PALETTE_YAML, ProfileFormat.TERRAFORM_YAML, ProfileFormat.TERRAFORM_JSON)) {
            ProfileDocument again = ProfileReader.parse(f.isYaml() ? "p.yaml" : "p.json", ProfileWriter.write(p, f));
            assertThat(again.format()).isEqualTo(f);
            assertThat(again.profile()).isEqualTo(p);
        }
        assertThatThrownBy(() -> ProfileWriter.write(p, ProfileFormat.CHART_LIST_YAML)).isInstanceOf(ValidationException.class)
                .hasMessageContaining("a chart list holds add-on profiles for all clouds only");
    }

    @Test
    void aLargeSingleLineExportWithEscapedValuesReads() {
        StringBuilder values = new StringBuilder();
        for (int i = 0; i < 2000; i++) {
            values.append("key").append(i).append(": \\u003cvalue-").append(i).append("\\u003e\\n");
        }
        String json = "{\"metadata\":{\"name\":\"big\",\"description\":\"\",\"labels\":{\"AI\":\"spectro__tag\"}},"
                + "\"spec\":{\"version\":\"1.0.0\",\"template\":{\"type\":\"add-on\",\"cloudType\":\"all\",\"packs\":["
                + "{\"name\":\"kubeflow\",\"type\":\"spectro\",\"layer\":\"addon\",\"version\":\"1.2.0\",\"tag\":\"1.2.0\","
                + "\"values\":\"" + values + "\",\"registry\":{\"metadata\":{\"uid\":\"5e20\",\"name\":\"Public Repo\","
                + "\"kind\":\"pack\",\"isPrivate\":false}}}]}}}";
        assertThat(json.length()).isGreaterThan(60_000);
        assertThat(json).doesNotContain("\n");
        ProfileDocument doc = ProfileReader.parse("big.json", json);
        Pack kubeflow = doc.profile().packs().get(0);
        assertThat(kubeflow.values()).hasSize(2000).containsEntry("key7", "<value-7>");
        assertThat(ProfileReader.parse("big.json", ProfileWriter.write(doc))).isEqualTo(doc);
    }

    @Test
    void everyProblemOfAProfileIsReportedWithItsLineAndField() {
        String yaml = """
                name: broken
                cloudType: aws
                packs:
                  - name: os
                    layer: os
                  - name: k8s
                    layer: kubernetes-ish
                    version: 1.30.4
                  - layer: cni
                    version: 1.0.0
                  - name: csi
                    layer: csi
                    version: 1.0.0
                    values: |
                      a: 1
                        b: 2
                """;
        assertThatThrownBy(() -> ProfileReader.parse("broken.yaml", yaml)).isInstanceOf(ValidationException.class)
                .satisfies(e -> assertThat(((ValidationException) e).violations()).extracting(Violation::toString).containsExactly(
                        "broken.yaml:4:5: packs[0]: missing \"version\"",
                        "broken.yaml:7:5: packs[1].layer: unknown layer 'kubernetes-ish' (known: os, k8s, cni, csi, addon)",
                        "broken.yaml:9:5: packs[2]: missing \"name\"",
                        "broken.yaml:14:5: packs[3].values:2:4 (within the values text): mapping values are not allowed here"));
    }

    @Test
    void whatIsNoProfileIsNamedAsSuch() {
        assertThatThrownBy(() -> ProfileReader.parse("x.yaml", "")).isInstanceOf(ValidationException.class)
                .hasMessage("1 violation: x.yaml: is empty; expected a cluster profile");
        assertThatThrownBy(() -> ProfileReader.parse("x.yaml", "foo: bar\n")).isInstanceOf(ValidationException.class)
                .hasMessageContaining("not a cluster profile");
        assertThatThrownBy(() -> ProfileReader.parse("x.json", "{\"metadata\": {\"name\": \"n\"}, \"spec\": {\"template\": {}}"))
                .isInstanceOf(ValidationException.class).hasMessageContaining("x.json:1:");
        assertThatThrownBy(() -> ProfileReader.parse("x.yaml", "name: a\ntype: add-on\npacks:\n  - {name: u, layer: os, version: 1}\n"))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("packs[0].layer: an add-on profile holds add-on packs only, not os");
    }

    @Test
    void aCompletedProfileIsWrittenWithItsOverridesMergedIntoThePackValues() {
        Pack k8s = PackReader.read(Fixtures.resource("packs/kubernetes-1.30.4"));
        ClusterProfile p = ClusterProfile.builder().name("c").version("1.0.0").cloudType("aws").addPack(k8s)
                .packValues("kubernetes", Map.of("pack", Map.of("podCIDR", "10.1.0.0/16"))).build();
        ClusterProfile back = ProfileReader.parse("c.yaml", ProfileWriter.write(p, ProfileFormat.PALETTE_YAML)).profile();
        Pack ref = back.packs().get(0);
        assertThat(ref.registry()).isEmpty();
        @SuppressWarnings("unchecked")
        Map<String, Object> pack = (Map<String, Object>) ref.values().get("pack");
        assertThat(pack).containsEntry("podCIDR", "10.1.0.0/16").containsEntry("serviceClusterIpRange", "10.96.0.0/12");
    }

    @Test
    void readsFromAPath() {
        Path file = Fixtures.resource("profiles/tf-vsphere.yaml");
        assertThat(ProfileReader.readProfile(file).name()).isEqualTo("rocky-vsphere-tf");
    }
}
