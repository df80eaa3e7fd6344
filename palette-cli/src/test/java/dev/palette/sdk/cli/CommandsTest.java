package dev.palette.sdk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class CommandsTest {
    @TempDir
    Path dir;

    private record Run(int exit, String out) {
    }

    private static Run run(String... args) {
        PrintStream old = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            int exit = new CommandLine(new PaletteCommand()).execute(args);
            return new Run(exit, buf.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(old);
        }
    }

    @Test
    void packValidatePrintsEveryProblemAndExitsNonZero() throws IOException {
        Path good = Files.createDirectories(dir.resolve("good"));
        Files.writeString(good.resolve("pack.json"), "{\"name\":\"good\",\"version\":\"1.0\",\"layer\":\"addon\",}");
        Path bad = Files.createDirectories(dir.resolve("bad"));
        Files.writeString(bad.resolve("pack.json"), "{\n \"name\": \"bad\"\n \"version\": \"1\"}");
        Run r = run("pack", "validate", good.toString(), bad.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).contains("ok      " + good).contains("invalid " + bad).contains("bad/pack.json:3:2: Unexpected character")
                .contains("2 pack(s), 1 invalid");
        assertThat(run("pack", "validate", good.toString()).exit()).isZero();
    }

    @Test
    void profileShowPrintsTheLayersWithMergedValues() throws IOException {
        Path profile = Files.writeString(dir.resolve("p.yaml"), """
                name: demo
                cloudType: sim
                packs:
                  - {name: ubuntu-sim, layer: os, version: 22.04}
                  - name: kubernetes
                    layer: k8s
                    version: 1.33.6
                    values: |
                      pack:
                        podCIDR: "172.16.0.0/16"
                  - {name: cni-calico, layer: cni, version: 3.31.2}
                """);
        Run r = run("profile", "show", profile.toString());
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("--- os: ubuntu-sim 22.04").contains("--- k8s: kubernetes 1.33.6")
                .contains("podCIDR: \"172.16.0.0/16\"").contains("anonymous-auth: \"false\"");
        Run v = run("profile", "validate", profile.toString());
        assertThat(v.exit()).isZero();
        Path broken = Files.writeString(dir.resolve("broken.yaml"), "name: x\npacks:\n  - {name: nope, layer: addon, version: 1}\n");
        Run b = run("profile", "validate", broken.toString());
        assertThat(b.exit()).isEqualTo(1);
        assertThat(b.out()).contains("profile.packs[0]: pack 'nope' not found in registry 'samples'; available packs: cni-calico, csi-sim, kubernetes, ubuntu-sim");
    }

    @Test
    void profileValidateAppliesTheLayerRules() throws IOException {
        Path noCni = Files.writeString(dir.resolve("no-cni.yaml"), """
                name: demo
                cloudType: sim
                packs:
                  - {name: kubernetes, layer: k8s, version: 1.33.6}
                  - {name: ubuntu-sim, layer: os, version: 22.04}
                """);
        Run r = run("profile", "validate", noCni.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).contains("no-cni.yaml.packs: missing a CNI layer (cni)")
                .contains("no-cni.yaml.packs[1].layer: layer os of pack 'ubuntu-sim' comes after layer k8s");
    }

    @Test
    void planPreviewsAChangeOfTheQuickstartCluster() {
        Run r = run("plan", "--instance-type", "sim.xlarge", "--kubernetes", "1.34.1");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("Preview (nothing was changed):").contains("REPLACE control-plane-")
                .contains("Kubernetes 1.33.6 → 1.34.1").contains("instance type sim.medium → sim.xlarge")
                .doesNotContain("OS image").contains("peak 7 machines (surge 1)");
        String out = r.out();
        assertThat(out.lastIndexOf("REPLACE control-plane-")).as("the control plane rolls before the workers")
                .isLessThan(out.indexOf("REPLACE workers-"));
    }

    @Test
    void simulatePrintsTheFiguresAsJson() throws Exception {
        Run r = run("simulate", "--clusters", "10", "--workers", "2", "--json");
        assertThat(r.exit()).isZero();
        Map<?, ?> figures = new com.fasterxml.jackson.databind.ObjectMapper().readValue(r.out(), Map.class);
        assertThat(figures.get("clusters")).isEqualTo(10);
        assertThat(figures.get("machines")).isEqualTo(30);
        assertThat(((Number) figures.get("provider_calls")).longValue()).isGreaterThan(30);
    }

    @Test
    void clustersListsWhatAPersistentStoreKeepsBetweenRuns() throws Exception {
        String home = System.getProperty("user.home");
        System.setProperty("user.home", dir.toString()); // the CLI's secret key goes under the test's folder
        try {
            String url = "jdbc:h2:file:" + dir.resolve("state").toString().replace('\\', '/');
            StoreOptions options = new StoreOptions();
            options.url = url;
            try (StoreOptions.Stores stores = options.open();
                 dev.palette.sdk.core.PaletteEngine engine = dev.palette.sdk.core.PaletteEngine.builder().store(stores.clusters())
                         .secrets(stores.secrets()).discoverProviders(false)
                         .provider(new dev.palette.sdk.testkit.SimProvider(dev.palette.sdk.testkit.SimCloud.builder().build())).build()) {
                engine.clusters().create("kept", dev.palette.sdk.api.model.ClusterSpec.builder()
                        .profile(dev.palette.sdk.samples.SamplePacks.quickstartProfile())
                        .cloud(dev.palette.sdk.api.model.CloudConfig.of("sim", "sim-east-1")).controlPlane(1, "sim.large").build());
            }
            assertThat(dir.resolve(".palette/secret.key")).exists();
            Run r = run("clusters", "--store", url);
            assertThat(r.exit()).isZero();
            assertThat(r.out()).contains("1 cluster in " + url).contains("  kept  default/default  PENDING  0 machines");
        } finally {
            System.setProperty("user.home", home);
        }
    }
}
