package dev.palette.sdk.api.model;

import java.time.Duration;
import java.util.Objects;

/**
 * When a machine counts as unhealthy and is replaced, and how many may be replaced at once.
 *
 * @param nodeStartupTimeout a new node not Ready within this time is replaced (default 30 minutes)
 * @param readyUnknownTimeout kubelet not posting status (Ready Unknown) this long ⇒ replace (default 10 minutes)
 * @param networkUnavailableTimeout {@code NetworkUnavailable} this long ⇒ replace (default 10 minutes)
 * @param maxUnhealthy remediation stops when more machines than this are unhealthy at once: a count
 *     ({@code "2"}) or a percentage ({@code "40%"}); default {@code "100%"}
 */
public record HealthPolicy(Duration nodeStartupTimeout, Duration readyUnknownTimeout,
                           Duration networkUnavailableTimeout, String maxUnhealthy) {

    /** The defaults named in the seed document: 30 min startup, 10 min Ready Unknown, 10 min network, 100 %. */
    public static final HealthPolicy DEFAULT =
            new HealthPolicy(Duration.ofMinutes(30), Duration.ofMinutes(10), Duration.ofMinutes(10), "100%");

    /**
     * Validates the components.
     *
     * @param nodeStartupTimeout the startup timeout
     * @param readyUnknownTimeout the Ready Unknown timeout
     * @param networkUnavailableTimeout the network timeout
     * @param maxUnhealthy the remediation guard
     */
    public HealthPolicy {
        Objects.requireNonNull(nodeStartupTimeout, "nodeStartupTimeout");
        Objects.requireNonNull(readyUnknownTimeout, "readyUnknownTimeout");
        Objects.requireNonNull(networkUnavailableTimeout, "networkUnavailableTimeout");
        Objects.requireNonNull(maxUnhealthy, "maxUnhealthy");
    }
}
