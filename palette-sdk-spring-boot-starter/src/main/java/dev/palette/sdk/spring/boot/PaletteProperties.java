package dev.palette.sdk.spring.boot;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The engine's settings under {@code palette.*}; each one left out keeps the engine's default.
 *
 * @param enabled whether to build the engine at all (default true)
 * @param workers worker threads of the engine's own executor (ignored when the application supplies a
 *     {@code paletteExecutor} bean)
 * @param resyncPeriod how often every cluster is looked at again
 * @param backoffBase the first retry delay after a failure
 * @param backoffMax the longest retry delay
 * @param pollInterval how often booting or deleting machines are looked at
 * @param providers ids of the providers found on the class path to use; empty for all of them
 */
@ConfigurationProperties("palette")
public record PaletteProperties(Boolean enabled, Integer workers, Duration resyncPeriod, Duration backoffBase,
                                Duration backoffMax, Duration pollInterval, List<String> providers) {
    /**
     * Copies the components, with an empty provider list for none given.
     *
     * @param enabled whether enabled, may be {@code null}
     * @param workers the workers, may be {@code null}
     * @param resyncPeriod the resync period, may be {@code null}
     * @param backoffBase the backoff base, may be {@code null}
     * @param backoffMax the backoff maximum, may be {@code null}
     * @param pollInterval the poll interval, may be {@code null}
     * @param providers the provider ids, may be {@code null}
     */
    public PaletteProperties {
        providers = providers == null ? List.of() : List.copyOf(providers);
    }
}
