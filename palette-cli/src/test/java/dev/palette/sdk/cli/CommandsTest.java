package dev.palette.sdk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
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
        return run(new CommandLine(new PaletteCommand()), args);
    }

    private static Run run(CommandLine cli, String... args) {
        PrintStream old = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            int exit = cli.execute(args);
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
    void scanReportPrintsTotalsPerNodeTypeAndTheFailingChecksWithTheirFix() throws IOException {
        Path file = Files.writeString(dir.resolve("kube-bench.json"), """
                [{"id": "4", "version": "cis-1.10", "text": "Worker Node", "node_type": "node",
                  "tests": [{"section": "4.2", "results": [
                    {"test_number": "4.2.1", "test_desc": "Ensure that the --anonymous-auth argument is set to false",
                     "status": "FAIL", "scored": true, "remediation": "Set authentication: anonymous: enabled to false"},
                    {"test_number": "4.2.2", "test_desc": "Ensure that --authorization-mode is not AlwaysAllow",
                     "status": "PASS", "scored": true}]}],
                  "total_pass": 18, "total_fail": 2, "total_warn": 3, "total_info": 0}]
                """);
        Run r = run("scan", "report", file.toString());
        assertThat(r.exit()).as("a failed check").isEqualTo(2);
        assertThat(r.out()).contains("benchmark cis-1.10").containsPattern("node\\s+18\\s+2\\s+3\\s+0")
                .contains("2 checks failed; the file lists 1 of them").contains("4.2.1    Ensure that the --anonymous-auth")
                .contains("fix: Set authentication: anonymous: enabled to false").doesNotContain("4.2.2");

        Path broken = Files.writeString(dir.resolve("broken.json"), "Error: config file not found");
        Run bad = run("scan", "report", broken.toString());
        assertThat(bad.exit()).isEqualTo(1);
        assertThat(bad.out()).contains("invalid " + broken).contains("output: is not JSON");
    }

    @Test
    void usagePrintsEveryWorkerAndDrawsTheHistory() throws IOException {
        Path png = dir.resolve("usage.png");
        Run r = run("usage", "--minutes", "30", "--workers", "2", "--chart", png.toString());
        assertThat(r.exit()).isZero();
        assertThat(r.out()).containsPattern("workers-\\w+ +\\d+\\.\\d\\d/4\\.00").contains("total (2 nodes)")
                .contains("chart: " + png.toAbsolutePath() + " (31 samples, one a minute)");
        java.awt.image.BufferedImage image = javax.imageio.ImageIO.read(png.toFile());
        assertThat(image.getWidth()).isEqualTo(900);
        assertThat(image.getHeight()).isEqualTo(450);
        assertThat(run("usage", "--minutes", "10", "--all-nodes", "--chart", png.toString()).out()).contains("total (4 nodes)");
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

    /** A loopback port nothing listens on. */
    private static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Test
    void preflightPrintsOneLinePerDomainAndExitsNonZeroWhenOneIsBlocked() throws IOException {
        try (ServerSocket open = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            int refused = closedPort();
            Run r = run("preflight", "--only", "--domain", "127.0.0.1:" + open.getLocalPort(), "--domain", "127.0.0.1:" + refused,
                    "--timeout-ms", "2000");
            assertThat(r.exit()).isEqualTo(1);
            assertThat(r.out()).contains("Preflight of 2 domains direct (timeout 2000 ms)")
                    .containsPattern("reachable +127\\.0\\.0\\.1:" + open.getLocalPort() + " +connected to 127\\.0\\.0\\.1 \\(\\d+ ms\\)  added with --domain")
                    .containsPattern("blocked +127\\.0\\.0\\.1:" + refused + " +connection refused")
                    .contains("2 domains direct: 1 reachable, 1 blocked");
            assertThat(run("preflight", "--only", "--domain", "127.0.0.1:" + open.getLocalPort()).exit()).isZero();
        }
    }

    @Test
    void preflightThroughAProxyChecksThePlatformDomainsAndNeverPrintsThePassword() throws IOException {
        int proxyPort = closedPort();
        CommandLine cli = new CommandLine(new PaletteCommand());
        ((PreflightCommand) cli.getSubcommands().get("preflight").getCommand()).environment =
                Map.of(PreflightCommand.PASSWORD_VARIABLE, "hunter2-secret")::get;
        Run r = run(cli, "preflight", "--proxy", "127.0.0.1:" + proxyPort, "--proxy-user", "svc", "--domain", "extra.example.com:443");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).contains("Preflight of 10 domains via proxy 127.0.0.1:" + proxyPort)
                .containsPattern("blocked +spectrocloud\\.com:443 +proxy unreachable: connection refused")
                .containsPattern("blocked +extra\\.example\\.com:443 +proxy unreachable: connection refused")
                .contains("0 reachable, 10 blocked")
                .doesNotContain("hunter2");
    }

    @Test
    void preflightRefusesBadOptionsWithExitCode2() {
        Run noPassword = run("preflight", "--proxy", "127.0.0.1:3128", "--proxy-user", "svc");
        assertThat(noPassword.exit()).isEqualTo(2);
        assertThat(noPassword.out()).contains("--proxy-user: set PALETTE_PROXY_PASSWORD to the proxy password");
        Run badDomain = run("preflight", "--domain", "extra.example.com:0");
        assertThat(badDomain.exit()).isEqualTo(2);
        assertThat(badDomain.out()).contains("--domain extra.example.com:0: port: must be between 1 and 65535");
        Run badProxy = run("preflight", "--proxy", "http://me:pw@127.0.0.1:3128");
        assertThat(badProxy.exit()).isEqualTo(2);
        assertThat(badProxy.out()).contains("proxy: must not carry credentials").doesNotContain("me:pw");
        assertThat(run("preflight", "--timeout-ms", "0").out()).contains("--timeout-ms: must be > 0");
    }
}
