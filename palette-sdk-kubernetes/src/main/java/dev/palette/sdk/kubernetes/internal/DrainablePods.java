package dev.palette.sdk.kubernetes.internal;

import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The pods a drain evicts: those bound to the node, except DaemonSet pods (their controller puts them
 * back at once and they must run on every node) and mirror pods (the kubelet's static pods, which the
 * API cannot remove).
 */
public final class DrainablePods {
    /** The annotation the kubelet puts on the API mirror of a static pod. */
    public static final String MIRROR_ANNOTATION = "kubernetes.io/config.mirror";

    private DrainablePods() {
    }

    /**
     * The drainable pods of a node.
     *
     * @param client the cluster's client
     * @param node the node
     * @return its pods a drain evicts
     */
    public static List<Pod> on(KubernetesClient client, String node) {
        // The field selector keeps the answer to this node's pods; the filter repeats it for API servers
        // (and test doubles) that ignore it.
        return client.pods().inAnyNamespace().withField("spec.nodeName", node).list().getItems().stream()
                .filter(p -> p.getSpec() != null && node.equals(p.getSpec().getNodeName()))
                .filter(p -> !isMirror(p) && !isDaemonSetPod(p))
                .toList();
    }

    /**
     * A pod's {@code namespace/name}.
     *
     * @param pod the pod
     * @return its id
     */
    public static String id(Pod pod) {
        return pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName();
    }

    static boolean isMirror(Pod pod) {
        Map<String, String> annotations = pod.getMetadata().getAnnotations();
        return annotations != null && annotations.containsKey(MIRROR_ANNOTATION);
    }

    static boolean isDaemonSetPod(Pod pod) {
        List<OwnerReference> owners = Optional.ofNullable(pod.getMetadata().getOwnerReferences()).orElse(List.of());
        return owners.stream().anyMatch(o -> Boolean.TRUE.equals(o.getController()) && "DaemonSet".equals(o.getKind()));
    }
}
