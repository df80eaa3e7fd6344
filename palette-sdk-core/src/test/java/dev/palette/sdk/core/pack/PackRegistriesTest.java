package dev.palette.sdk.core.pack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.palette.sdk.api.error.NotFoundException;
import dev.palette.sdk.api.error.ValidationException;
import dev.palette.sdk.api.error.Violation;
import dev.palette.sdk.api.model.Layer;
import dev.palette.sdk.api.model.Pack;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PackRegistriesTest {
    @TempDir
    Path tmp;

    private static Pack k8s(String version) {
        return Pack.builder().name("kubernetes").version(version).layer(Layer.KUBERNETES).build();
    }

    private static final InMemoryPackRegistry PUBLIC = InMemoryPackRegistry.of("public",
            Stream.of("1.27.5", "1.27.10", "1.28.3", "1.29.0-rc.1", "1.29.0", "1.33.6").map(PackRegistriesTest::k8s).toList());

    @Test
    void versionsAndRangesPickTheHighestMatch() {
        PackRegistries r = PackRegistries.of(PUBLIC);
        assertThat(r.find("kubernetes", "1.27.5").version()).isEqualTo("1.27.5");
        assertThat(r.find("kubernetes", "1.27.x").version()).as("1.27.10 above 1.27.5").isEqualTo("1.27.10");
        assertThat(r.find("kubernetes", "^1.27.0").version()).isEqualTo("1.33.6");
        assertThat(r.find("kubernetes", "~1.27.0").version()).isEqualTo("1.27.10");
        assertThat(r.find("kubernetes", ">=1.27.0 <1.29.0").version()).isEqualTo("1.28.3");
        assertThat(r.find("kubernetes", ">= 1.28.0 < 1.30").version()).isEqualTo("1.29.0");
        assertThat(r.find("kubernetes", "1.27.0 - 1.28.9").version()).isEqualTo("1.28.3");
        assertThat(r.find("kubernetes", "1.26.x || 1.28.x").version()).isEqualTo("1.28.3");
        assertThat(r.find("kubernetes", "latest").version()).isEqualTo("1.33.6");
        assertThat(r.versions("kubernetes")).containsExactly("1.27.5", "1.27.10", "1.28.3", "1.29.0-rc.1", "1.29.0", "1.33.6");
        assertThat(r.find("kubernetes", "1.27.5").registry()).isEqualTo("public");
    }

    @Test
    void aMissingVersionOrPackNamesWhatExists() {
        PackRegistries r = PackRegistries.of(InMemoryPackRegistry.of("public", List.of(k8s("1.27.5"), k8s("1.33.6"))));
        assertThatThrownBy(() -> r.find("kubernetes", "1.40.0")).isInstanceOf(NotFoundException.class)
                .hasMessage("kubernetes 1.40.0 not found; available: 1.27.5, 1.33.6");
        assertThatThrownBy(() -> r.find("kubernetes", "~1.30.0")).isInstanceOf(NotFoundException.class)
                .hasMessage("kubernetes ~1.30.0 not found; available: 1.27.5, 1.33.6");
        assertThatThrownBy(() -> r.find("cni-calico", "3.31.2")).isInstanceOf(NotFoundException.class)
                .hasMessage("pack 'cni-calico' not found in registry 'public'; available packs: kubernetes");
        assertThatThrownBy(() -> r.find("kubernetes", "~>1")).isInstanceOf(ValidationException.class)
                .hasMessageContaining("unknown operator or malformed version");
    }

    @Test
    void thePrivateRegistryComesFirstUnlessTheProfileNamesAnother() {
        InMemoryPackRegistry priv = InMemoryPackRegistry.of("private", List.of(k8s("1.27.5").toBuilder()
                .annotations(Map.of("hardened", "yes")).build()));
        PackRegistries r = PackRegistries.of(priv, PUBLIC);
        assertThat(r.find("kubernetes", "1.27.x").registry()).as("first registry with a match wins, not the highest anywhere")
                .isEqualTo("private");
        assertThat(r.find("kubernetes", "1.27.x").version()).isEqualTo("1.27.5");
        assertThat(r.find("kubernetes", "1.28.x").registry()).isEqualTo("public");
        assertThat(r.find("kubernetes", "1.27.x", "public").version()).isEqualTo("1.27.10");
        assertThat(r.find("kubernetes", "1.27.x", "no-such-registry").registry()).isEqualTo("private");
        assertThat(r.get("kubernetes", "1.27.5").orElseThrow().annotations()).containsEntry("hardened", "yes");
        assertThat(r.versions("kubernetes")).hasSize(6);
        assertThatThrownBy(() -> r.find("kubernetes", "2.x")).hasMessage("kubernetes 2.x not found; available: "
                + "1.27.5 (private), 1.27.5 (public), 1.27.10 (public), 1.28.3 (public), 1.29.0-rc.1 (public), 1.29.0 (public), 1.33.6 (public)");
        assertThat(r.with(InMemoryPackRegistry.of("extra", List.of())).registries()).hasSize(3);
    }

    @Test
    void anInMemoryRegistryAddsAndRemoves() {
        InMemoryPackRegistry r = new InMemoryPackRegistry("mem");
        r.add(k8s("1.30.1")).add(k8s("1.30.1").toBuilder().displayName("replaced").build());
        assertThat(r.get("kubernetes", "1.30.1").orElseThrow().displayName()).isEqualTo("replaced");
        assertThat(r.remove("kubernetes", "1.30.1")).isTrue();
        assertThat(r.packNames()).isEmpty();
        assertThat(r.get("kubernetes", null)).isEmpty();
    }

    @Test
    void aDirectoryRegistryKnowsPacksByTheirOwnNames() {
        DirectoryPackRegistry r = DirectoryPackRegistry.open(Fixtures.resource("packs"));
        assertThat(r.name()).isEqualTo("packs");
        assertThat(r.packNames()).contains("kbscan", "nfs-provisioner", "weave-net").doesNotContain("kb-scan-0.9.0");
        assertThat(r.versions("kubernetes")).containsExactly("1.30.4", "1.31.2");
        assertThat(r.get("weave-net", "2.8.1").orElseThrow().registry()).isEqualTo("packs");
    }

    @Test
    void aDirectoryWithBrokenPacksFailsListingEveryProblem() {
        assertThatThrownBy(() -> DirectoryPackRegistry.open(Fixtures.resource("broken"))).isInstanceOf(ValidationException.class)
                .satisfies(e -> assertThat(((ValidationException) e).violations()).extracting(Violation::path)
                        .anyMatch(p -> p.startsWith("bad-syntax-1.0.0/pack.json:3:3"))
                        .anyMatch(p -> p.startsWith("dra-driver-1.0.0/pack.json:1:1"))
                        .anyMatch(p -> p.startsWith("kernel-5.15/pack.json"))
                        .anyMatch(p -> p.startsWith("values-only-k8s-1.29.0/pack.json")));
    }

    @Test
    void twoFoldersWithTheSameNameAndVersionAreRefused() throws IOException {
        for (String folder : List.of("a", "b")) {
            Path d = Files.createDirectories(tmp.resolve("dup").resolve(folder));
            Files.writeString(d.resolve("pack.json"), "{\"name\": \"x\", \"version\": \"1\", \"layer\": \"addon\"}");
        }
        Files.writeString(tmp.resolve("dup/README.md"), "not a pack");
        Files.createDirectories(tmp.resolve("dup/docs"));
        assertThatThrownBy(() -> DirectoryPackRegistry.open(tmp.resolve("dup"))).isInstanceOf(ValidationException.class)
                .hasMessage("1 violation: b/pack.json: x:1 is also in folder a");
    }

    @Test
    void packsAreReadFromAZipFileSystemAndFromAJarOnTheClassPath() throws Exception {
        Path jar = tmp.resolve("packs.jar");
        try (FileSystem zip = FileSystems.newFileSystem(URI.create("jar:" + jar.toUri()), Map.of("create", "true"))) {
            Path source = Fixtures.resource("packs");
            try (Stream<Path> files = Files.walk(source)) {
                for (Path f : files.toList()) {
                    Path target = zip.getPath("/vendor/packs/" + source.relativize(f).toString().replace('\\', '/'));
                    if (Files.isDirectory(f)) {
                        Files.createDirectories(target);
                    } else {
                        Files.copy(f, target);
                    }
                }
            }
        }
        try (FileSystem zip = FileSystems.newFileSystem(jar)) {
            DirectoryPackRegistry r = DirectoryPackRegistry.open("zip", zip.getPath("/vendor/packs"));
            assertThat(r.get("kbscan", "0.9.0").orElseThrow().manifests().get(0).content()).contains("kind: Job");
            assertThat(r.versions("kubernetes")).containsExactly("1.30.4", "1.31.2");
        }
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
            DirectoryPackRegistry r = DirectoryPackRegistry.fromClasspath("vendor", "vendor/packs", loader);
            assertThat(r.location()).startsWith("jar:");
            assertThat(r.get("greeter", "2.0.1").orElseThrow().schema()).isPresent();
            assertThat(r.get("golden-rocky-aws", "9.2").orElseThrow().ansibleRoles()).containsExactly("harden-ssh", "install-falco");
            assertThatThrownBy(() -> DirectoryPackRegistry.fromClasspath("x", "no/such/folder", loader))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no/such/folder");
        }
        DirectoryPackRegistry fromFolder = DirectoryPackRegistry.fromClasspath("test", "/packs", getClass().getClassLoader());
        assertThat(fromFolder.packNames()).contains("greeter");
    }
}
