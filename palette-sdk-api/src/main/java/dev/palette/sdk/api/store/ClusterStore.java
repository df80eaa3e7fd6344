package dev.palette.sdk.api.store;

import dev.palette.sdk.api.model.Cluster;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Where clusters live. Every write is a compare-and-set on {@code metadata.resourceVersion}: a write
 * based on a version that is no longer current throws
 * {@link dev.palette.sdk.api.error.ConflictException} and changes nothing, so no update is lost.
 *
 * <p>Implementations must be thread-safe; the engine calls them from several threads. Returned clusters
 * are immutable values; mutating the store's state through them is impossible.
 */
public interface ClusterStore {

    /**
     * Reads a cluster.
     *
     * @param id the cluster id
     * @return the cluster, if stored
     */
    Optional<Cluster> get(String id);

    /**
     * Stores a new cluster with resource version 1.
     *
     * @param cluster the cluster; its resource version is ignored
     * @return the stored cluster, with its resource version
     * @throws dev.palette.sdk.api.error.ConflictException if the id, or the name within the project, is taken
     */
    Cluster create(Cluster cluster);

    /**
     * Replaces a cluster if its stored resource version equals {@code cluster.metadata().resourceVersion()}.
     *
     * @param cluster the new state, carrying the resource version it was based on
     * @return the stored cluster, with its new resource version
     * @throws dev.palette.sdk.api.error.ConflictException if the stored version differs
     * @throws dev.palette.sdk.api.error.NotFoundException if there is no such cluster
     */
    Cluster update(Cluster cluster);

    /**
     * Removes a cluster if its stored resource version equals {@code expectedResourceVersion}.
     * Removing a cluster that is not stored succeeds.
     *
     * @param id the cluster id
     * @param expectedResourceVersion the version the caller last read
     * @throws dev.palette.sdk.api.error.ConflictException if the stored version differs
     */
    void delete(String id, long expectedResourceVersion);

    /**
     * Lists clusters in id order.
     *
     * @param query the filter and page
     * @return at most {@code query.limit()} clusters
     */
    List<Cluster> list(ClusterQuery query);

    /**
     * Subscribes to changes made through this store (and, for shared stores, by other processes, as
     * soon as the store notices them). The engine also resyncs periodically, so a store that cannot
     * report changes from other processes still converges.
     *
     * @param listener called for every change, possibly from a store thread; must not block
     * @return closes the subscription
     */
    AutoCloseable subscribe(Consumer<ClusterChange> listener);
}
