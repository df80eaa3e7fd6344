package dev.palette.sdk.kubernetes.internal;

import dev.palette.sdk.api.error.PaletteException;
import dev.palette.sdk.api.workload.WorkloadTarget;
import dev.palette.sdk.kubernetes.KubernetesClientFactory;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client per workload cluster, made on first use and kept until the cluster is released. A client
 * made for another endpoint, or whose credentials the API server refused, is replaced by a new one read
 * from the secret store.
 */
public final class ClientCache implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ClientCache.class);

    private record Entry(String endpoint, KubernetesClient client) {
    }

    private final KubeconfigLoader loader;
    private final KubernetesClientFactory factory;
    private final Map<String, Entry> clients = new ConcurrentHashMap<>();
    private volatile boolean closed;

    /**
     * A cache.
     *
     * @param loader reads the kubeconfigs
     * @param factory makes the clients
     */
    public ClientCache(KubeconfigLoader loader, KubernetesClientFactory factory) {
        this.loader = loader;
        this.factory = factory;
    }

    /**
     * The client of a cluster, made if there is none for its endpoint.
     *
     * @param target the cluster
     * @return its client
     */
    public KubernetesClient client(WorkloadTarget target) {
        Entry e = clients.get(target.clusterId());
        if (e != null && e.endpoint().equals(target.endpoint())) {
            return e.client();
        }
        synchronized (this) {
            if (closed) {
                throw new PaletteException("the workload cluster access is closed", false);
            }
            e = clients.get(target.clusterId());
            if (e != null && e.endpoint().equals(target.endpoint())) {
                return e.client();
            }
            if (e != null) {
                clients.remove(target.clusterId());
                e.client().close();
            }
            KubernetesClient client = make(target);
            clients.put(target.clusterId(), new Entry(target.endpoint(), client));
            LOG.debug("cluster {}: client made for {}", target.clusterId(), target.endpoint());
            return client;
        }
    }

    private KubernetesClient make(WorkloadTarget target) {
        io.fabric8.kubernetes.client.Config config = loader.load(target);
        try {
            return factory.create(target, config);
        } catch (RuntimeException e) {
            // A bad certificate or key surfaces here; its message is not trusted to leave the key out.
            throw new PaletteException("cluster " + target.clusterId() + ": no client could be made from the kubeconfig at "
                    + target.kubeconfigSecretKey() + " (" + e.getClass().getSimpleName() + ")", false);
        }
    }

    /**
     * Drops a client if it is still the cluster's, so that the next call makes a new one.
     *
     * @param clusterId the cluster
     * @param client the client that failed
     */
    public void invalidate(String clusterId, KubernetesClient client) {
        Entry e = clients.get(clusterId);
        if (e != null && e.client() == client && clients.remove(clusterId, e)) {
            LOG.debug("cluster {}: client dropped after its credentials were refused", clusterId);
            client.close();
        }
    }

    /**
     * Closes and forgets the client of a cluster.
     *
     * @param clusterId the cluster
     */
    public void release(String clusterId) {
        Entry e = clients.remove(clusterId);
        if (e != null) {
            LOG.debug("cluster {}: client closed", clusterId);
            e.client().close();
        }
    }

    /**
     * How many clients are open.
     *
     * @return the count
     */
    public int size() {
        return clients.size();
    }

    /** Closes every client; later calls to {@link #client} fail. */
    @Override
    public void close() {
        List<String> ids;
        synchronized (this) {
            closed = true;
            ids = new ArrayList<>(clients.keySet());
        }
        ids.forEach(this::release);
    }
}
