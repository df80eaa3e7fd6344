package dev.palette.sdk.observability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.palette.sdk.api.model.Cluster;
import dev.palette.sdk.api.model.ClusterSpec;
import dev.palette.sdk.core.EngineSettings;
import dev.palette.sdk.core.PaletteEngine;
import dev.palette.sdk.testkit.SimCloud;
import dev.palette.sdk.testkit.SimFaults;
import dev.palette.sdk.testkit.SimHarness;
import dev.palette.sdk.testkit.SimOperation;
import dev.palette.sdk.testkit.SimProvider;
import dev.palette.sdk.testkit.SimWorkloadClusterAccess;
import dev.palette.sdk.testkit.VirtualClock;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** After a simulated provisioning, the metrics and spans say what happened, with the documented names and tags. */
class ObservabilityTest {
    private final VirtualClock clock = new VirtualClock();
    private final SimCloud cloud = SimCloud.builder().time(clock).latency(Duration.ofMillis(200)).bootDelay(Duration.ofSeconds(30))
            .build();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final InMemorySpanExporter spans = InMemorySpanExporter.create();
    private final SdkTracerProvider tracerProvider = SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(spans))
            .build();
    private final PaletteMetrics metrics = new PaletteMetrics(registry, Duration.ZERO);
    private final PaletteEngine engine = PaletteEngine.builder().clock(clock).discoverProviders(false).provider(new SimProvider(cloud))
            .workloadAccess(new SimWorkloadClusterAccess(cloud)).observer(metrics)
            .observer(new PaletteTracing(OpenTelemetrySdk.builder().setTracerProvider(tracerProvider).build()))
            .settings(EngineSettings.DEFAULTS.withPollInterval(Duration.ofSeconds(10))).build();

    @AfterEach
    void close() {
        engine.close();
        tracerProvider.close();
    }

    static ClusterSpec spec() {
        return dev.palette.sdk.testkit.SimSpecs.spec(1, 3);
    }

    @Test
    void aProvisioningShowsInTheMetricsAndTheSpans() {
        metrics.bindTo(engine);
        engine.start();
        cloud.faults().failNext(SimOperation.CREATE_MACHINE, 2, SimFaults.Kind.RETRYABLE);
        Cluster c = engine.clusters().create("observed", spec());
        SimHarness.runUntil(engine, clock, () -> engine.clusters().get(c.id()).isReady(), Duration.ofHours(1));
        SimHarness.runFor(engine, clock, Duration.ofSeconds(1));

        long passes = engine.stats().passes();
        long reconciles = registry.find("palette.reconcile").tag("reconciler", "cluster").timers().stream()
                .mapToLong(Timer::count).sum();
        assertThat(reconciles).as("one timing per pass").isEqualTo(passes);
        assertThat(registry.find("palette.reconcile").tag("outcome", "failed").timer()).as("the failed creates").isNotNull();
        Timer creates = registry.find("palette.provider.calls").tags("provider", "sim", "operation", "createMachine", "outcome", "success")
                .timer();
        assertThat(creates).isNotNull();
        assertThat(creates.count()).as("1 control plane + 3 workers").isEqualTo(4);
        assertThat(registry.find("palette.provider.errors").tags("provider", "sim", "operation", "createMachine").counter().count())
                .isEqualTo(2.0);
        assertThat(registry.find("palette.queue.retries").counter().count()).isPositive();
        assertThat(registry.find("palette.queue.wait").timer().count()).isPositive();
        assertThat(registry.find("palette.queue.adds").functionCounter().count()).isPositive();
        assertThat(registry.find("palette.queue.depth").gauge()).isNotNull();
        assertThat(registry.find("palette.clusters").tag("phase", "RUNNING").gauge().value()).isEqualTo(1.0);
        assertThat(registry.find("palette.conditions.failing").tag("type", "WorkersReady").gauge().value()).isZero();

        List<SpanData> all = spans.getFinishedSpanItems();
        List<SpanData> passSpans = all.stream().filter(s -> s.getName().equals("palette.reconcile")).toList();
        assertThat(passSpans).hasSize((int) passes).allMatch(s -> c.id().equals(s.getAttributes().get(PaletteTracing.CLUSTER_ID)));
        Set<String> passIds = passSpans.stream().map(SpanData::getSpanId).collect(Collectors.toSet());
        List<SpanData> calls = all.stream().filter(s -> s.getName().startsWith("palette.provider.")).toList();
        assertThat(calls).isNotEmpty().allMatch(s -> s.getKind() == SpanKind.CLIENT)
                .allMatch(s -> passIds.contains(s.getParentSpanId()), "a child of its pass")
                .allMatch(s -> "sim".equals(s.getAttributes().get(PaletteTracing.PROVIDER)));
        List<SpanData> failedCreates = calls.stream().filter(s -> s.getName().equals("palette.provider.createMachine")
                && s.getStatus().getStatusCode() == StatusCode.ERROR).toList();
        assertThat(failedCreates).hasSize(2).allMatch(s -> !s.getEvents().isEmpty(), "the exception recorded");
        assertThat(calls).filteredOn(s -> s.getName().equals("palette.provider.createMachine")).hasSize(4 + 2);
    }
}
