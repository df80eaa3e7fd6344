package dev.palette.sdk.core.internal.engine;

import dev.palette.sdk.api.model.Cluster;
import dev.palette.sdk.api.model.Machine;
import dev.palette.sdk.core.internal.reconcile.BootstrapData;

/**
 * User data that only names the machine; used when no Kubernetes bootstrap renderer is configured
 * (simulated clouds, providers that bootstrap by other means).
 */
public final class MinimalBootstrap implements BootstrapData {
    @Override
    public String userData(Cluster cluster, Machine machine, boolean initNode) {
        return "#cloud-config\nhostname: " + machine.name() + "\n";
    }
}
