package dev.palette.sdk.spring.boot;

import dev.palette.sdk.api.provider.CloudProvider;
import dev.palette.sdk.api.store.ClusterLeases;
import dev.palette.sdk.api.store.ClusterStore;
import dev.palette.sdk.api.store.SecretStore;
import dev.palette.sdk.api.workload.WorkloadClusterAccess;
import dev.palette.sdk.core.EngineObserver;
import dev.palette.sdk.core.EngineSettings;
import dev.palette.sdk.core.PaletteEngine;
import dev.palette.sdk.observability.PaletteMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.concurrent.Executor;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Builds the {@link PaletteEngine} from {@code palette.*} and the application's beans: a
 * {@link ClusterStore}, {@link SecretStore} and {@link ClusterLeases} (in memory / none if absent), every
 * {@link CloudProvider} bean plus the providers found on the class path (only those named in
 * {@code palette.providers}, if set), a {@link WorkloadClusterAccess}, an {@link Executor} named
 * {@code paletteExecutor}, any {@link EngineObserver} beans, and metrics on the application's
 * {@code MeterRegistry}. The engine starts when the context has started and closes with it.
 */
@AutoConfiguration
@ConditionalOnProperty(prefix = "palette", name = "enabled", havingValue = "true", matchIfMissing = true)
@EnableConfigurationProperties(PaletteProperties.class)
public class PaletteAutoConfiguration {
    /** The executor bean name the engine uses when present. */
    public static final String EXECUTOR_BEAN = "paletteExecutor";

    /** Creates the configuration (Spring does). */
    public PaletteAutoConfiguration() {
    }

    /**
     * The engine.
     *
     * @param props the properties
     * @param stores the application's cluster store, if any
     * @param secrets the application's secret store, if any
     * @param leases the application's leases, if any
     * @param providers the application's provider beans
     * @param workload the application's workload access, if any
     * @param executor the application's {@code paletteExecutor}, if any
     * @param observers the application's observers, and the metrics observer if metrics are on
     * @return the engine, not started yet
     */
    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    public PaletteEngine paletteEngine(PaletteProperties props, ObjectProvider<ClusterStore> stores,
                                       ObjectProvider<SecretStore> secrets, ObjectProvider<ClusterLeases> leases,
                                       ObjectProvider<CloudProvider> providers, ObjectProvider<WorkloadClusterAccess> workload,
                                       @Qualifier(EXECUTOR_BEAN) ObjectProvider<Executor> executor,
                                       ObjectProvider<EngineObserver> observers) {
        EngineSettings s = EngineSettings.DEFAULTS;
        if (props.workers() != null) {
            s = s.withWorkers(props.workers());
        }
        if (props.resyncPeriod() != null) {
            s = s.withResyncPeriod(props.resyncPeriod());
        }
        if (props.backoffBase() != null || props.backoffMax() != null) {
            s = s.withBackoff(props.backoffBase() != null ? props.backoffBase() : s.backoffBase(),
                    props.backoffMax() != null ? props.backoffMax() : s.backoffMax());
        }
        if (props.pollInterval() != null) {
            s = s.withPollInterval(props.pollInterval());
        }
        PaletteEngine.Builder b = PaletteEngine.builder().settings(s).discoverProviders(false);
        stores.ifAvailable(b::store);
        secrets.ifAvailable(b::secrets);
        leases.ifAvailable(l -> b.leases(l, Duration.ofSeconds(30)));
        workload.ifAvailable(b::workloadAccess);
        executor.ifAvailable(b::executor);
        observers.orderedStream().forEach(b::observer);
        List<String> explicit = new ArrayList<>();
        providers.orderedStream().forEach(p -> {
            explicit.add(p.metadata().id());
            b.provider(p);
        });
        // The class path's providers, as the engine would discover them, limited to palette.providers if set.
        for (CloudProvider p : ServiceLoader.load(CloudProvider.class, PaletteAutoConfiguration.class.getClassLoader())) {
            String id = p.metadata().id();
            if (!explicit.contains(id) && (props.providers().isEmpty() || props.providers().contains(id))) {
                b.provider(p);
            } else {
                p.close();
            }
        }
        return b.build();
    }

    /**
     * Starts the engine once the context has started, and closes it first when the context stops.
     *
     * @param engine the engine
     * @return the lifecycle
     */
    @Bean
    public SmartLifecycle paletteEngineLifecycle(PaletteEngine engine) {
        return new EngineLifecycle(engine);
    }

    /** Metrics on the application's Micrometer registry, when it has one and the observability module is present. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass({MeterRegistry.class, PaletteMetrics.class})
    @ConditionalOnBean(MeterRegistry.class)
    static class Metrics {
        @Bean
        @ConditionalOnMissingBean
        PaletteMetrics paletteMetrics(MeterRegistry registry) {
            return new PaletteMetrics(registry);
        }

        @Bean
        SmartLifecycle paletteMetricsBinding(PaletteMetrics metrics, PaletteEngine engine) {
            return new MetricsBinding(metrics, engine);
        }
    }

    /** The health indicator, when the application has Spring Boot's health support. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.boot.health.contributor.HealthIndicator")
    static class Health {
        @Bean
        @ConditionalOnMissingBean(name = "paletteHealthIndicator")
        PaletteHealthIndicator paletteHealthIndicator(PaletteEngine engine) {
            return new PaletteHealthIndicator(engine);
        }
    }
}
