package dev.palette.sdk.testkit.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.palette.sdk.api.error.NotFoundException;
import dev.palette.sdk.api.model.Cluster;
import dev.palette.sdk.api.workload.AppService;
import dev.palette.sdk.core.PaletteEngine;
import dev.palette.sdk.core.store.InMemoryClusterStore;
import dev.palette.sdk.core.store.InMemorySecretStore;
import dev.palette.sdk.testkit.SimCloud;
import dev.palette.sdk.testkit.SimHarness;
import dev.palette.sdk.testkit.VirtualClock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A running cluster's application services, kept current by the engine's periodic pass. */
class AppServicesTest {
    private final VirtualClock clock = new VirtualClock();
    private final SimCloud cloud = SimClusters.cloud(clock);
    private final PaletteEngine engine = SimClusters.engine(clock, cloud, new InMemoryClusterStore(), new InMemorySecretStore());

    @AfterEach
    void close() {
        engine.close();
    }

    private static AppService nodePort(String ns, String name, int port) {
        List<AppService.Port> ports = List.of(new AppService.Port("http", "TCP", 80, port));
        return new AppService(ns, name, AppService.NODE_PORT, "10.0.32.7", ports, AppService.urlOf(AppService.NODE_PORT, "10.0.32.7", ports));
    }

    @Test
    void servicesAppearAndGoAsTheClusterChangesWithinAPeriodicPass() {
        engine.start();
        Cluster c = engine.clusters().create("apps", SimClusters.spec(1, 1));
        cloud.exposeService(c.id(), nodePort("shop", "storefront", 30080));
        SimHarness.runUntil(engine, clock, () -> engine.clusters().get(c.id()).isReady(), Duration.ofHours(1));
        SimHarness.runUntil(engine, clock, () -> !engine.clusters().services(c.id()).isEmpty(), Duration.ofMinutes(2));
        assertThat(engine.clusters().services(c.id())).extracting(AppService::url).containsExactly("http://10.0.32.7:30080/");

        cloud.exposeService(c.id(), nodePort("monitoring", "grafana", 30300));
        cloud.removeService(c.id(), "shop", "storefront");
        SimHarness.runFor(engine, clock, Duration.ofMinutes(2));
        assertThat(engine.clusters().services(c.id())).extracting(AppService::name).containsExactly("grafana");

        assertThatThrownBy(() -> engine.clusters().services("no-such-cluster")).isInstanceOf(NotFoundException.class);
    }
}
