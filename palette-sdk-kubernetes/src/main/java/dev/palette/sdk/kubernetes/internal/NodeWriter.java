package dev.palette.sdk.kubernetes.internal;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.function.Predicate;

/**
 * Read-modify-write of a node with optimistic locking: the write carries the resourceVersion it read, a
 * 409 means someone wrote in between, and the edit is applied again to a fresh read (client-go's
 * RetryOnConflict). Merge patches would skip the read, but they replace the whole taint list, which
 * would drop a taint another controller added meanwhile.
 */
public final class NodeWriter {
    private NodeWriter() {
    }

    /**
     * Edits a node; does nothing if it is gone or already as the edit wants it.
     *
     * @param client the cluster's client
     * @param name the node
     * @param edit changes the node in place and says whether it changed anything
     * @throws KubernetesClientException if the API server refuses, or still conflicts after
     *     {@link AccessSettings#CONFLICT_ATTEMPTS} attempts
     */
    public static void modify(KubernetesClient client, String name, Predicate<Node> edit) {
        for (int attempt = 1; ; attempt++) {
            Node node = client.nodes().withName(name).get();
            if (node == null || !edit.test(node)) {
                return;
            }
            try {
                client.nodes().resource(node).update();
                return;
            } catch (KubernetesClientException e) {
                if (KubernetesErrors.isNotFound(e)) {
                    return;
                }
                if (!KubernetesErrors.isConflict(e) || attempt >= AccessSettings.CONFLICT_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }
}
