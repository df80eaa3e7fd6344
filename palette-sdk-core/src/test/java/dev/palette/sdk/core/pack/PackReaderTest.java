package dev.palette.sdk.core.pack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.palette.sdk.api.error.NotFoundException;
import dev.palette.sdk.api.error.ValidationException;
import dev.palette.sdk.api.error.Violation;
import dev.palette.sdk.api.model.ClusterProfile;
import dev.palette.sdk.api.model.Layer;
import dev.palette.sdk.api.model.Pack;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pack and profile files with the quirks published ones have (test files of our own, shaped like the fixtures). */
class PackReaderTest {
    @TempDir
    Path dir;

    private Path pack(String folder, String packJson, String values) throws IOException {
        Path p = Files.createDirectories(dir.resolve(folder));
        if (packJson != null) {
            Files.writeString(p.resolve("pack.json"), packJson);
        }
        if (values != null) {
            Files.writeString(p.resolve("values.yaml"), values);
        }
        return p;
    }

    @Test
    void toleratesTrailingCommasCommentsEmptyValuesAndAFolderNamedOtherwise() throws IOException {
        Path p = pack("my_os_pack_1.0", """
                {
                  "annotations": { "imageId": "ami-0123", "cloudRegion": "eu-west-1", "skipK8sInstall": "false", },
                  "ansibleRoles": ["harden", ],
                  "cloudTypes": ["aws"],
                  "layer": "os",
                  "name": "golden-ubuntu-aws",
                  "version": "22.04",
                }  \s
                """, "");
        Pack pack = PackReader.read(p);
        assertThat(pack.coordinates()).isEqualTo("golden-ubuntu-aws:22.04");
        assertThat(pack.layer()).isEqualTo(Layer.OS);
        assertThat(pack.values()).isEmpty();
        assertThat(pack.ansibleRoles()).containsExactly("harden");
        assertThat(pack.imageFor("aws", "eu-west-1").orElseThrow().id()).isEqualTo("ami-0123");
        assertThat(pack.supportsCloud("azure")).isFalse();
    }

    @Test
    void aBrokenFileFailsWithItsLineAndColumn() throws IOException {
        Path p = pack("broken-1.0.0", "{\n  \"name\": \"broken\",\n  \"version\" \"1.0.0\"\n}\n", "a: [1, 2\n");
        assertThatThrownBy(() -> PackReader.read(p)).isInstanceOfSatisfying(ValidationException.class, e -> {
            assertThat(e.violations()).extracting(Violation::path).containsExactly("broken-1.0.0/pack.json:3:13",
                    "broken-1.0.0/values.yaml:1:9");
            assertThat(e.violations().get(0).message()).contains("was expecting a colon");
        });
    }

    @Test
    void missingFieldsAreListedTogether() throws IOException {
        Path p = pack("half-1.0", "{ \"displayName\": \"Half\", \"layer\": \"storage\" }", "x: 1\n");
        assertThatThrownBy(() -> PackReader.read(p)).isInstanceOfSatisfying(ValidationException.class, e ->
                assertThat(e.violations()).extracting(Violation::message).containsExactly("missing \"name\"",
                        "missing \"version\"", "unknown layer 'storage' (known: os, k8s, cni, csi, addon)"));
    }

    @Test
    void aCatalogNamesWhatExistsWhenAVersionIsMissing() throws IOException {
        pack("k8s-a", "{\"name\":\"kubernetes\",\"version\":\"1.27.5\",\"layer\":\"k8s\"}", "");
        pack("k8s-b", "{\"name\":\"kubernetes\",\"version\":\"1.33.6\",\"layer\":\"k8s\"}", "");
        pack("k8s-c", "{\"name\":\"kubernetes\",\"version\":\"1.9.0\",\"layer\":\"k8s\"}", "");
        PackCatalog catalog = PackCatalog.fromDirectory(dir);
        assertThatThrownBy(() -> catalog.require("kubernetes", "1.40.0")).isInstanceOf(NotFoundException.class)
                .hasMessage("pack 'kubernetes' version 1.40.0 not found; available: 1.9.0, 1.27.5, 1.33.6");
        assertThatThrownBy(() -> catalog.require("k3s", "1.0")).hasMessageContaining("available packs: kubernetes");
        assertThat(catalog.latest("kubernetes").orElseThrow().version()).isEqualTo("1.33.6");
    }

    @Test
    void readsBothProfileShapesAndKeepsUnquotedVersionsAsWritten() throws IOException {
        pack("os", "{\"name\":\"ubuntu-vsphere\",\"version\":\"20.10\",\"layer\":\"os\",\"cloudTypes\":[\"vsphere\"]}", "a: 1\n");
        pack("k8s", "{\"name\":\"kubernetes\",\"version\":\"1.33.6\",\"layer\":\"k8s\"}", "b: {c: 1}\n");
        pack("cni", "{\"name\":\"cni-calico\",\"version\":\"3.31.2\",\"layer\":\"cni\"}", "");
        PackCatalog catalog = PackCatalog.fromDirectory(dir);
        Path flat = Files.writeString(dir.resolve("flat.yaml"), """
                name: edge-full
                description: ""
                type: cluster
                cloudType: vsphere
                packs:
                  - name: ubuntu-vsphere
                    type: spectro
                    layer: os
                    registry: Public Repo
                    version: 20.10
                    tag: 20.10
                    values: |-
                      # a comment
                      a: 2
                  - name: kubernetes
                    layer: k8s
                    version: 1.33.6
                  - name: cni-calico
                    layer: cni
                    version: 3.31.2
                    values: ""
                """);
        ClusterProfile p = ProfileReader.read(flat, catalog);
        assertThat(p.name()).isEqualTo("edge-full");
        assertThat(p.cloudType()).isEqualTo("vsphere");
        assertThat(p.packs()).extracting(Pack::coordinates).containsExactly("ubuntu-vsphere:20.10", "kubernetes:1.33.6", "cni-calico:3.31.2");
        assertThat(p.packValues().get("ubuntu-vsphere")).containsEntry("a", 2);

        Path api = Files.writeString(dir.resolve("export.json"), """
                {"metadata":{"name":"api-shaped","description":"d","labels":{}},
                 "spec":{"version":"2.0.0","variables":{"replicas":"3"},"template":{"type":"cluster","cloudType":"vsphere",
                 "packs":[{"name":"ubuntu-vsphere","layer":"os","version":"20.10","values":""},
                          {"name":"kubernetes","layer":"cni","version":"1.33.6","values":""},
                          {"name":"calico","layer":"cni","tag":"3.31.2"}]}}}
                """);
        assertThatThrownBy(() -> ProfileReader.read(api, catalog)).isInstanceOfSatisfying(ValidationException.class, e ->
                assertThat(e.violations()).extracting(Violation::toString).containsExactly(
                        "export.json: packs[1].layer: 'cni' but pack kubernetes:1.33.6 is a k8s pack",
                        "export.json: packs[2]: pack 'calico' not found; available packs: cni-calico, kubernetes, ubuntu-vsphere"));
    }

    @Test
    void theImageSignatureIgnoresKeyOrderAndWhitespaceButNotRoles() throws IOException {
        Pack a = PackReader.read(pack("a", "{\"name\":\"os\",\"version\":\"1\",\"layer\":\"os\",\"ansibleRoles\":[\"r1\"],"
                + "\"annotations\":{\"x\":\"1\",\"y\":\"2\"}}", "k:\n  a: 1\n  b: 2\n"));
        Pack b = PackReader.read(pack("b", "{ \"annotations\" : { \"y\" : \"2\", \"x\" : \"1\" },\n \"layer\":\"os\", "
                + "\"version\":\"1\", \"ansibleRoles\":[\"r1\"], \"name\":\"os\" }", "# same values\nk: {b: 2, a: 1}\n"));
        Pack c = a.toBuilder().ansibleRoles(List.of("r1", "r2")).build();
        assertThat(PackSignature.of(a, "1.33.6")).isEqualTo(PackSignature.of(b, "1.33.6")).hasSize(64);
        assertThat(PackSignature.of(c, "1.33.6")).isNotEqualTo(PackSignature.of(a, "1.33.6"));
        assertThat(PackSignature.of(a, "1.34.0")).isNotEqualTo(PackSignature.of(a, "1.33.6"));
    }

    @Test
    void registriesResolveRangesPreferringTheFirstRegistry() {
        PackCatalog privateRegistry = new PackCatalog("private")
                .add(Pack.builder().name("kubernetes").version("1.27.5-hardened").layer(Layer.KUBERNETES).build())
                .add(Pack.builder().name("kubernetes").version("1.28.2").layer(Layer.KUBERNETES).registry("private").build());
        PackCatalog publicRegistry = new PackCatalog("public");
        for (String v : List.of("1.27.5", "1.27.10", "1.28.1", "1.29.0", "1.33.6", "2.0.0")) {
            publicRegistry.add(Pack.builder().name("kubernetes").version(v).layer(Layer.KUBERNETES).build());
        }
        PackRegistries both = new PackRegistries(List.of(privateRegistry, publicRegistry));
        PackRegistries pub = new PackRegistries(List.of(publicRegistry));
        assertThat(pub.resolve("kubernetes", "1.27.x").version()).isEqualTo("1.27.10");
        assertThat(pub.resolve("kubernetes", "~1.27.0").version()).isEqualTo("1.27.10");
        assertThat(pub.resolve("kubernetes", "^1.27.0").version()).isEqualTo("1.33.6");
        assertThat(pub.resolve("kubernetes", ">=1.27.0 <1.29.0").version()).isEqualTo("1.28.1");
        assertThat(pub.resolve("kubernetes", "latest").version()).isEqualTo("2.0.0");
        assertThat(pub.resolve("kubernetes", "1.29.0").version()).isEqualTo("1.29.0");
        assertThat(both.resolve("kubernetes", "1.28.x").registry()).as("the private registry comes first").isEqualTo("private");
        assertThat(both.resolve("kubernetes", "1.33.x").version()).isEqualTo("1.33.6");
        assertThatThrownBy(() -> both.resolve("kubernetes", "1.40.x")).isInstanceOf(NotFoundException.class)
                .hasMessageContaining("kubernetes' version 1.40.x not found; available: 1.27.5-hardened (private), 1.28.2 (private), 1.27.5 (public)");
        assertThat(VersionRange.ORDER.compare("1.27.5-hardened", "1.27.5")).isNegative();
    }
}
