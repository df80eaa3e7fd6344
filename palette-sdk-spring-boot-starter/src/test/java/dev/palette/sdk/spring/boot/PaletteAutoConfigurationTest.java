package dev.palette.sdk.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.palette.sdk.api.model.Cluster;
import dev.palette.sdk.api.model.ClusterSpec;
import dev.palette.sdk.api.provider.CloudProvider;
import dev.palette.sdk.core.PaletteEngine;
import dev.palette.sdk.testkit.SimCloud;
import dev.palette.sdk.testkit.SimProvider;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The starter in a Boot context: the engine runs with the context, converges a cluster, and is gone with it. */
class PaletteAutoConfigurationTest {
    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(PaletteAutoConfiguration.class));

    private static ClusterSpec spec() {
        return dev.palette.sdk.testkit.SimSpecs.spec(1, 2);
    }

    private static java.util.List<String> engineThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(n -> n.startsWith("palette-")).toList();
    }

    @Test
    void theEngineRunsWithTheContextConvergesAClusterAndLeavesNoThreadBehind() {
        SimCloud cloud = SimCloud.builder().latency(Duration.ofMillis(5)).bootDelay(Duration.ofMillis(100))
                .nodeReadyDelay(Duration.ZERO).build();
        runner.withBean(CloudProvider.class, () -> new SimProvider(cloud)).withBean(SimpleMeterRegistry.class)
                .withPropertyValues("palette.workers=2", "palette.poll-interval=50ms", "palette.providers=none-from-the-class-path")
                .run(context -> {
                    assertThat(context).hasNotFailed().hasSingleBean(PaletteEngine.class).hasSingleBean(PaletteHealthIndicator.class);
                    PaletteEngine engine = context.getBean(PaletteEngine.class);
                    assertThat(engine.stats().running()).as("started with the context").isTrue();
                    assertThat(engine.providers().ids()).containsExactly("sim");
                    Cluster c = engine.clusters().create("boot", spec());
                    Cluster ready = engine.clusters().await(c.id(), Cluster::isReady, Duration.ofSeconds(60));
                    assertThat(ready.status().machines()).hasSize(3);

                    PaletteHealthIndicator health = context.getBean(PaletteHealthIndicator.class);
                    assertThat(health.health().getStatus()).isEqualTo(Status.UP);
                    assertThat(health.health().getDetails()).containsEntry("clustersFailing", 0L);
                    SimpleMeterRegistry registry = context.getBean(SimpleMeterRegistry.class);
                    assertThat(registry.find("palette.reconcile").timers()).isNotEmpty();
                    assertThat(registry.find("palette.clusters").tag("phase", "RUNNING").gauge()).isNotNull();
                });
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(engineThreads()).as("every engine thread gone")
                .isEmpty());
    }

    @Test
    void paletteEnabledFalseLeavesTheEngineOut() {
        runner.withPropertyValues("palette.enabled=false").run(context -> assertThat(context).doesNotHaveBean(PaletteEngine.class));
    }
}
