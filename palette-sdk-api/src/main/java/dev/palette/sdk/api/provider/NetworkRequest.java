package dev.palette.sdk.api.provider;

import dev.palette.sdk.api.internal.Immutable;
import java.util.List;

/**
 * The network a cluster needs: a control-plane and a worker network domain in each zone, and the
 * security rules between them.
 *
 * @param zones the zones machines will be placed in; empty for the provider's default
 * @param rules the allowed flows; everything else is denied
 */
public record NetworkRequest(List<String> zones, List<SecurityRule> rules) {
    /**
     * Copies the components.
     *
     * @param zones the zones, may be {@code null}
     * @param rules the rules, may be {@code null}
     */
    public NetworkRequest {
        zones = Immutable.list(zones);
        rules = Immutable.list(rules);
    }
}
