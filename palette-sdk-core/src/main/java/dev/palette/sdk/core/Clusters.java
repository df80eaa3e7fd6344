package dev.palette.sdk.core;

import dev.palette.sdk.api.error.ConflictException;
import dev.palette.sdk.api.error.NotFoundException;
import dev.palette.sdk.api.error.PaletteException;
import dev.palette.sdk.api.model.ChangePlan;
import dev.palette.sdk.api.model.Cluster;
import dev.palette.sdk.api.model.ClusterMetadata;
import dev.palette.sdk.api.model.ClusterSpec;
import dev.palette.sdk.api.model.ClusterStatus;
import dev.palette.sdk.api.model.MachinePoolSpec;
import dev.palette.sdk.api.store.ClusterChange;
import dev.palette.sdk.api.store.ClusterQuery;
import dev.palette.sdk.api.store.ClusterStore;
import dev.palette.sdk.api.workload.AppService;
import dev.palette.sdk.core.internal.queue.WorkQueue;
import dev.palette.sdk.core.internal.reconcile.ChangePlanner;
import dev.palette.sdk.core.internal.reconcile.AppServices;
import dev.palette.sdk.core.internal.reconcile.ClusterHealth;
import dev.palette.sdk.core.internal.validation.ClusterValidator;
import dev.palette.sdk.core.time.TimeSource;
import dev.palette.sdk.core.usage.ClusterUsage;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * Cluster operations. Writes are validated first (every violation reported at once, nothing stored when
 * any is found), then stored, then reconciled by the engine in the background.
 */
public final class Clusters {
    private static final char[] ID_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int MAX_UPDATE_ATTEMPTS = 50;

    private final ClusterStore store;
    private final ClusterValidator validator;
    private final ChangePlanner planner;
    private final WorkQueue<String> queue;
    private final TimeSource time;
    private final Runnable checkOpen;
    private final ClusterHealth health;

    private final AppServices services;

    Clusters(ClusterStore store, ClusterValidator validator, ChangePlanner planner, WorkQueue<String> queue, TimeSource time,
             Runnable checkOpen, ClusterHealth health, AppServices services) {
        this.health = health;
        this.services = services;
        this.store = store;
        this.validator = validator;
        this.planner = planner;
        this.queue = queue;
        this.time = time;
        this.checkOpen = checkOpen;
    }

    /**
     * Creates a cluster in the default tenant and project.
     *
     * @param name the cluster name (a DNS label)
     * @param spec the spec
     * @return the stored cluster
     * @throws dev.palette.sdk.api.error.ValidationException with every violation; nothing is stored
     * @throws ConflictException if the name is taken in the project
     */
    public Cluster create(String name, ClusterSpec spec) {
        return create(ClusterMetadata.DEFAULT_TENANT, ClusterMetadata.DEFAULT_PROJECT, name, spec, Map.of());
    }

    /**
     * Creates a cluster in a tenant's project.
     *
     * @param tenant the tenant
     * @param project the project
     * @param name the cluster name (a DNS label)
     * @param spec the spec
     * @param labels labels for the cluster (also put on its cloud resources as tags)
     * @return the stored cluster
     * @throws dev.palette.sdk.api.error.ValidationException with every violation; nothing is stored
     * @throws ConflictException if the name is taken in the project
     */
    public Cluster create(String tenant, String project, String name, ClusterSpec spec, Map<String, String> labels) {
        checkOpen.run();
        validator.requireValid(name, spec);
        ClusterMetadata meta = new ClusterMetadata(newId(), name, tenant, project, labels, 0, 1, time.now(), Optional.empty());
        Cluster stored = store.create(new Cluster(meta, spec, ClusterStatus.INITIAL));
        queue.add(stored.id());
        return stored;
    }

    private static String newId() {
        StringBuilder sb = new StringBuilder("c-");
        for (int i = 0; i < 12; i++) {
            sb.append(ID_ALPHABET[RANDOM.nextInt(ID_ALPHABET.length)]);
        }
        return sb.toString();
    }

    /**
     * Reads a cluster.
     *
     * @param id the cluster id
     * @return the cluster, if stored
     */
    public Optional<Cluster> find(String id) {
        return store.get(id);
    }

    /**
     * Reads a cluster that must exist.
     *
     * @param id the cluster id
     * @return the cluster
     * @throws NotFoundException if there is none
     */
    public Cluster get(String id) {
        return store.get(id).orElseThrow(() -> new NotFoundException("cluster '" + id + "' not found"));
    }

    /**
     * Lists clusters.
     *
     * @param query the filter and page
     * @return the clusters, in id order
     */
    public List<Cluster> list(ClusterQuery query) {
        return store.list(query);
    }

    /**
     * Replaces a cluster's spec if nobody else changed the spec since the caller read generation
     * {@code expectedGeneration}. Status writes by the engine do not count as changes here.
     *
     * @param id the cluster id
     * @param expectedGeneration the spec generation the new spec is based on
     * @param spec the new spec
     * @return the stored cluster, with the next generation
     * @throws ConflictException if the spec changed since that generation, or deletion was requested
     * @throws dev.palette.sdk.api.error.ValidationException with every violation (including a Kubernetes
     *     version that goes down or skips a minor version); nothing is stored
     */
    public Cluster updateSpec(String id, long expectedGeneration, ClusterSpec spec) {
        checkOpen.run();
        validator.requireValidChange(get(id).spec(), spec);
        for (int attempt = 0; attempt < MAX_UPDATE_ATTEMPTS; attempt++) {
            Cluster current = get(id);
            if (current.metadata().generation() != expectedGeneration) {
                throw new ConflictException("cluster '" + id + "' spec is at generation " + current.metadata().generation()
                        + ", the update was based on generation " + expectedGeneration);
            }
            if (current.metadata().deletionRequestedAt().isPresent()) {
                throw new ConflictException("cluster '" + id + "' is being deleted");
            }
            if (current.spec().equals(spec)) {
                return current;
            }
            try {
                Cluster updated = store.update(new Cluster(current.metadata().withGeneration(expectedGeneration + 1),
                        spec, current.status()));
                queue.add(id);
                return updated;
            } catch (ConflictException e) {
                // a status write slipped in between: read again and re-check the generation
            }
        }
        throw new ConflictException("cluster '" + id + "' kept changing; gave up after " + MAX_UPDATE_ATTEMPTS + " attempts");
    }

    /**
     * Previews what a new spec would do to a cluster, without changing anything: whether the spec is valid,
     * which machines would be created, replaced (and why) or deleted, in rollout order, and how much surge
     * capacity the rollout needs. Apply it with {@link #updateSpec(String, long, ClusterSpec)} passing
     * {@link ChangePlan#basedOnGeneration()}, so that the change applied is the change previewed.
     *
     * @param id the cluster id
     * @param newSpec the spec to preview
     * @return the preview
     * @throws NotFoundException if there is no such cluster
     */
    public ChangePlan plan(String id, ClusterSpec newSpec) {
        return planner.plan(get(id), newSpec, time.now());
    }

    /**
     * Changes a cluster's spec with a function of the current spec, retrying when another writer got
     * there first (the function is applied again to the newer spec).
     *
     * @param id the cluster id
     * @param change computes the new spec from the current one
     * @return the stored cluster
     * @throws dev.palette.sdk.api.error.ValidationException with every violation; nothing is stored
     */
    public Cluster update(String id, UnaryOperator<ClusterSpec> change) {
        for (int attempt = 0; attempt < MAX_UPDATE_ATTEMPTS; attempt++) {
            Cluster current = get(id);
            try {
                return updateSpec(id, current.metadata().generation(), change.apply(current.spec()));
            } catch (ConflictException e) {
                if (get(id).metadata().deletionRequestedAt().isPresent()) {
                    throw e;
                }
            }
        }
        throw new ConflictException("cluster '" + id + "' kept changing; gave up after " + MAX_UPDATE_ATTEMPTS + " attempts");
    }

    /**
     * Sets the machine count of a worker pool.
     *
     * @param id the cluster id
     * @param pool the worker pool name
     * @param count the new count
     * @return the stored cluster
     * @throws NotFoundException if the pool does not exist
     */
    public Cluster scaleWorkerPool(String id, String pool, int count) {
        return update(id, spec -> {
            MachinePoolSpec p = spec.workerPool(pool).orElseThrow(() ->
                    new NotFoundException("cluster '" + id + "' has no worker pool '" + pool + "'"));
            return spec.withWorkerPool(p.withCount(count));
        });
    }

    /**
     * Requests deletion. The engine deletes every cloud resource of the cluster, then the record.
     * Requesting it again does nothing.
     *
     * @param id the cluster id
     * @return the cluster marked for deletion
     */
    public Cluster delete(String id) {
        checkOpen.run();
        for (int attempt = 0; attempt < MAX_UPDATE_ATTEMPTS; attempt++) {
            Cluster current = get(id);
            if (current.metadata().deletionRequestedAt().isPresent()) {
                return current;
            }
            try {
                Cluster marked = store.update(current.withMetadata(current.metadata().withDeletionRequestedAt(time.now())));
                queue.add(id);
                return marked;
            } catch (ConflictException e) {
                // a status write slipped in between
            }
        }
        throw new ConflictException("cluster '" + id + "' kept changing; gave up after " + MAX_UPDATE_ATTEMPTS + " attempts");
    }

    /**
     * Records a heartbeat from the cluster's in-cluster agent: the cluster counts as alive even while the
     * engine cannot reach its API server (a private network, for example). A running cluster with no
     * heartbeat, from this call or from the engine's own probe, for longer than
     * {@link EngineSettings#heartbeatWindow()} turns {@code Healthy=False}. Heartbeats are kept by this
     * engine in memory: with several engines, send them to each.
     *
     * @param id the cluster id
     * @throws NotFoundException if there is no such cluster
     */
    public void recordHeartbeat(String id) {
        checkOpen.run();
        get(id);
        health.heartbeat(id, time.now());
    }

    /**
     * A running cluster's resource usage over its worker nodes: CPU, memory and disk now (used, requested by
     * pods, allocatable), each worker with its conditions, and the history of samples for charts (one per
     * engine look, every minute; as many as {@code UsagePolicy.historySamples}). Read on the engine's
     * periodic pass from {@code metrics.k8s.io}, the pod specs and the kubelet.
     *
     * @param id the cluster id
     * @return the usage; empty before the first reading or when the cluster reports no metrics
     * @throws NotFoundException if there is no such cluster
     */
    public Optional<ClusterUsage> usage(String id) {
        return usage(id, false);
    }

    /**
     * A running cluster's resource usage, over its workers or over all its nodes.
     *
     * @param id the cluster id
     * @param allNodes {@code true} to count the control-plane nodes too
     * @return the usage; empty before the first reading or when the cluster reports no metrics
     * @throws NotFoundException if there is no such cluster
     */
    public Optional<ClusterUsage> usage(String id, boolean allNodes) {
        checkOpen.run();
        get(id);
        return health.usage().of(id, allNodes);
    }

    /**
     * The application services a running cluster exposes: every Service of type {@code LoadBalancer} or
     * {@code NodePort} in any namespace, whoever deployed it, with its address and a ready-to-open URL. Read
     * from the cluster's API server on the engine's periodic health pass (every minute), so the list is at
     * most that old; empty until the cluster runs, or without a workload cluster access.
     *
     * @param id the cluster id
     * @return the services, sorted by namespace and name
     * @throws NotFoundException if there is no such cluster
     */
    public List<AppService> services(String id) {
        checkOpen.run();
        get(id);
        return services.of(id);
    }

    /**
     * Waits (in real time) until a cluster satisfies a condition.
     *
     * @param id the cluster id
     * @param condition what to wait for, e.g. {@code Cluster::isReady}
     * @param timeout how long to wait
     * @return the cluster as it satisfied the condition
     * @throws PaletteException (retryable) on timeout, naming the cluster's status summary
     * @throws NotFoundException if the cluster is deleted meanwhile
     */
    public Cluster await(String id, Predicate<Cluster> condition, Duration timeout) {
        CompletableFuture<Cluster> done = new CompletableFuture<>();
        AutoCloseable sub = store.subscribe(change -> {
            if (change.clusterId().equals(id)) {
                check(id, condition, done, change.type() == ClusterChange.Type.DELETED);
            }
        });
        try {
            check(id, condition, done, false);
            return done.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            String summary = store.get(id).map(c -> c.status().summary()).orElse("deleted");
            throw new PaletteException("timed out after " + timeout + " waiting for cluster '" + id + "': " + summary, true);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PaletteException("interrupted while waiting for cluster '" + id + "'", true, e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof PaletteException pe ? pe : new PaletteException(e.getCause().toString(), false, e);
        } finally {
            try {
                sub.close();
            } catch (Exception ignored) {
                // closing a subscription does not fail in practice; nothing to do if it does
            }
        }
    }

    private void check(String id, Predicate<Cluster> condition, CompletableFuture<Cluster> done, boolean deleted) {
        Optional<Cluster> c = store.get(id);
        if (c.isPresent() && condition.test(c.get())) {
            done.complete(c.get());
        } else if (c.isEmpty() || deleted) {
            done.completeExceptionally(new NotFoundException("cluster '" + id + "' not found"));
        }
    }

    /**
     * Waits (in real time) until a cluster's deletion has finished.
     *
     * @param id the cluster id
     * @param timeout how long to wait
     * @throws PaletteException (retryable) on timeout
     */
    public void awaitDeleted(String id, Duration timeout) {
        try {
            await(id, c -> false, timeout);
        } catch (NotFoundException gone) {
            // deleted: what we waited for
        }
    }
}
