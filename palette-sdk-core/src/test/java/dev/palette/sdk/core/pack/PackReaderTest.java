package dev.palette.sdk.core.pack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.palette.sdk.api.error.ValidationException;
import dev.palette.sdk.api.error.Violation;
import dev.palette.sdk.api.model.ImageReference;
import dev.palette.sdk.api.model.Layer;
import dev.palette.sdk.api.model.Pack;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pack folders with the quirks published ones have (our own test packs, shaped like the fixtures). */
class PackReaderTest {
    @TempDir
    Path tmp;

    private static Pack pack(String folder) {
        return PackReader.read(Fixtures.resource("packs/" + folder));
    }

    private static List<String> problems(String brokenFolder) {
        try {
            PackReader.read(Fixtures.resource("broken/" + brokenFolder));
        } catch (ValidationException e) {
            return e.violations().stream().map(Violation::toString).toList();
        }
        throw new AssertionError(brokenFolder + " loaded");
    }

    @Test
    void readsACniPackWithTrailingSpacesEmptyListsAndChartReferences() {
        Pack p = pack("weave-net-2.8.1");
        assertThat(p.coordinates()).isEqualTo("weave-net:2.8.1");
        assertThat(p.layer()).isEqualTo(Layer.CNI);
        assertThat(p.displayName()).isEqualTo("Weave Net");
        assertThat(p.cloudTypes()).containsExactly("vsphere");
        assertThat(p.supportsCloud("vsphere")).isTrue();
        assertThat(p.supportsCloud("aws")).isFalse();
        assertThat(p.ansibleRoles()).isEmpty();
        assertThat(p.annotations()).containsEntry("contributor", "example");
        assertThat(p.charts()).singleElement().satisfies(c -> {
            assertThat(c.path()).isEqualTo("charts/weave-net-2.8.1.tgz");
            assertThat(c.name()).isEqualTo("weave-net");
            assertThat(c.version()).isEqualTo("2.8.1");
        });
        assertThat(p.valuesYaml()).startsWith("# Helm values nested");
        @SuppressWarnings("unchecked")
        Map<String, Object> chart = (Map<String, Object>) ((Map<String, Object>) p.values().get("charts")).get("weave-net");
        assertThat(chart).containsEntry("encryption", false).containsKey("tolerations");
        assertThat(chart.get("tolerations")).as("an empty YAML value is null").isNull();
        assertThat(p.images()).as("only OS packs have images").isEmpty();
    }

    @Test
    void aPackNamedOtherwiseThanItsFolderWithEmptyValuesAndAManifestIsKnownByItsOwnName() {
        Pack p = pack("kb-scan-0.9.0");
        assertThat(p.coordinates()).isEqualTo("kbscan:0.9.0");
        assertThat(p.values()).isEmpty();
        assertThat(p.valuesYaml()).isEmpty();
        assertThat(p.manifests()).singleElement().satisfies(m -> {
            assertThat(m.name()).isEqualTo("manifests/job.yaml");
            assertThat(m.content()).contains("kind: Job");
        });
        assertThat(p.cloudTypes()).containsExactly(Pack.ALL_CLOUDS);
        assertThat(p.supportsCloud("edge-native")).isTrue();
    }

    @Test
    void aFolderWithoutVersionAndFilesWithoutTrailingNewlineRead() {
        Pack p = pack("nfs-provisioner");
        assertThat(p.coordinates()).isEqualTo("nfs-provisioner:4.0.18");
        assertThat(p.layer()).isEqualTo(Layer.CSI);
        assertThat(p.values()).containsKey("charts");
        Pack guard = pack("policy-guard-1.4.0");
        assertThat(guard.schema()).as("an empty schema.yaml is no schema").isEmpty();
        assertThat(guard.charts().get(0).version()).as("the chart's version differs from the pack's").isEqualTo("3.1.0");
    }

    @Test
    void osPacksCarryImageReferencesAnsibleRolesAndSkipK8sInstall() {
        Pack aws = pack("golden-rocky-aws-9.2");
        assertThat(aws.layer()).isEqualTo(Layer.OS);
        assertThat(aws.images()).containsExactly(new ImageReference("aws", "eu-west-1", "ami-0fedcba9876543210",
                Map.of("owner", "111122223333")));
        assertThat(aws.imageFor("aws", "us-east-2")).as("another region: the engine copies it").isPresent();
        assertThat(aws.ansibleRoles()).containsExactly("harden-ssh", "install-falco");
        assertThat(aws.skipK8sInstall()).isFalse();
        assertThat(aws.version()).isEqualTo("9.2");

        Pack azure = pack("golden-rocky-azure-9.2");
        assertThat(azure.images()).singleElement().satisfies(i -> {
            assertThat(i.cloud()).isEqualTo("azure");
            assertThat(i.id()).isEqualTo("resf:rockylinux-9:rockylinux-9:latest");
            assertThat(i.attributes()).containsEntry("publisher", "resf").containsEntry("offer", "rockylinux-9")
                    .containsEntry("sku", "rockylinux-9");
        });
        assertThat(azure.skipK8sInstall()).isTrue();

        Pack vsphere = pack("golden-rocky-vsphere-9.2");
        assertThat(vsphere.images()).containsExactly(new ImageReference("vsphere", "",
                "https://images.example.com/rocky-9.2-k8s-1.30.4.ova", Map.of("ovaUrl", "https://images.example.com/rocky-9.2-k8s-1.30.4.ova")));
        assertThat(vsphere.displayName()).as("defaults to the name").isEqualTo("golden-rocky-vsphere");
    }

    @Test
    void aMultiCloudOsPackPrefixesItsImageKeysWithTheCloud() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("multi-os-1.0"));
        Files.writeString(dir.resolve("pack.json"), """
                {"name": "multi-os", "version": "1.0", "layer": "os", "cloudTypes": ["aws", "azure", "vsphere", "sim"],
                 "annotations": {"aws.imageId": "ami-1", "aws.cloudRegion": "us-east-1", "aws.imageOwner": "42",
                   "azure.imagePublisher": "p", "azure.imageOffer": "o", "azure.imageSKU": "s",
                   "vsphere.ovaUrl": "https://x/os.ova", "sim.imageId": "multi-os-1.0", "skipK8sInstall": "TRUE"}}
                """);
        Pack p = PackReader.read(dir);
        assertThat(p.images()).extracting(ImageReference::cloud, ImageReference::id).containsExactly(
                org.assertj.core.groups.Tuple.tuple("aws", "ami-1"), org.assertj.core.groups.Tuple.tuple("azure", "p:o:s:latest"),
                org.assertj.core.groups.Tuple.tuple("vsphere", "https://x/os.ova"), org.assertj.core.groups.Tuple.tuple("sim", "multi-os-1.0"));
        assertThat(p.imageFor("aws", "us-east-1").orElseThrow().attributes()).containsEntry("owner", "42");
        assertThat(p.skipK8sInstall()).isTrue();
    }

    @Test
    void aSchemaAndPresetsAreReadOrIgnored() {
        Pack p = pack("greeter-2.0.1");
        assertThat(p.schema()).hasValueSatisfying(s -> assertThat(s).contains("manifests.greeter.port"));
        assertThat(p.manifests().get(0).content()).contains("kind: Deployment");
        assertThat(p.values()).doesNotContainKey("presets");
    }

    @Test
    void aPackWithoutNameVersionAndLayerFailsWithAllThreeAtTheObjectsLine() {
        assertThat(problems("dra-driver-1.0.0")).containsExactly(
                "dra-driver-1.0.0/pack.json:1:1: missing \"name\"",
                "dra-driver-1.0.0/pack.json:1:1: missing \"version\"",
                "dra-driver-1.0.0/pack.json:1:1: missing \"layer\"");
        Pack supplied = PackReader.read(Fixtures.resource("broken/dra-driver-1.0.0"), "dra-driver", "1.0.0", Layer.ADDON);
        assertThat(supplied.coordinates()).isEqualTo("dra-driver:1.0.0");
        assertThat(supplied.values()).containsKey("namespaceLabels");
    }

    @Test
    void malformedJsonIsLocatedByLineAndColumn() {
        assertThat(problems("bad-syntax-1.0.0")).singleElement().satisfies(v ->
                assertThat(v).startsWith("bad-syntax-1.0.0/pack.json:3:3: Unexpected character ('\"'"));
    }

    @Test
    void everyProblemOfAPackIsReportedAtOnce() {
        List<String> p = problems("bad-values-1.0.0");
        assertThat(p).hasSize(2);
        assertThat(p.get(0)).startsWith("bad-values-1.0.0/values.yaml:2:8: ");
        assertThat(p.get(1)).isEqualTo("bad-values-1.0.0/schema.yaml: c.d: expected a mapping with a 'schema' expression");
    }

    @Test
    void unsupportedLayersWrongTypesAndEscapingManifestsAreRefusedWithTheirLines() {
        assertThat(problems("kernel-5.15")).containsExactly(
                "kernel-5.15/pack.json:1:40: layer: 'kernel' packs are not supported (supported: os, k8s, cni, csi, addon)");
        assertThat(problems("escape-1.0.0")).containsExactly(
                "escape-1.0.0/pack.json:5:3: cloudTypes: must be a list of strings",
                "escape-1.0.0/pack.json:6:20: annotations.skipK8sInstall: must be \"true\" or \"false\", not 'yes'",
                "escape-1.0.0/pack.json:7:3: kubeManifests: '../../secret.yaml' is outside the pack folder");
    }

    @Test
    void aValuesOnlyPackNeedsItsIdentityFromTheCaller() {
        Path dir = Fixtures.resource("broken/values-only-k8s-1.29.0");
        assertThat(problems("values-only-k8s-1.29.0")).singleElement().satisfies(v ->
                assertThat(v).startsWith("values-only-k8s-1.29.0/pack.json: missing; a pack folder needs a pack.json"));
        Pack p = PackReader.read(dir, "kubernetes", "1.29.0", Layer.KUBERNETES);
        assertThat(p.coordinates()).isEqualTo("kubernetes:1.29.0");
        assertThat(p.layer()).isEqualTo(Layer.KUBERNETES);
        assertThat(p.valuesYaml()).startsWith("# values of a Kubernetes pack");
    }

    @Test
    void emptyAndNonUtf8FilesAndAByteOrderMarkAreHandled() throws IOException {
        Path empty = Files.createDirectories(tmp.resolve("empty-1.0"));
        Files.writeString(empty.resolve("pack.json"), "");
        assertThatThrownBy(() -> PackReader.read(empty)).isInstanceOf(ValidationException.class)
                .hasMessageContaining("empty-1.0/pack.json: is empty; expected a JSON object");

        Path bom = Files.createDirectories(tmp.resolve("bom-1.0"));
        Files.writeString(bom.resolve("pack.json"), "\uFEFF{\"name\": \"bom\", \"version\": 1.10, \"layer\": \"addon\"}");
        Pack p = PackReader.read(bom);
        assertThat(p.version()).as("an unquoted number keeps its digits").isEqualTo("1.10");

        Path latin = Files.createDirectories(tmp.resolve("latin-1.0"));
        Files.writeString(latin.resolve("pack.json"), "{\"name\": \"latin\", \"version\": \"1\", \"layer\": \"addon\"}");
        Files.write(latin.resolve("values.yaml"), "note: caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
        assertThatThrownBy(() -> PackReader.read(latin)).isInstanceOf(ValidationException.class)
                .hasMessageContaining("latin-1.0/values.yaml: is not UTF-8 text");
    }

    @Test
    void valuesThatAreNotAMappingAreRefused() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("list-values-1.0"));
        Files.writeString(dir.resolve("pack.json"), "{\"name\": \"l\", \"version\": \"1\", \"layer\": \"addon\"}");
        Files.writeString(dir.resolve("values.yaml"), "- a\n- b\n");
        assertThatThrownBy(() -> PackReader.read(dir)).isInstanceOf(ValidationException.class)
                .hasMessageContaining("list-values-1.0/values.yaml: values must be a YAML mapping, found a list");
    }

    @Test
    void aJsonSchemaFileIsReadAndChecked() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("json-schema-1.0"));
        Files.writeString(dir.resolve("pack.json"), "{\"name\": \"j\", \"version\": \"1.0\", \"layer\": \"addon\"}");
        Files.writeString(dir.resolve("values.yaml"), "replicas: 1\n");
        Files.writeString(dir.resolve("schema.json"), """
                {"type": "object", "properties": {"replicas": {"type": "integer", "maximum": 5}}}
                """);
        Pack p = PackReader.read(dir);
        PackSchema schema = PackSchema.parse("j/schema.json", p.schema().orElseThrow());
        assertThat(schema.validate(p.values(), "v")).isEmpty();
        assertThat(schema.validate(Map.of("replicas", 9), "v")).extracting(Violation::path).containsExactly("v.replicas");

        Files.writeString(dir.resolve("schema.json"), "{\"$schema\": \"https://example.com/not-a-dialect\", \"type\": \"object\"}");
        assertThatThrownBy(() -> PackReader.read(dir)).isInstanceOf(ValidationException.class)
                .hasMessageContaining("json-schema-1.0/schema.json: not a usable JSON Schema");
    }
}
