package dev.palette.sdk.core.store;

import dev.palette.sdk.api.error.ConflictException;
import dev.palette.sdk.api.error.NotFoundException;
import dev.palette.sdk.api.error.ValidationException;
import dev.palette.sdk.api.model.Cluster;
import dev.palette.sdk.api.model.ClusterMetadata;
import dev.palette.sdk.api.store.ClusterChange;
import dev.palette.sdk.api.store.ClusterQuery;
import dev.palette.sdk.api.store.ClusterStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link ClusterStore} in memory: the engine's default, and the reference for the store contract.
 * Compare-and-set is per record (no global lock); listing walks clusters in id order. Changes are
 * reported to listeners synchronously, right after the write, on the writing thread.
 */
public final class InMemoryClusterStore implements ClusterStore {
    private static final Logger LOG = LoggerFactory.getLogger(InMemoryClusterStore.class);

    private final ConcurrentSkipListMap<String, Cluster> byId = new ConcurrentSkipListMap<>();
    private final ConcurrentHashMap<String, String> idByName = new ConcurrentHashMap<>();
    private final CopyOnWriteArrayList<Consumer<ClusterChange>> listeners = new CopyOnWriteArrayList<>();

    /** An empty store. */
    public InMemoryClusterStore() {
    }

    private static String nameKey(ClusterMetadata m) {
        return m.tenant() + "\u0000" + m.project() + "\u0000" + m.name();
    }

    @Override
    public Optional<Cluster> get(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    @Override
    public Cluster create(Cluster cluster) {
        ClusterMetadata m = cluster.metadata();
        Cluster stored = cluster.withMetadata(m.withResourceVersion(1));
        String key = nameKey(m);
        if (idByName.putIfAbsent(key, m.id()) != null) {
            throw new ConflictException("a cluster named '" + m.name() + "' already exists in project '" + m.project() + "'");
        }
        if (byId.putIfAbsent(m.id(), stored) != null) {
            idByName.remove(key, m.id());
            throw new ConflictException("a cluster with id '" + m.id() + "' already exists");
        }
        fire(new ClusterChange(m.id(), ClusterChange.Type.CREATED, 1));
        return stored;
    }

    @Override
    public Cluster update(Cluster cluster) {
        String id = cluster.id();
        long expected = cluster.metadata().resourceVersion();
        Cluster[] result = new Cluster[1];
        byId.compute(id, (k, old) -> {
            if (old == null) {
                throw new NotFoundException("cluster '" + id + "' not found");
            }
            if (old.metadata().resourceVersion() != expected) {
                throw new ConflictException("cluster '" + id + "' is at resource version " + old.metadata().resourceVersion()
                        + ", the write was based on " + expected);
            }
            if (!nameKey(old.metadata()).equals(nameKey(cluster.metadata()))) {
                throw new ValidationException("metadata.name", "name, tenant and project of a cluster cannot change");
            }
            result[0] = cluster.withMetadata(cluster.metadata().withResourceVersion(expected + 1));
            return result[0];
        });
        fire(new ClusterChange(id, ClusterChange.Type.UPDATED, expected + 1));
        return result[0];
    }

    @Override
    public void delete(String id, long expectedResourceVersion) {
        Cluster[] removed = new Cluster[1];
        byId.computeIfPresent(id, (k, old) -> {
            if (old.metadata().resourceVersion() != expectedResourceVersion) {
                throw new ConflictException("cluster '" + id + "' is at resource version " + old.metadata().resourceVersion()
                        + ", the delete was based on " + expectedResourceVersion);
            }
            removed[0] = old;
            return null;
        });
        if (removed[0] != null) {
            idByName.remove(nameKey(removed[0].metadata()), id);
            fire(new ClusterChange(id, ClusterChange.Type.DELETED, expectedResourceVersion));
        }
    }

    @Override
    public List<Cluster> list(ClusterQuery query) {
        Map<String, Cluster> from = query.afterId().isPresent() ? byId.tailMap(query.afterId().get(), false) : byId;
        List<Cluster> out = new ArrayList<>(Math.min(query.limit(), 1024));
        for (Cluster c : from.values()) {
            ClusterMetadata m = c.metadata();
            if (query.tenant().map(t -> t.equals(m.tenant())).orElse(true)
                    && query.project().map(p -> p.equals(m.project())).orElse(true)) {
                out.add(c);
                if (out.size() == query.limit()) {
                    break;
                }
            }
        }
        return out;
    }

    @Override
    public AutoCloseable subscribe(Consumer<ClusterChange> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /**
     * How many clusters are stored.
     *
     * @return the count
     */
    public int size() {
        return byId.size();
    }

    private void fire(ClusterChange change) {
        for (Consumer<ClusterChange> l : listeners) {
            try {
                l.accept(change);
            } catch (RuntimeException e) {
                LOG.warn("a cluster store listener failed on {}: {}", change, e.toString());
            }
        }
    }
}
