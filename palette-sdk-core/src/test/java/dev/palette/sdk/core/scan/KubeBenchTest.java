package dev.palette.sdk.core.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.palette.sdk.api.error.ValidationException;
import dev.palette.sdk.api.scan.CheckStatus;
import dev.palette.sdk.api.scan.ScanReport;
import dev.palette.sdk.api.scan.ScanTotals;
import dev.palette.sdk.core.pack.Fixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** kube-bench's output in both its shapes, from the real published files and the project's own. */
class KubeBenchTest {
    private static String read(Path p) throws IOException {
        return Files.readString(p);
    }

    @Test
    void bothPublishedShapesGiveTheSameSectionsAndTotals() throws IOException {
        Path dir = Fixtures.shared("KubeBenchTest").resolve("kube-bench");
        ScanReport withTotals = KubeBench.parse(read(dir.resolve("result-with-totals.json")), "");
        ScanReport bareArray = KubeBench.parse(read(dir.resolve("result-no-totals-array.json")), "");

        assertThat(withTotals.totals()).as("the Totals object").isEqualTo(new ScanTotals(49, 12, 14, 0));
        assertThat(bareArray.totals()).as("summed from the controls when there is no Totals").isEqualTo(withTotals.totals());
        assertThat(withTotals.benchmark()).isEqualTo("cis-1.5");
        assertThat(withTotals.sections()).extracting(s -> s.nodeType()).containsExactly("master", "etcd", "controlplane");
        assertThat(withTotals.totalsByNodeType()).containsEntry("master", new ScanTotals(42, 12, 11, 0))
                .containsEntry("controlplane", new ScanTotals(0, 0, 3, 0));
        assertThat(withTotals.sections().get(0).results()).singleElement().satisfies(r -> {
            assertThat(r.id()).isEqualTo("1.1.1");
            assertThat(r.status()).isEqualTo(CheckStatus.PASS);
            assertThat(r.scored()).isTrue();
            assertThat(r.remediation()).contains("chmod 644 /etc/kubernetes/manifests/kube-apiserver.yaml");
        });
        assertThat(bareArray.sections()).usingRecursiveFieldByFieldElementComparator().isEqualTo(withTotals.sections());
    }

    @Test
    void failingChecksAreListedWithTheirRemediation() throws IOException {
        ScanReport r = KubeBench.parse(read(Fixtures.resource("kube-bench/node-with-failures.json")), "cis-1.10");
        assertThat(r.benchmark()).isEqualTo("cis-1.10");
        assertThat(r.failures()).singleElement().satisfies(f -> {
            assertThat(f.id()).isEqualTo("4.2.1");
            assertThat(f.remediation()).startsWith("Set authentication: anonymous: enabled to false");
        });
        assertThat(r.totalsByNodeType()).containsOnlyKeys("node");
    }

    @Test
    void notKubeBenchOutputIsAValidationErrorWithItsPath() {
        assertThatThrownBy(() -> KubeBench.parse("kube-bench: command not found", "")).isInstanceOf(ValidationException.class)
                .hasMessageContaining("output: is not JSON");
        assertThatThrownBy(() -> KubeBench.parse("{\"controls\": []}", "")).isInstanceOf(ValidationException.class)
                .hasMessageContaining("expected an array of controls");
        assertThatThrownBy(() -> KubeBench.parse("[{\"id\": \"1\", \"tests\": [{\"results\": [{\"status\": \"MAYBE\"}]}]}]", ""))
                .isInstanceOf(ValidationException.class).hasMessageContaining("Controls[0].tests[].results[].status");
    }

    @Test
    void theBenchmarkFollowsTheKubernetesMinorVersion() {
        assertThat(KubeBench.benchmarkFor("1.24.3")).isEqualTo("cis-1.24");
        assertThat(KubeBench.benchmarkFor("1.27.5")).isEqualTo("cis-1.9");
        assertThat(KubeBench.benchmarkFor("v1.29.2")).isEqualTo("cis-1.9");
        assertThat(KubeBench.benchmarkFor("1.30.0")).isEqualTo("cis-1.10");
        assertThat(KubeBench.benchmarkFor("1.33.6")).as("newer than the last mapped: the newest benchmark").isEqualTo("cis-1.10");
        assertThatThrownBy(() -> KubeBench.benchmarkFor("2.0")).isInstanceOf(ValidationException.class)
                .hasMessageContaining("kubernetesVersion: must be a Kubernetes 1.x version");
    }
}
