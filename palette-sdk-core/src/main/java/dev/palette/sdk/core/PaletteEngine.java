package dev.palette.sdk.core;

import dev.palette.sdk.api.error.ConflictException;
import dev.palette.sdk.api.error.PaletteException;
import dev.palette.sdk.api.model.Cluster;
import dev.palette.sdk.api.provider.CloudProvider;
import dev.palette.sdk.api.provider.SecurityRule;
import dev.palette.sdk.api.reconcile.ReconcileResult;
import dev.palette.sdk.api.store.ClusterChange;
import dev.palette.sdk.api.store.ClusterQuery;
import dev.palette.sdk.api.store.ClusterLeases;
import dev.palette.sdk.api.store.ClusterStore;
import dev.palette.sdk.api.store.SecretStore;
import dev.palette.sdk.api.workload.WorkloadClusterAccess;
import dev.palette.sdk.core.internal.engine.ExecutorHoppingProvider;
import dev.palette.sdk.core.internal.engine.KubeadmBootstrap;
import dev.palette.sdk.core.internal.engine.Observers;
import dev.palette.sdk.core.internal.events.EventLog;
import dev.palette.sdk.core.internal.queue.Backoff;
import dev.palette.sdk.core.internal.queue.WorkQueue;
import dev.palette.sdk.core.internal.reconcile.AddonCharts;
import dev.palette.sdk.core.internal.reconcile.BootstrapData;
import dev.palette.sdk.core.internal.reconcile.ChangePlanner;
import dev.palette.sdk.core.internal.reconcile.ClusterHealth;
import dev.palette.sdk.core.internal.reconcile.ClusterReconciler;
import dev.palette.sdk.core.internal.reconcile.ComplianceScanner;
import dev.palette.sdk.core.internal.reconcile.KubernetesSteps;
import dev.palette.sdk.core.internal.reconcile.MachineTemplates;
import dev.palette.sdk.core.internal.reconcile.StatusWriter;
import dev.palette.sdk.core.internal.reconcile.UsageTracker;
import dev.palette.sdk.core.internal.validation.ClusterValidator;
import dev.palette.sdk.core.store.InMemoryClusterStore;
import dev.palette.sdk.core.store.InMemorySecretStore;
import dev.palette.sdk.core.time.TimeSource;
import dev.palette.sdk.core.usage.UsagePolicy;
import java.time.Clock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The Palette SDK engine: keeps every stored cluster at its desired state.
 *
 * <pre>{@code
 * try (PaletteEngine engine = PaletteEngine.builder().build()) {   // in-memory stores, providers found on the class path
 *     engine.start();
 *     Cluster c = engine.clusters().create("demo", spec);
 *     engine.clusters().await(c.id(), Cluster::isReady, Duration.ofMinutes(20));
 * }
 * }</pre>
 *
 * <p>How it works: a level-triggered reconcile loop. Every change of a cluster (and a periodic resync)
 * puts its id on a work queue that de-duplicates ids, never hands one id to two passes at once, and backs
 * off per id after failures. A pass reads the cluster, observes the cloud, takes the next step and writes
 * the status with compare-and-set. Passes wait on the cloud without holding a thread.
 */
public final class PaletteEngine implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PaletteEngine.class);

    private final ClusterStore store;
    private final SecretStore secrets;
    private final ProviderRegistry providers;
    private final WorkloadClusterAccess workload;
    private final TimeSource time;
    private final EngineSettings settings;
    private final Executor executor;
    private final ExecutorService ownedExecutor;
    private final WorkQueue<String> queue;
    private final EventLog events;
    private final StatusWriter writer;
    private final ClusterReconciler reconciler;
    private final Clusters clusters;
    private final Events eventsFacade;
    private final Scans scans;
    private final LogBundles logBundles;
    private final Semaphore permits;
    private final AtomicLong passes = new AtomicLong();
    /** Work running or about to run on the executor; passes waiting on the cloud do not count. */
    private final AtomicInteger busy = new AtomicInteger();
    private final AtomicInteger state = new AtomicInteger(NEW);
    private volatile Thread dispatcher;
    private volatile AutoCloseable subscription;
    private volatile TimeSource.Cancellable resync;
    private volatile TimeSource.Cancellable leaseRenewal;
    private final ClusterLeases leases;
    private final Duration leaseTtl;
    private final String engineId;
    private final Observers observers;
    private final Map<String, ProjectSettings> projectSettings = Session.newSettingsTable();

    private static final int NEW = 0;
    private static final int RUNNING = 1;
    private static final int CLOSED = 2;

    private PaletteEngine(Builder b) {
        this.store = b.store != null ? b.store : new InMemoryClusterStore();
        this.secrets = b.secrets != null ? b.secrets : new InMemorySecretStore();
        this.time = b.time != null ? b.time : TimeSource.system();
        this.settings = b.settings;
        this.providers = ProviderRegistry.of(b.providers, b.discoverProviders, b.classLoader);
        this.workload = b.workload;
        this.leases = b.leases;
        this.leaseTtl = b.leaseTtl;
        this.engineId = b.engineId != null ? b.engineId : defaultEngineId();
        this.observers = new Observers(b.observers);
        if (b.executor != null) {
            this.executor = b.executor;
            this.ownedExecutor = null;
        } else {
            AtomicInteger n = new AtomicInteger();
            this.ownedExecutor = Executors.newFixedThreadPool(settings.workers(), r -> {
                Thread t = new Thread(r, "palette-worker-" + n.incrementAndGet());
                t.setDaemon(true);
                return t;
            });
            this.executor = ownedExecutor;
        }
        List<CloudProvider> hopping = new ArrayList<>();
        Executor counted = this::executeCounted;
        for (CloudProvider p : providers.all()) {
            hopping.add(new ExecutorHoppingProvider(p, counted, observers));
        }
        this.queue = new WorkQueue<>(time, new Backoff(settings.backoffBase(), settings.backoffMax(), 0.1));
        if (!observers.isEmpty()) {
            queue.onWait(observers::queueWaited);
        }
        this.events = new EventLog(settings.eventsPerCluster(), time);
        this.writer = new StatusWriter(store);
        BootstrapData bootstrap = b.bootstrap != null ? b.bootstrap : new KubeadmBootstrap(secrets, time);
        MachineTemplates templates = new MachineTemplates(new KubernetesSteps(newestPatchIn(b.packRegistry)));
        ClusterHealth health = new ClusterHealth(settings.heartbeatWindow(), new UsageTracker(b.usagePolicy));
        this.reconciler = new ClusterReconciler(store, secrets, ProviderRegistry.of(hopping, false, b.classLoader), workload,
                events, time, writer, bootstrap, b.securityRules, settings.pollInterval(), templates, health,
                new AddonCharts(b.packRegistry, b.chartRenderer));
        ClusterValidator validator = new ClusterValidator(providers);
        this.clusters = new Clusters(store, validator, new ChangePlanner(validator, providers, templates), queue, time,
                this::checkOpen, health, reconciler.appServices());
        this.eventsFacade = new Events(events);
        this.logBundles = new LogBundles(store, workload, b.bundleDirectory, time, events, executor, this::checkOpen);
        this.scans = new Scans(store, new ComplianceScanner(store, workload, writer, events, time, b.kubeBenchImage,
                b.scanTimeout), this::checkOpen);
        this.permits = new Semaphore(settings.maxConcurrentReconciles());
    }

    /**
     * A new builder.
     *
     * @return the builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Starts reconciling: subscribes to the store, queues every stored cluster, and schedules the resync.
     * Calling it twice does nothing.
     *
     * @throws IllegalStateException if the engine was closed
     */
    public void start() {
        if (!state.compareAndSet(NEW, RUNNING)) {
            if (state.get() == CLOSED) {
                throw new IllegalStateException("the engine is closed");
            }
            return;
        }
        subscription = store.subscribe(this::onChange);
        Thread t = new Thread(this::dispatch, "palette-dispatcher");
        t.setDaemon(true);
        dispatcher = t;
        t.start();
        resyncAll();
        if (leases != null) {
            renewLeases();
        }
        LOG.info("Palette engine {} started: providers {}, {} worker(s){}", engineId, providers.ids(), settings.workers(),
                leases == null ? "" : ", leases of " + leaseTtl.toSeconds() + " s");
    }

    private void onChange(ClusterChange change) {
        if (change.type() == ClusterChange.Type.DELETED) {
            if (leases != null) {
                try {
                    leases.release(change.clusterId(), engineId);
                } catch (RuntimeException e) {
                    LOG.debug("releasing the lease of deleted cluster {} failed: {}", change.clusterId(), e.toString());
                }
            }
            return;
        }
        if (change.type() == ClusterChange.Type.UPDATED && writer.isOwnWrite(change.clusterId(), change.resourceVersion())) {
            return; // our own status write: the pass that wrote it already decided what comes next
        }
        queue.add(change.clusterId());
    }

    private void resyncAll() {
        if (state.get() != RUNNING) {
            return;
        }
        String after = null;
        while (true) {
            List<Cluster> page = store.list(ClusterQuery.all().page(after, 1000));
            page.forEach(c -> queue.add(c.id()));
            if (page.size() < 1000) {
                break;
            }
            after = page.get(page.size() - 1).id();
        }
        resync = time.schedule(settings.resyncPeriod(), this::resyncAll);
    }

    /** Runs a task on the executor, counting it as busy from submission to completion. */
    private void executeCounted(Runnable task) {
        busy.incrementAndGet();
        try {
            executor.execute(() -> {
                try {
                    task.run();
                } finally {
                    busy.decrementAndGet();
                }
            });
        } catch (RuntimeException rejected) {
            busy.decrementAndGet();
            throw rejected;
        }
    }

    private void dispatch() {
        try {
            while (state.get() == RUNNING) {
                permits.acquire();
                String key = queue.take(busy::incrementAndGet);
                if (key == null) {
                    permits.release();
                    return;
                }
                try {
                    executor.execute(() -> {
                        try {
                            runPass(key);
                        } finally {
                            busy.decrementAndGet();
                        }
                    });
                } catch (RuntimeException rejected) {
                    busy.decrementAndGet();
                    permits.release();
                    queue.done(key);
                    if (state.get() == RUNNING) {
                        LOG.warn("executor rejected a reconcile pass: {}", rejected.toString());
                        queue.addRateLimited(key);
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void runPass(String key) {
        if (leases != null) {
            boolean held;
            try {
                held = leases.tryAcquire(key, engineId, time.now(), leaseTtl);
            } catch (RuntimeException e) {
                finish(key, null, e);
                return;
            }
            if (!held) {
                // Another engine reconciles it; look again once its lease could have expired.
                finish(key, ReconcileResult.requeueAfter(leaseTtl), null);
                return;
            }
        }
        observers.passStarted(key);
        CompletionStage<ReconcileResult> stage;
        MDC.put("clusterId", key);
        try {
            stage = reconciler.reconcile(key);
        } catch (RuntimeException e) {
            stage = CompletableFuture.failedFuture(e);
        } finally {
            MDC.remove("clusterId");
            MDC.remove("tenant");
            MDC.remove("project");
        }
        stage.whenComplete((result, err) -> {
            observers.passFinished(key, result, err);
            finish(key, result, err);
        });
    }

    /** Keeps this engine's leases from expiring while it runs. */
    private void renewLeases() {
        if (state.get() != RUNNING) {
            return;
        }
        try {
            leases.renewAll(engineId, time.now(), leaseTtl);
        } catch (RuntimeException e) {
            LOG.warn("renewing the leases of engine {} failed: {}", engineId, e.toString());
        }
        leaseRenewal = time.schedule(leaseTtl.dividedBy(3), this::renewLeases);
    }

    private void finish(String key, ReconcileResult result, Throwable err) {
        passes.incrementAndGet();
        try {
            if (state.get() == RUNNING) {
                scheduleNext(key, result, err);
            }
        } finally {
            // Done only after the next pass is scheduled, so the engine never looks idle in between.
            queue.done(key);
            permits.release();
        }
    }

    private void scheduleNext(String key, ReconcileResult result, Throwable err) {
        if (err != null) {
            Throwable cause = err instanceof CompletionException && err.getCause() != null ? err.getCause() : err;
            if (cause instanceof ConflictException) {
                queue.add(key); // the cluster changed under the pass: look again now, no backoff
            } else {
                LOG.warn("reconcile of cluster {} failed: {}", key, cause.toString());
                queue.addRateLimited(key);
                observers.retried(key);
            }
            return;
        }
        if (result instanceof ReconcileResult.Done) {
            queue.forget(key);
        } else if (result instanceof ReconcileResult.RequeueAfter r) {
            queue.forget(key);
            queue.addAfter(key, r.delay());
        } else if (result instanceof ReconcileResult.Failed f) {
            PaletteException e = f.error();
            LOG.debug("cluster {}: step failed ({}), retrying with backoff", key, e.getMessage());
            queue.addRateLimited(key);
            observers.retried(key);
        }
    }

    private void checkOpen() {
        if (state.get() == CLOSED) {
            throw new IllegalStateException("the engine is closed");
        }
    }

    /**
     * Cluster operations: create, read, change, delete, wait.
     *
     * @return the clusters facade
     */
    public Clusters clusters() {
        return clusters;
    }

    /**
     * Cluster event streams.
     *
     * @return the events facade
     */
    public Events events() {
        return eventsFacade;
    }

    /**
     * Log bundles of the clusters, for support.
     *
     * @return the bundles
     */
    public LogBundles logBundles() {
        return logBundles;
    }

    /**
     * CIS benchmark scans of the clusters (kube-bench).
     *
     * @return the scans
     */
    public Scans scans() {
        return scans;
    }

    /**
     * The engine as a principal sees it: clusters, events, usage, services, scans, log bundles and project
     * settings of the principal's tenant, every call checked against its roles. Project settings live in this engine's memory; a host that
     * needs them to survive restarts sets them again at start-up from its own records.
     *
     * @param principal who calls
     * @return the session
     */
    public Session session(dev.palette.sdk.api.auth.Principal principal) {
        return new Session(Objects.requireNonNull(principal), clusters, eventsFacade, projectSettings, scans, logBundles);
    }

    /**
     * The cloud providers this engine uses.
     *
     * @return the registry
     */
    public ProviderRegistry providers() {
        return providers;
    }

    /**
     * A snapshot of the engine's work: queue depth, passes in flight and done.
     *
     * @return the snapshot
     */
    public EngineStats stats() {
        return new EngineStats(state.get() == RUNNING, queue.depth(), queue.inFlight(), queue.waiting(), passes.get(), queue.adds());
    }

    /**
     * Whether the engine has nothing to do right now: no cluster is ready for a pass and no pass is
     * running on a thread. Passes waiting on the cloud, and clusters waiting for a backoff or poll delay,
     * may remain. Tests on a virtual clock advance the clock when the engine is idle.
     *
     * @return {@code true} when idle
     */
    public boolean isIdle() {
        return queue.depth() == 0 && busy.get() == 0;
    }

    /**
     * Stops reconciling. Passes in flight are abandoned where they are (the next engine resumes them from
     * the store and the cloud); the engine's own threads end. Providers found by discovery and the
     * workload cluster access are closed; providers the host handed over are the host's to close.
     */
    @Override
    public void close() {
        int prev = state.getAndSet(CLOSED);
        if (prev == CLOSED) {
            return;
        }
        queue.shutdown();
        TimeSource.Cancellable r = resync;
        if (r != null) {
            r.cancel();
        }
        TimeSource.Cancellable lr = leaseRenewal;
        if (lr != null) {
            lr.cancel();
        }
        AutoCloseable sub = subscription;
        if (sub != null) {
            try {
                sub.close();
            } catch (Exception e) {
                LOG.debug("closing the store subscription failed: {}", e.toString());
            }
        }
        Thread d = dispatcher;
        if (d != null) {
            d.interrupt();
        }
        if (ownedExecutor != null) {
            ownedExecutor.shutdownNow();
            try {
                ownedExecutor.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (d != null) {
            try {
                d.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (workload != null) {
            workload.close();
        }
        if (leases != null) {
            try {
                leases.releaseAll(engineId); // others take over now rather than after expiry
            } catch (RuntimeException e) {
                LOG.warn("releasing the leases of engine {} failed; they expire in {}: {}", engineId, leaseTtl, e.toString());
            }
        }
        try {
            providers.closeDiscovered();
        } catch (RuntimeException e) {
            LOG.warn("closing a discovered cloud provider failed: {}", e.toString());
        }
        LOG.info("Palette engine closed after {} reconcile passes", passes.get());
    }

    /** The newest patch of a minor that a registry has of a Kubernetes pack; nothing without a registry. */
    private static java.util.function.BiFunction<String, String, java.util.Optional<String>> newestPatchIn(
            dev.palette.sdk.api.registry.PackRegistry registry) {
        if (registry == null) {
            return (name, minor) -> java.util.Optional.empty();
        }
        return (name, minor) -> registry.versions(name).stream().filter(v -> v.replaceFirst("^v", "").startsWith(minor + "."))
                .max(KubernetesSteps.VERSION_ORDER);
    }

    /**
     * This engine's id: the holder name of its cluster leases.
     *
     * @return the id
     */
    public String engineId() {
        return engineId;
    }

    private static String defaultEngineId() {
        String host;
        try {
            host = java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException | RuntimeException e) {
            host = "engine";
        }
        return host + "-" + ProcessHandle.current().pid() + "-" + Long.toHexString(java.util.concurrent.ThreadLocalRandom.current()
                .nextLong() & 0xffffffL);
    }

    /** Builds a {@link PaletteEngine}. Every setting has a default, so {@code builder().build()} works. */
    public static final class Builder {
        private ClusterStore store;
        private SecretStore secrets;
        private final List<CloudProvider> providers = new ArrayList<>();
        private boolean discoverProviders = true;
        private ClassLoader classLoader = PaletteEngine.class.getClassLoader();
        private WorkloadClusterAccess workload;
        private Executor executor;
        private TimeSource time;
        private EngineSettings settings = EngineSettings.DEFAULTS;
        private BootstrapData bootstrap;
        private List<SecurityRule> securityRules = dev.palette.sdk.core.network.NetworkRules.defaults();
        private dev.palette.sdk.api.registry.PackRegistry packRegistry;
        private ClusterLeases leases;
        private Duration leaseTtl = Duration.ofSeconds(30);
        private String engineId;
        private final List<EngineObserver> observers = new ArrayList<>();
        private String kubeBenchImage = ComplianceScanner.DEFAULT_IMAGE;
        private Duration scanTimeout = Duration.ofMinutes(10);
        private UsagePolicy usagePolicy = UsagePolicy.DEFAULTS;
        private dev.palette.sdk.api.registry.ChartRenderer chartRenderer;
        private Path bundleDirectory = Path.of(System.getProperty("java.io.tmpdir"), "palette-bundles");

        private Builder() {
        }

        /**
         * Shares the store's clusters with other engines (default: this engine owns every cluster). The
         * engine reconciles a cluster only while it holds its lease, renews its leases every third of the
         * time to live, and gives them up when it closes; a crashed engine's leases expire after
         * {@code ttl} and the other engines take its clusters over.
         *
         * @param v the leases, e.g. the JDBC store's
         * @param ttl how long a lease lasts unless renewed (default 30 s)
         * @return this builder
         */
        public Builder leases(ClusterLeases v, Duration ttl) {
            this.leases = Objects.requireNonNull(v);
            if (ttl.isNegative() || ttl.isZero()) {
                throw new IllegalArgumentException("lease ttl must be positive: " + ttl);
            }
            this.leaseTtl = ttl;
            return this;
        }

        /**
         * This engine's id, the holder of its leases (default: host name, process id and a random suffix).
         *
         * @param v the id
         * @return this builder
         */
        public Builder engineId(String v) {
            this.engineId = Objects.requireNonNull(v);
            return this;
        }

        /**
         * Adds an observer of passes, provider calls and the work queue (metrics, traces, audit); any number.
         *
         * @param v the observer
         * @return this builder
         */
        public Builder observer(EngineObserver v) {
            this.observers.add(Objects.requireNonNull(v));
            return this;
        }

        /**
         * Renders the Helm charts of add-on packs into manifests ({@code palette-sdk-helm}'s
         * {@code HelmChartRenderer}); the chart archives come from {@link #packRegistry}. Without one, a pack
         * with charts is a failing add-on that says so.
         *
         * @param v the renderer
         * @return this builder
         */
        public Builder chartRenderer(dev.palette.sdk.api.registry.ChartRenderer v) {
            this.chartRenderer = Objects.requireNonNull(v);
            return this;
        }

        /**
         * When sustained usage makes a cluster unhealthy, and how much usage history each cluster keeps
         * (default {@link UsagePolicy#DEFAULTS}: 90 % CPU, memory or disk on the workers for 10 minutes; 120
         * samples).
         *
         * @param v the policy
         * @return this builder
         */
        public Builder usagePolicy(UsagePolicy v) {
            this.usagePolicy = Objects.requireNonNull(v);
            return this;
        }

        /**
         * Where log bundles are written, each as {@code <dir>/<cluster id>/<bundle id>/<file name>} (default:
         * {@code palette-bundles} in the system's temporary directory).
         *
         * @param dir the directory
         * @return this builder
         */
        public Builder bundleDirectory(Path dir) {
            this.bundleDirectory = Objects.requireNonNull(dir);
            return this;
        }

        /**
         * How CIS scans run kube-bench: its image (a mirror of {@code aquasec/kube-bench}, for clusters that
         * cannot pull from Docker Hub) and how long each of its Jobs may take (default:
         * {@code docker.io/aquasec/kube-bench:v0.10.4}, 10 minutes).
         *
         * @param image the image
         * @param timeout the time limit of each Job
         * @return this builder
         */
        public Builder complianceScans(String image, Duration timeout) {
            this.kubeBenchImage = Objects.requireNonNull(image);
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("timeout must be positive, was " + timeout);
            }
            this.scanTimeout = timeout;
            return this;
        }

        /**
         * The pack registry that tells which Kubernetes releases exist (optional). A Kubernetes upgrade of
         * more than one minor version passes through each minor in between (kubeadm allows no skips); the
         * step's release is the newest patch of that minor in this registry, or the minor's {@code .0}
         * release without one. Add-on packs' Helm chart archives come from it too.
         *
         * @param v the registry
         * @return this builder
         */
        public Builder packRegistry(dev.palette.sdk.api.registry.PackRegistry v) {
            this.packRegistry = Objects.requireNonNull(v);
            return this;
        }

        /**
         * Where clusters are stored (default: in memory).
         *
         * @param v the store
         * @return this builder
         */
        public Builder store(ClusterStore v) {
            this.store = Objects.requireNonNull(v);
            return this;
        }

        /**
         * Where secrets are stored (default: in memory).
         *
         * @param v the secret store
         * @return this builder
         */
        public Builder secrets(SecretStore v) {
            this.secrets = Objects.requireNonNull(v);
            return this;
        }

        /**
         * Adds a provider; it wins over a discovered provider with the same id.
         *
         * @param v the provider
         * @return this builder
         */
        public Builder provider(CloudProvider v) {
            this.providers.add(Objects.requireNonNull(v));
            return this;
        }

        /**
         * Whether to add providers found on the class path with {@code ServiceLoader} (default true).
         *
         * @param v whether to discover
         * @return this builder
         */
        public Builder discoverProviders(boolean v) {
            this.discoverProviders = v;
            return this;
        }

        /**
         * The class loader providers are discovered with (default: the SDK's own).
         *
         * @param v the class loader
         * @return this builder
         */
        public Builder classLoader(ClassLoader v) {
            this.classLoader = Objects.requireNonNull(v);
            return this;
        }

        /**
         * How the engine reaches workload clusters (default: none, and a running cloud machine counts as a
         * Ready node).
         *
         * @param v the access
         * @return this builder
         */
        public Builder workloadAccess(WorkloadClusterAccess v) {
            this.workload = Objects.requireNonNull(v);
            return this;
        }

        /**
         * Where reconcile passes run (default: the engine's own pool of {@link EngineSettings#workers()}
         * daemon threads). Passes are short and never block on the cloud; a host on Java 21+ may pass a
         * virtual-thread executor.
         *
         * @param v the executor
         * @return this builder
         */
        public Builder executor(Executor v) {
            this.executor = Objects.requireNonNull(v);
            return this;
        }

        /**
         * The clock (default: the system clock). A clock that also implements {@link TimeSource}, like the
         * testkit's virtual clock, also schedules the engine's delays.
         *
         * @param v the clock
         * @return this builder
         */
        public Builder clock(Clock v) {
            this.time = TimeSource.of(Objects.requireNonNull(v));
            return this;
        }

        /**
         * The time source (clock and scheduler).
         *
         * @param v the time source
         * @return this builder
         */
        public Builder timeSource(TimeSource v) {
            this.time = Objects.requireNonNull(v);
            return this;
        }

        /**
         * Tunables (default {@link EngineSettings#DEFAULTS}).
         *
         * @param v the settings
         * @return this builder
         */
        public Builder settings(EngineSettings v) {
            this.settings = Objects.requireNonNull(v);
            return this;
        }

        /**
         * The network isolation rules handed to providers with every network request (default:
         * {@link dev.palette.sdk.core.network.NetworkRules#defaults()}).
         *
         * @param v the rules
         * @return this builder
         */
        public Builder securityRules(List<SecurityRule> v) {
            this.securityRules = List.copyOf(v);
            return this;
        }

        Builder bootstrap(BootstrapData v) {
            this.bootstrap = v;
            return this;
        }

        /**
         * Builds the engine (not started).
         *
         * @return the engine
         * @throws IllegalStateException if two providers share an id
         */
        public PaletteEngine build() {
            return new PaletteEngine(this);
        }
    }
}
