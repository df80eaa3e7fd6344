package dev.palette.sdk.testkit.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.palette.sdk.api.error.NotFoundException;
import dev.palette.sdk.api.model.Cluster;
import dev.palette.sdk.api.model.Machine;
import dev.palette.sdk.api.workload.PodLog;
import dev.palette.sdk.core.PaletteEngine;
import dev.palette.sdk.core.bundle.LogBundle;
import dev.palette.sdk.core.bundle.LogBundleRequest;
import dev.palette.sdk.core.bundle.LogBundleStatus;
import dev.palette.sdk.core.store.InMemoryClusterStore;
import dev.palette.sdk.core.store.InMemorySecretStore;
import dev.palette.sdk.testkit.SimCloud;
import dev.palette.sdk.testkit.SimProvider;
import dev.palette.sdk.testkit.SimWorkloadClusterAccess;
import dev.palette.sdk.testkit.VirtualClock;
import dev.palette.sdk.core.EngineSettings;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Log bundles end to end on the simulated cloud: the zip unpacked and read, the planted secrets absent. */
class LogBundleTest {
    /** Secrets planted where real ones turn up: in pod logs, node logs, ConfigMaps and error messages. */
    private static final String JWT = "eyJhbGciOiJSUzI1NiIsImtpZCI6IjEyMyJ9.eyJzdWIiOiJzeXN0ZW06c2VydmljZWFjY291bnQifQ.c2lnbmF0dXJlc2lnbmF0dXJl";
    private static final String PASSWORD = "hunter2-Very-Secret";
    private static final String AWS_KEY_ID = "AKIAIOSFODNN7EXAMPLE";
    private static final String AWS_SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    private static final String BOOTSTRAP = "abcdef.0123456789abcdef";
    private static final String KEY_BODY = "MHcCAQEEIBkg4LVWM9nuwNSk3yByxZpYRTBnVJk5oG1d7sJ4YbQxoAoGCCqGSM49";
    private static final List<String> PLANTED = List.of(JWT, PASSWORD, AWS_KEY_ID, AWS_SECRET, BOOTSTRAP, KEY_BODY);

    @TempDir
    Path bundles;
    private final VirtualClock clock = new VirtualClock();
    private final SimCloud cloud = SimClusters.cloud(clock);
    private PaletteEngine engine;
    private Cluster cluster;

    @BeforeEach
    void running() {
        engine = PaletteEngine.builder().clock(clock).store(new InMemoryClusterStore()).secrets(new InMemorySecretStore())
                .discoverProviders(false).provider(new SimProvider(cloud)).workloadAccess(new SimWorkloadClusterAccess(cloud))
                .settings(EngineSettings.DEFAULTS.withPollInterval(Duration.ofSeconds(10))).bundleDirectory(bundles).build();
        cluster = SimClusters.startAndProvision(engine, clock, "bundled", SimClusters.spec(1, 2));
    }

    @AfterEach
    void close() {
        engine.close();
    }

    private static Map<String, String> unzip(Path zip) throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        try (InputStream in = Files.newInputStream(zip); ZipInputStream z = new ZipInputStream(in)) {
            for (ZipEntry e = z.getNextEntry(); e != null; e = z.getNextEntry()) {
                out.put(e.getName(), new String(z.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    private LogBundle awaitDone(LogBundle requested) {
        return engine.logBundles().whenDone(requested.id()).toCompletableFuture().orTimeout(30, java.util.concurrent.TimeUnit.SECONDS).join();
    }

    @Test
    void aBundleHoldsPodNodeAndObjectLogsWithEverySecretRedactedAndNamesWhatDidNotAnswer() throws IOException {
        List<String> workers = cluster.status().machines("workers").stream().map(Machine::name).sorted().toList();
        cloud.podLog(cluster.id(), new PodLog("kube-system", "kube-apiserver-cp", "kube-apiserver",
                "I1125 started\nAuthorization: Bearer " + JWT + "\nflag --token-auth-file password=" + PASSWORD + "\n", ""));
        cloud.podLog(cluster.id(), new PodLog("kube-system", "coredns-1", "coredns", "", "container \"coredns\" in pod is waiting to start"));
        cloud.podLog(cluster.id(), new PodLog("palette-system", "palette-agent", "agent",
                "syncing with aws_access_key_id=" + AWS_KEY_ID + " aws_secret_access_key=" + AWS_SECRET + "\n", ""));
        cloud.describeObjects(cluster.id(), """
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: cloud-config, namespace: kube-system}
                data:
                  cloud.conf: |
                    secretKey: %s
                  join: kubeadm join --token %s
                  key.pem: |
                    -----BEGIN EC PRIVATE KEY-----
                    %s
                    -----END EC PRIVATE KEY-----
                ---
                apiVersion: v1
                kind: Secret
                metadata: {name: aws-creds, namespace: kube-system}
                type: Opaque
                """.formatted(AWS_SECRET, BOOTSTRAP, KEY_BODY));
        cloud.jobs().answer("palette-logs", "==> /var/log/syslog <==\nkubelet started\n==> /var/log/cloud-init-output.log <==\n"
                + "Cloud-init v. 24.1 finished\n");
        cloud.jobs().failOn(workers.get(1), "palette-logs", "node is NotReady; the pod could not be scheduled");

        LogBundle requested = engine.logBundles().request(cluster.id());
        assertThat(requested.status()).isEqualTo(LogBundleStatus.REQUESTED);
        LogBundle done = awaitDone(requested);

        assertThat(done.status()).isEqualTo(LogBundleStatus.READY);
        Path zip = done.file().orElseThrow();
        assertThat(zip.getFileName().toString()).isEqualTo("spectro_logs.zip");
        Map<String, String> files = unzip(zip);
        String cp = cluster.status().machines("control-plane").get(0).name();
        assertThat(files).containsKeys("bundle.txt", "Manifest.yaml", "kube-system/kube-apiserver-cp/kube-apiserver.log",
                "palette-system/palette-agent/agent.log", "nodes/" + cp + "/var/log/syslog",
                "nodes/" + workers.get(0) + "/var/log/cloud-init-output.log", "missing.txt");
        assertThat(files.keySet()).noneMatch(k -> k.startsWith("nodes/" + workers.get(1) + "/"));
        assertThat(files.get("nodes/" + cp + "/var/log/cloud-init-output.log")).isEqualTo("Cloud-init v. 24.1 finished\n\n");
        assertThat(files.get("Manifest.yaml")).contains("kind: Secret").contains("name: aws-creds")
                .contains("-----BEGIN EC PRIVATE KEY----- [redacted] -----END EC PRIVATE KEY-----");
        assertThat(files.get("kube-system/kube-apiserver-cp/kube-apiserver.log")).contains("I1125 started")
                .contains("Bearer [redacted]").contains("password=[redacted]");
        assertThat(files.get("missing.txt")).contains("kube-system/coredns-1/coredns.log: container \"coredns\" in pod is waiting to start")
                .contains("nodes/" + workers.get(1) + "/: job palette-logs failed: node is NotReady");
        assertThat(done.missing()).hasSize(2);
        String everything = String.join("\n", files.values());
        assertThat(PLANTED).as("no planted secret is anywhere in the bundle").allSatisfy(s -> assertThat(everything).doesNotContain(s));
        assertThat(cloud.jobs().ran()).as("one short-lived pod per node, read-only on the log folders")
                .hasSize(3).allSatisfy(j -> {
                    assertThat(j.nodeName()).isNotEmpty();
                    assertThat(j.hostPaths()).contains("/var/log");
                    assertThat(j.command().get(2)).contains("tail -n 10000 /var/log/syslog");
                });
        assertThat(engine.events().list(cluster.id())).anyMatch(e -> e.reason().equals("LogBundleReady"));
        assertThat(engine.logBundles().get(done.id())).isEqualTo(done);
    }

    @Test
    void whatExceedsTheSizeLimitIsLeftOutAndListedAndTheNameIsConfigurable() throws IOException {
        cloud.podLog(cluster.id(), new PodLog("kube-system", "chatty", "app", "x".repeat(2 * 1024 * 1024), ""));
        cloud.jobs().answer("palette-logs", "==> /var/log/syslog <==\nok\n");
        LogBundle done = awaitDone(engine.logBundles().request(cluster.id(),
                LogBundleRequest.DEFAULTS.withFileName("support.zip").withMaxBytes(1024 * 1024)));
        assertThat(done.file()).hasValueSatisfying(f -> assertThat(f.getFileName().toString()).isEqualTo("support.zip"));
        Map<String, String> files = unzip(done.file().orElseThrow());
        assertThat(files).doesNotContainKey("kube-system/chatty/app.log").containsKey("Manifest.yaml");
        assertThat(files.get("missing.txt")).contains("kube-system/chatty/app.log: left out, the bundle's size limit of 1 MiB was reached");
    }

    @Test
    void aClusterThatDoesNotAnswerGivesAFailedBundleNotAnException() {
        cloud.setUnreachable(cluster.id(), true);
        LogBundle done = awaitDone(engine.logBundles().request(cluster.id()));
        assertThat(done.status()).isEqualTo(LogBundleStatus.FAILED);
        assertThat(done.message()).contains("does not answer");
        assertThat(done.file()).isEmpty();
        assertThatThrownBy(() -> engine.logBundles().request("no-such-cluster")).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> engine.logBundles().get("lb-unknown")).isInstanceOf(NotFoundException.class);
    }
}
