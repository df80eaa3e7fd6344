package dev.palette.sdk.core.internal.engine;

import dev.palette.sdk.api.model.Cluster;
import dev.palette.sdk.api.model.ClusterSpec;
import dev.palette.sdk.api.model.Machine;
import dev.palette.sdk.api.model.MachineRole;
import dev.palette.sdk.api.model.Pack;
import dev.palette.sdk.api.store.SecretStore;
import dev.palette.sdk.core.bootstrap.BootstrapSecrets;
import dev.palette.sdk.core.bootstrap.CloudInitRenderer;
import dev.palette.sdk.core.bootstrap.ClusterPki;
import dev.palette.sdk.core.bootstrap.NodeRole;
import dev.palette.sdk.core.internal.cache.Lru;
import dev.palette.sdk.core.internal.reconcile.BootstrapData;
import dev.palette.sdk.core.pack.ResolvedProfile;
import dev.palette.sdk.core.time.TimeSource;
import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * The engine's user data: kubeadm init/join with the cluster's PKI and the Kubernetes pack's hardening.
 * What every machine of a cluster shares (resolved profile, parsed PKI, tokens) is kept for the most
 * recently used clusters, keyed by cluster id and spec generation: parsing the PKI from PEM for each of a
 * cluster's machines was about a tenth of the engine's CPU in the 1,000-cluster scale run. So is the user
 * data of each role, rendered once and given each machine's name.
 */
public final class KubeadmBootstrap implements BootstrapData {
    private static final int CACHED_CLUSTERS = 256;

    /** Stands for the machine name in a role's rendered user data, which differs between machines only there. */
    private static final String NAME_PLACEHOLDER = "palette-machine-name-placeholder";

    private record Shared(ResolvedProfile profile, ClusterPki pki, BootstrapSecrets secrets, Map<String, String> rendered) {
    }

    private final SecretStore secrets;
    private final TimeSource time;
    private final Map<String, Shared> cache = Lru.of(CACHED_CLUSTERS);

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
        // A machine of an intermediate step of a Kubernetes upgrade joins at its own version, not the spec's.
        ClusterSpec spec = atVersion(cluster.spec(), machine.kubernetesVersion());
        String key = cluster.id() + "@" + cluster.metadata().generation() + "@" + machine.kubernetesVersion();
        Shared cached = cache.get(key);
        if (cached == null) {
            // Made outside the cache's lock: reading a cluster's PKI takes a while, and other clusters' machines
            // must not queue behind it (a race makes it twice, harmlessly; the first one stored wins).
            Shared made = new Shared(ResolvedProfile.of(spec), ClusterPki.ensure(secrets, cluster.id(), time.now()),
                    BootstrapSecrets.ensure(secrets, cluster.id()), new java.util.concurrent.ConcurrentHashMap<>());
            Shared raced = cache.putIfAbsent(key, made);
            cached = raced == null ? made : raced;
        }
        Shared shared = cached;
        // Rendered once per role and cluster generation; machines differ only in their name (a DNS label, which
        // YAML takes as a plain scalar wherever the placeholder stood).
        String template = shared.rendered().computeIfAbsent(role + "@" + host, k -> CloudInitRenderer.render(
                new CloudInitRenderer.Node(shared.profile(), NAME_PLACEHOLDER, role, host, shared.pki(), shared.secrets())));
        return template.replace(NAME_PLACEHOLDER, machine.name());
    }

    private static ClusterSpec atVersion(ClusterSpec spec, String version) {
        Pack k8s = spec.profile().kubernetesPack().orElse(null);
        if (k8s == null || version.isEmpty() || version.equals(k8s.version())) {
            return spec;
        }
        List<Pack> packs = spec.profile().packs().stream().map(p -> p == k8s ? p.toBuilder().version(version).build() : p).toList();
        return spec.toBuilder().profile(spec.profile().toBuilder().packs(packs).build()).build();
    }
}
