package dev.palette.sdk.core.pack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.palette.sdk.api.error.ValidationException;
import dev.palette.sdk.api.error.Violation;
import dev.palette.sdk.api.model.Pack;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Every real published pack in {@code ../shared/fixtures/packs} loads, or fails naming the file and what is
 * wrong. Runs when that folder exists (it does beside the project in local runs and in CI); skips with a
 * message otherwise, and never skips when {@code CI=true}.
 */
class FixtureSweepTest {

    static Path fixtures() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            Path candidate = dir.resolve("shared/fixtures");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
            dir = dir.getParent();
        }
        if ("true".equals(System.getenv("CI"))) {
            fail("shared/fixtures not found above " + Path.of("").toAbsolutePath() + "; CI must have it beside the project");
        }
        System.out.println("FixtureSweepTest: shared/fixtures not found; skipping the sweep over real packs");
        Assumptions.abort("shared/fixtures not found");
        return null;
    }

    @Test
    void everyFixturePackLoadsOrFailsNamingTheFile() throws Exception {
        Path packs = fixtures().resolve("packs");
        System.out.println("FixtureSweepTest: reading every pack in " + packs);
        Map<String, String> outcome = new TreeMap<>();
        try (Stream<Path> dirs = Files.list(packs)) {
            for (Path dir : dirs.filter(Files::isDirectory).toList()) {
                String folder = dir.getFileName().toString();
                try {
                    Pack p = PackReader.read(dir);
                    outcome.put(folder, "ok " + p.coordinates() + " " + p.layer());
                } catch (ValidationException e) {
                    for (Violation v : e.violations()) {
                        assertThat(v.path()).as("a failure names the file").startsWith(folder + "/");
                    }
                    outcome.put(folder, "failed " + e.getMessage());
                }
            }
        }
        outcome.forEach((k, v) -> System.out.println("  " + k + ": " + v));
        assertThat(outcome).containsEntry("antrea-1.9.0", "ok antrea:1.9.0 CNI")
                .containsEntry("cks-kubebench-0.16.7", "ok kubebench:0.16.7 ADDON")
                .containsEntry("csi-driver-nfs", "ok csi-driver-nfs:4.13.2 CSI")
                .containsEntry("golden-centos-aws-7.7.1908", "ok golden-centos-aws:7.7.1908 OS")
                .containsEntry("golden-centos-azure-7.7.1908", "ok golden-centos-azure:7.7.1908 OS")
                .containsEntry("vsphere_noprovisioner_csi_1.0.0", "ok csi-vsphere-noprovisioner:1.0.0 CSI")
                .containsEntry("kyverno-1.12.2", "ok kyverno:1.12.2 ADDON");
        assertThat(outcome.get("nvidia-dra-driver-25.8.1")).startsWith("failed")
                .contains("missing \"name\"").contains("missing \"version\"").contains("missing \"layer\"");
        assertThat(outcome.get("kubernetes-1.27.5")).startsWith("failed").contains("kubernetes-1.27.5/pack.json: missing");

        Pack aws = PackReader.read(packs.resolve("golden-centos-aws-7.7.1908"));
        assertThat(aws.imageFor("aws", "us-east-1").orElseThrow().id()).isEqualTo("ami-071f6fc516c53fca1");
        assertThat(aws.skipK8sInstall()).isFalse();
        Pack azure = PackReader.read(packs.resolve("golden-centos-azure-7.7.1908"));
        assertThat(azure.imageFor("azure", "westus").orElseThrow().attributes()).containsEntry("publisher", "OpenLogic");
        assertThat(azure.skipK8sInstall()).isTrue();
        assertThat(PackReader.read(packs.resolve("kyverno-1.12.2")).charts().get(0).version()).isEqualTo("3.2.3");
        assertThat(PackReader.read(packs.resolve("cks-kubebench-0.16.7")).values()).isEmpty();
        Pack hello = PackReader.read(packs.resolve("hello-universe-1.3.1"));
        assertThat(hello.schema()).isPresent();
        assertThat(PackSchema.parse("hello-universe/schema.yaml", hello.schema().get()).size()).isEqualTo(21);
        assertThat(PackSchema.parse("hello-universe/schema.yaml", hello.schema().get()).validate(hello.values(), "v"))
                .as("the published defaults satisfy the published schema").isEmpty();
    }
}
