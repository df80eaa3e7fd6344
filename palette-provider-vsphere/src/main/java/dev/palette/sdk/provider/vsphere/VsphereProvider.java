package dev.palette.sdk.provider.vsphere;

import dev.palette.sdk.api.error.ProviderException;
import dev.palette.sdk.api.error.Violation;
import dev.palette.sdk.api.model.CloudConfig;
import dev.palette.sdk.api.provider.CloudProvider;
import dev.palette.sdk.api.provider.Credentials;
import dev.palette.sdk.api.provider.ImageInfo;
import dev.palette.sdk.api.provider.ImageRequest;
import dev.palette.sdk.api.provider.LoadBalancerInfo;
import dev.palette.sdk.api.provider.LoadBalancerRequest;
import dev.palette.sdk.api.provider.MachineInfo;
import dev.palette.sdk.api.provider.MachineRequest;
import dev.palette.sdk.api.provider.NetworkInfo;
import dev.palette.sdk.api.provider.NetworkRequest;
import dev.palette.sdk.api.provider.ProviderContext;
import dev.palette.sdk.api.provider.ProviderMetadata;
import dev.palette.sdk.api.provider.QuotaCheck;
import dev.palette.sdk.api.provider.QuotaRequest;
import dev.palette.sdk.provider.vsphere.internal.Images;
import dev.palette.sdk.provider.vsphere.internal.Machines;
import dev.palette.sdk.provider.vsphere.internal.Quotas;
import dev.palette.sdk.provider.vsphere.internal.Scope;
import dev.palette.sdk.provider.vsphere.internal.Sessions;
import dev.palette.sdk.provider.vsphere.internal.Teardown;
import dev.palette.sdk.provider.vsphere.internal.Vcenter;
import dev.palette.sdk.provider.vsphere.internal.VimConnector;
import dev.palette.sdk.provider.vsphere.internal.VsphereErrors;
import dev.palette.sdk.provider.vsphere.internal.vim.Placement;
import dev.palette.sdk.provider.vsphere.internal.vim.PlacementRequest;
import dev.palette.sdk.provider.vsphere.internal.vim.VimClient;
import dev.palette.sdk.provider.vsphere.internal.vim.yavijava.YavijavaClient;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * The {@code vsphere} cloud provider: clusters of virtual machines in a vCenter, through the vim25 API.
 *
 * <p>Per cluster it makes a VM folder, {@code palette-<cluster id>}, in the configured parent folder, and clones
 * each machine into it from a template: the OS pack's OVA imported once per datacenter, or a template built from
 * it with the pack's roles. A machine is cloned onto the cluster's resource pool and datastore (and onto the host
 * of its zone, when the cluster's {@code faultDomains} name hosts), sized by its instance type
 * ({@code 4cpu-8gib}, or a name from {@code instanceTypes}), given its cloud-init data through the
 * {@code guestinfo} keys cloud-init's VMware datasource reads, marked with the engine's tags as custom
 * attributes, and powered on; it is running once VMware Tools report its address. Every step is found again
 * by folder, name and attributes, so a repeated call or a restarted engine finishes what an earlier one began
 * and never makes a second machine. vSphere has no load balancer of its own: the API server's endpoint is the
 * {@code controlPlaneEndpoint} virtual IP, which kube-vip from the cluster profile serves. The settings of a
 * cluster are read by {@link VsphereCloudConfig}; the credentials secret holds {@code username} and
 * {@code password}.
 *
 * <p>The vim25 calls block, so they run on threads of the provider's own; waits on vCenter tasks and on image
 * builders look again on a timer and hold no thread. A session that vCenter ended is logged in again.
 *
 * <pre>{@code
 * PaletteEngine engine = PaletteEngine.builder()
 *         .provider(VsphereProvider.builder().threads(8).build())
 *         .build();
 * }</pre>
 */
public final class VsphereProvider implements CloudProvider {
    /** The provider id and cloud type. */
    public static final String ID = "vsphere";

    private final ExecutorService calls;
    private final ScheduledExecutorService timer;
    private final Vcenter vc;
    private final Sessions sessions;
    private final Scope.Settings settings;
    /** Placements resolved, by settings: names do not move often, and a stale one fails its call, which drops it. */
    private final Map<VsphereCloudConfig, Placement> placements = new ConcurrentHashMap<>();
    /** Machines being made by this provider now (see {@link Scope#creating()}). */
    private final Set<String> creating = ConcurrentHashMap.newKeySet();

    /** A provider with the defaults, as {@code ServiceLoader} makes it. */
    public VsphereProvider() {
        this(builder());
    }

    private VsphereProvider(Builder b) {
        AtomicInteger n = new AtomicInteger();
        this.calls = Executors.newFixedThreadPool(b.threads, r -> {
            Thread t = new Thread(r, "palette-vsphere-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "palette-vsphere-timer");
            t.setDaemon(true);
            return t;
        });
        this.vc = new Vcenter(calls, timer, b.taskPoll);
        VimConnector connector = YavijavaClient::new; // the one place the SOAP library is chosen
        this.sessions = new Sessions(connector, b.callTimeout, b.credentials);
        this.settings = new Scope.Settings(b.waitInterval, b.maxWait);
    }

    /**
     * A builder with the defaults: 8 threads for vCenter calls, 60 s per call, tasks looked at every 500 ms,
     * image builders every 15 s for up to 60 minutes.
     *
     * @return the builder
     */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public ProviderMetadata metadata() {
        Map<String, String> keys = new LinkedHashMap<>();
        keys.put(Sessions.USERNAME, "the vCenter user, e.g. administrator@vsphere.local");
        keys.put(Sessions.PASSWORD, "the user's password");
        return new ProviderMetadata(ID, ID, "VMware vSphere (vCenter)", VsphereCloudConfig.properties(), keys);
    }

    @Override
    public List<Violation> validate(CloudConfig cloud) {
        return VsphereCloudConfig.check(cloud);
    }

    /** Runs one operation with the cluster's settings, session and placement; bad settings fail the stage. */
    private <T> CompletableFuture<T> with(ProviderContext ctx, String what, Function<Scope, CompletableFuture<T>> op) {
        VsphereCloudConfig cfg;
        try {
            cfg = VsphereCloudConfig.from(ctx.cloud());
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        return vc.run(() -> {
            VimClient vim = sessions.client(cfg, ctx.credentials());
            Placement placement = placements.computeIfAbsent(cfg, c -> vim.resolve(request(c)));
            return new Scope(vim, vc, ctx, cfg, placement, settings, creating);
        }).exceptionally(e -> {
            throw VsphereErrors.map(what, e);
        }).thenCompose(op).whenComplete((r, e) -> {
            if (e != null && VsphereErrors.is(e, "ManagedObjectNotFound")) {
                placements.remove(cfg); // something of the placement was removed or renamed: resolve it anew
            }
        });
    }

    private static PlacementRequest request(VsphereCloudConfig c) {
        Set<String> networks = new LinkedHashSet<>(List.of(c.network(), c.workerNetwork()));
        return new PlacementRequest(c.datacenter(), c.computeCluster(), c.host(), c.resourcePool(), c.datastore(),
                List.copyOf(networks), c.folder(), List.copyOf(new LinkedHashSet<>(c.faultDomains().values())));
    }

    /**
     * Finds the cluster's placement and makes its VM folder. vSphere port groups carry no rules of their own,
     * so the request's security rules are the network team's to enforce (NSX or the physical firewall); its
     * zones must be names of {@code faultDomains}.
     *
     * @param context the cluster
     * @param request the zones and rules
     * @return the folder's id and the placement's objects
     */
    @Override
    public CompletionStage<NetworkInfo> ensureNetwork(ProviderContext context, NetworkRequest request) {
        return with(context, "preparing the cluster's folder", s -> {
            for (String zone : request.zones()) {
                if (!s.cfg().faultDomains().containsKey(zone)) {
                    return CompletableFuture.failedFuture(ProviderException.permanent("zone '" + zone
                            + "' is not in properties.faultDomains; on vSphere a zone names a host there"));
                }
            }
            return vc.run(() -> {
                String folder = s.vim().findFolder(s.placement().folder(), s.folderName())
                        .orElseGet(() -> s.vim().createFolder(s.placement().folder(), s.folderName()));
                Map<String, String> resources = new LinkedHashMap<>();
                resources.put("folder", folder);
                resources.put("resourcePool", s.placement().resourcePool());
                resources.put("datastore", s.placement().datastore());
                s.placement().networks().forEach((name, id) -> resources.put("network:" + name, id));
                return new NetworkInfo(folder, resources);
            }).exceptionally(e -> {
                throw VsphereErrors.map("making folder " + s.folderName(), e);
            });
        });
    }

    @Override
    public CompletionStage<ImageInfo> ensureImage(ProviderContext context, ImageRequest request) {
        return with(context, "making image " + request.signature(), s -> new Images(s).ensure(request));
    }

    /**
     * The API server's endpoint: the configured {@code controlPlaneEndpoint}, a virtual IP that kube-vip (a
     * static pod from the cluster profile) moves between the control-plane machines; nothing is made in vCenter.
     *
     * @param context the cluster
     * @param request the port and targets
     * @return the endpoint
     */
    @Override
    public CompletionStage<LoadBalancerInfo> ensureLoadBalancer(ProviderContext context, LoadBalancerRequest request) {
        try {
            VsphereCloudConfig cfg = VsphereCloudConfig.from(context.cloud());
            return CompletableFuture.completedFuture(new LoadBalancerInfo("kube-vip:" + cfg.controlPlaneEndpoint(),
                    cfg.controlPlaneEndpoint(), request.port(), request.targets()));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    @Override
    public CompletionStage<MachineInfo> createMachine(ProviderContext context, MachineRequest request) {
        return with(context, "creating machine " + request.machineName(), s -> new Machines(s).create(request));
    }

    @Override
    public CompletionStage<Optional<MachineInfo>> describeMachine(ProviderContext context, String machineName) {
        return with(context, "describing machine " + machineName, s -> new Machines(s).describe(machineName));
    }

    @Override
    public CompletionStage<List<MachineInfo>> listMachines(ProviderContext context) {
        return with(context, "listing machines", s -> new Machines(s).list());
    }

    @Override
    public CompletionStage<Void> deleteMachine(ProviderContext context, String machineName) {
        return with(context, "deleting machine " + machineName, s -> new Machines(s).delete(machineName));
    }

    /**
     * Destroys whatever machines are left in the cluster's folder, its DRS rules, and the folder. Templates stay:
     * other clusters of the datacenter clone from them.
     *
     * @param context the cluster
     * @return completes when the folder is gone
     */
    @Override
    public CompletionStage<Void> deleteInfrastructure(ProviderContext context) {
        return with(context, "deleting the cluster's folder", s -> new Teardown(s).run());
    }

    /**
     * Checks the memory the compute resource has left and the datastore's free space against the machines about
     * to be made (vCPUs are shared by the hypervisor and not counted).
     *
     * @param context the cluster
     * @param request the machines
     * @return the answer
     */
    @Override
    public CompletionStage<QuotaCheck> checkQuota(ProviderContext context, QuotaRequest request) {
        return with(context, "checking capacity", s -> new Quotas(s).check(request));
    }

    /** Logs out of every vCenter and stops the provider's threads. */
    @Override
    public void close() {
        try {
            sessions.close();
        } finally {
            timer.shutdownNow();
            calls.shutdownNow();
            try {
                calls.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Builds a {@link VsphereProvider}. */
    public static final class Builder {
        private int threads = 8;
        private Duration callTimeout = Duration.ofSeconds(60);
        private Duration taskPoll = Duration.ofMillis(500);
        private Duration waitInterval = Duration.ofSeconds(15);
        private Duration maxWait = Duration.ofMinutes(60);
        private Credentials credentials = Credentials.NONE;

        private Builder() {
        }

        /**
         * How many vCenter calls run at once (default 8): each takes a thread while it waits for vCenter's answer.
         *
         * @param v threads, &gt;= 1
         * @return this builder
         */
        public Builder threads(int v) {
            if (v < 1) {
                throw new IllegalArgumentException("threads must be >= 1");
            }
            this.threads = v;
            return this;
        }

        /**
         * The connect and read timeout of each vCenter call (default 60 s).
         *
         * @param v the timeout
         * @return this builder
         */
        public Builder callTimeout(Duration v) {
            this.callTimeout = Objects.requireNonNull(v);
            return this;
        }

        /**
         * How often a running vCenter task (a clone, a power-on) is looked at (default 500 ms).
         *
         * @param v the interval
         * @return this builder
         */
        public Builder taskPoll(Duration v) {
            this.taskPoll = Objects.requireNonNull(v);
            return this;
        }

        /**
         * How often an image builder is looked at until it powers itself off, and for how long at most.
         * Default: every 15 s for up to 60 minutes.
         *
         * @param interval the interval
         * @param max the longest wait
         * @return this builder
         */
        public Builder waits(Duration interval, Duration max) {
            this.waitInterval = Objects.requireNonNull(interval);
            this.maxWait = Objects.requireNonNull(max);
            return this;
        }

        /**
         * The vCenter login of clusters whose cloud config names no credentials secret (default: none, so such
         * clusters fail with an access error). For a host that manages one vCenter with one service account.
         *
         * @param username the user
         * @param password the password
         * @return this builder
         */
        public Builder credentials(String username, String password) {
            this.credentials = new Credentials(Map.of(Sessions.USERNAME, Objects.requireNonNull(username),
                    Sessions.PASSWORD, Objects.requireNonNull(password)));
            return this;
        }

        /**
         * Builds the provider.
         *
         * @return the provider
         */
        public VsphereProvider build() {
            return new VsphereProvider(this);
        }
    }
}
