package dev.palette.sdk.api.provider;

import dev.palette.sdk.api.internal.Immutable;
import java.util.List;

/**
 * The API server load balancer a cluster needs, with the control-plane machines behind it. Calling
 * again with another target list converges the members: missing ones are added, extra ones removed.
 *
 * @param port the API server port (6443)
 * @param targets provider ids of the control-plane machines to send traffic to
 */
public record LoadBalancerRequest(int port, List<String> targets) {
    /**
     * Copies the components.
     *
     * @param port the port
     * @param targets the targets, may be {@code null}
     */
    public LoadBalancerRequest {
        targets = Immutable.list(targets);
    }
}
