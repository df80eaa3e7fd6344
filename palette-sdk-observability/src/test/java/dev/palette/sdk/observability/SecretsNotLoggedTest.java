package dev.palette.sdk.observability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.palette.sdk.api.model.CloudConfig;
import dev.palette.sdk.api.model.Cluster;
import dev.palette.sdk.api.store.Secret;
import dev.palette.sdk.core.EngineSettings;
import dev.palette.sdk.core.PaletteEngine;
import dev.palette.sdk.core.store.InMemorySecretStore;
import dev.palette.sdk.testkit.SimCloud;
import dev.palette.sdk.testkit.SimFaults;
import dev.palette.sdk.testkit.SimHarness;
import dev.palette.sdk.testkit.SimOperation;
import dev.palette.sdk.testkit.SimProvider;
import dev.palette.sdk.testkit.SimWorkloadClusterAccess;
import dev.palette.sdk.testkit.VirtualClock;
import dev.palette.sdk.testkit.SecretLeaks;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * With every logger at DEBUG (this test runs in its own JVM, logging to a file: see the module's POM), a
 * provisioning with failures, a scale and a deletion logs none of the secrets it handles: the planted cloud
 * credential, the cluster's bootstrap token, its private keys, its kubeconfig.
 */
class SecretsNotLoggedTest {
    private static final String PLANTED = "AKIA-planted-Secret-Value-7f3e9";

    @Test
    void noSecretReachesTheLogAtDebug() throws Exception {
        Path logFile = Path.of(System.getProperty("org.slf4j.simpleLogger.logFile", "target/secrets-not-logged.log"));
        assertThat(System.getProperty("org.slf4j.simpleLogger.defaultLogLevel")).as("run by the secrets-not-logged execution")
                .isEqualTo("debug");
        VirtualClock clock = new VirtualClock();
        SimCloud cloud = SimCloud.builder().time(clock).latency(Duration.ofMillis(100)).bootDelay(Duration.ofSeconds(20)).build();
        InMemorySecretStore secrets = new InMemorySecretStore();
        secrets.put("credentials/sim", Secret.of("secretAccessKey", PLANTED));
        List<String> planted = new ArrayList<>(List.of(PLANTED));
        try (PaletteEngine engine = PaletteEngine.builder().clock(clock).secrets(secrets).discoverProviders(false)
                .provider(new SimProvider(cloud)).workloadAccess(new SimWorkloadClusterAccess(cloud))
                .settings(EngineSettings.DEFAULTS.withPollInterval(Duration.ofSeconds(10))).build()) {
            engine.start();
            var spec = ObservabilityTest.spec().toBuilder().cloud(CloudConfig.of("sim", "sim-east-1")
                    .withCredentialsRef("credentials/sim")).build();
            cloud.faults().failNext(SimOperation.CREATE_MACHINE, 3, SimFaults.Kind.RETRYABLE);
            Cluster c = engine.clusters().create("secretive", spec);
            SimHarness.runUntil(engine, clock, () -> engine.clusters().get(c.id()).isReady(), Duration.ofHours(1));
            engine.clusters().scaleWorkerPool(c.id(), "workers", 4);
            SimHarness.runUntil(engine, clock, () -> engine.clusters().get(c.id()).isReady()
                    && engine.clusters().get(c.id()).status().machines("workers").size() == 4, Duration.ofHours(1));
            planted.addAll(SecretLeaks.recognisable(secrets, "clusters/" + c.id() + "/"));
            engine.clusters().delete(c.id());
            SimHarness.runUntil(engine, clock, () -> engine.clusters().find(c.id()).isEmpty(), Duration.ofHours(1));
        }
        String log = Files.readString(logFile);
        assertThat(log).as("the engine did log at DEBUG, machines with their user data").contains("DEBUG")
                .contains("(secretive): creating").contains("bytes of user data");
        assertThat(planted).hasSizeGreaterThan(5);
        assertThat(SecretLeaks.foundIn(log, planted)).as("secrets in the log").isEmpty();
        assertThat(log).doesNotContain("PRIVATE KEY");
    }
}
