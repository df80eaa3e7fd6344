package dev.palette.sdk.core.internal.engine;

import dev.palette.sdk.api.model.Cluster;
import dev.palette.sdk.api.model.Machine;
import dev.palette.sdk.api.model.MachineRole;
import dev.palette.sdk.api.store.SecretStore;
import dev.palette.sdk.core.bootstrap.BootstrapSecrets;
import dev.palette.sdk.core.bootstrap.CloudInitRenderer;
import dev.palette.sdk.core.bootstrap.ClusterPki;
import dev.palette.sdk.core.bootstrap.NodeRole;
import dev.palette.sdk.core.internal.reconcile.BootstrapData;
import dev.palette.sdk.core.pack.ResolvedProfile;
import dev.palette.sdk.core.time.TimeSource;
import java.net.URI;

/** The engine's user data: kubeadm init/join with the cluster's PKI and the Kubernetes pack's hardening. */
public final class KubeadmBootstrap implements BootstrapData {
    private final SecretStore secrets;
    private final TimeSource time;

    /**
     * Creates the bootstrap.
     *
     * @param secrets where the PKI and tokens are kept
     * @param time the clock
     */
    public KubeadmBootstrap(SecretStore secrets, TimeSource time) {
        this.secrets = secrets;
        this.time = time;
    }

    @Override
    public String userData(Cluster cluster, Machine machine, boolean initNode) {
        NodeRole role = initNode ? NodeRole.INIT
                : machine.role() == MachineRole.CONTROL_PLANE ? NodeRole.JOIN_CONTROL_PLANE : NodeRole.WORKER;
        String host = URI.create(cluster.status().endpoint()).getHost();
        return CloudInitRenderer.render(new CloudInitRenderer.Node(ResolvedProfile.of(cluster.spec()), machine.name(), role,
                host, ClusterPki.ensure(secrets, cluster.id(), time.now()), BootstrapSecrets.ensure(secrets, cluster.id())));
    }
}
