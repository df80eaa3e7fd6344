package dev.palette.sdk.core.internal.reconcile;

import dev.palette.sdk.api.model.Cluster;
import dev.palette.sdk.api.model.ClusterSpec;
import dev.palette.sdk.api.model.Machine;
import dev.palette.sdk.api.model.Pack;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Works out the {@link MachineTemplate} of a cluster's pass: the Kubernetes version of the current step of
 * its upgrade path, the hash of its bootstrap configuration and the OS layers of its images. Shared by
 * the reconciler and the change preview, so that both decide from the same template.
 */
public final class MachineTemplates {
    /** Infrastructure key prefix under which the OS layer an image was made from is kept. */
    static final String IMAGE_OS_PREFIX = ClusterReconciler.INFRA_IMAGE + ".os.";

    private final KubernetesSteps steps;
    /** cluster id to (generation, bootstrap hash): the hash is over YAML text, worth computing once per spec. */
    private final Map<String, Map.Entry<Long, String>> bootstrapHashes = new ConcurrentHashMap<>();

    /**
     * Creates the calculator.
     *
     * @param steps the Kubernetes upgrade path
     */
    public MachineTemplates(KubernetesSteps steps) {
        this.steps = steps;
    }

    /**
     * The Kubernetes upgrade path.
     *
     * @return the steps
     */
    public KubernetesSteps steps() {
        return steps;
    }

    /** The version new machines of a cluster with these machines get under this spec now. */
    String kubernetesTarget(ClusterSpec spec, List<Machine> machines) {
        Pack k8s = spec.profile().kubernetesPack().orElse(null);
        return k8s == null ? "" : steps.target(machines, k8s.name(), k8s.version());
    }

    /** The template of a stored cluster's pass. */
    MachineTemplate of(Cluster c, List<Machine> machines, String imageId) {
        Map.Entry<Long, String> cached = bootstrapHashes.get(c.id());
        String hash;
        if (cached != null && cached.getKey() == c.metadata().generation()) {
            hash = cached.getValue();
        } else {
            hash = bootstrapHash(c.spec());
            bootstrapHashes.put(c.id(), Map.entry(c.metadata().generation(), hash));
        }
        return new MachineTemplate(imageId, kubernetesTarget(c.spec(), machines), hash, imageLabels(c), knownZones(c));
    }

    /** The template a previewed spec would give. */
    MachineTemplate preview(Cluster c, ClusterSpec spec, List<Machine> machines, String imageId, Map<String, String> extraLabels) {
        Map<String, String> labels = new LinkedHashMap<>(imageLabels(c));
        labels.putAll(extraLabels);
        return new MachineTemplate(imageId, kubernetesTarget(spec, machines), bootstrapHash(spec), labels, knownZones(c));
    }

    /** Forgets a deleted cluster. */
    void forget(String clusterId) {
        bootstrapHashes.remove(clusterId);
    }

    /**
     * The hash of what a spec puts into kubeadm's configuration besides the version: the Kubernetes
     * layer's values with the cluster's overrides and variables.
     */
    static String bootstrapHash(ClusterSpec spec) {
        Pack k8s = spec.profile().kubernetesPack().orElse(null);
        if (k8s == null) {
            return "";
        }
        return MachineTemplate.sha256(k8s.name() + '\n' + k8s.valuesYaml() + '\n' + spec.packValues().get(k8s.name()) + '\n'
                + spec.variables(), 16);
    }

    /** Infrastructure key under which each pool's zones are kept as last reconciled: {@code pool/zone,...}. */
    static final String POOL_ZONES = "poolZones";

    /** The pools' zones as recorded, or the cluster's spec's if none are recorded yet. */
    private static java.util.Set<String> knownZones(Cluster c) {
        String recorded = c.status().infrastructure().get(POOL_ZONES);
        if (recorded != null) {
            return recorded.isEmpty() ? java.util.Set.of() : java.util.Set.of(recorded.split(","));
        }
        return poolZones(c.spec());
    }

    /** Every {@code pool/zone} of a spec. */
    static java.util.Set<String> poolZones(ClusterSpec spec) {
        java.util.Set<String> out = new java.util.TreeSet<>();
        spec.allPools().forEach(p -> p.zones().forEach(z -> out.add(p.name() + "/" + z)));
        return out;
    }

    private static Map<String, String> imageLabels(Cluster c) {
        Map<String, String> out = new LinkedHashMap<>();
        c.status().infrastructure().forEach((k, v) -> {
            if (k.startsWith(IMAGE_OS_PREFIX)) {
                out.put(k.substring(IMAGE_OS_PREFIX.length()), v);
            }
        });
        return out;
    }
}
