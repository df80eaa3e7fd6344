package dev.palette.sdk.provider.azure;

import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import com.azure.core.management.AzureEnvironment;
import com.azure.identity.DefaultAzureCredentialBuilder;
import dev.palette.sdk.api.error.Violation;
import dev.palette.sdk.api.model.CloudConfig;
import dev.palette.sdk.api.model.MachineRole;
import dev.palette.sdk.api.provider.CloudProvider;
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
import dev.palette.sdk.api.provider.SecurityRule;
import dev.palette.sdk.provider.azure.internal.AzureApi;
import dev.palette.sdk.provider.azure.internal.AzureClients;
import dev.palette.sdk.provider.azure.internal.AzureErrors;
import dev.palette.sdk.provider.azure.internal.Calls;
import dev.palette.sdk.provider.azure.internal.Images;
import dev.palette.sdk.provider.azure.internal.LoadBalancers;
import dev.palette.sdk.provider.azure.internal.Machines;
import dev.palette.sdk.provider.azure.internal.NetworkLayout;
import dev.palette.sdk.provider.azure.internal.Networks;
import dev.palette.sdk.provider.azure.internal.Quotas;
import dev.palette.sdk.provider.azure.internal.Scope;
import dev.palette.sdk.provider.azure.internal.Teardown;
import dev.palette.sdk.provider.azure.internal.Waits;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The {@code azure} cloud provider: clusters on Azure virtual machines with azure-resourcemanager
 * (asynchronous clients, so no engine thread waits on Azure) and azure-identity.
 *
 * <p>Per cluster it makes a resource group (or uses a given one), a virtual network with a control-plane and a
 * worker subnet (or uses a given one), a network security group per role holding the engine's rules, a
 * Standard load balancer for the API server on 6443 (with a public IP unless told otherwise), and a VM with
 * its NIC and managed OS disk for each machine. Everything is tagged with the cluster id
 * ({@code palette.dev_cluster-id}: Azure forbids {@code /} in tag names) and named after the cluster and
 * machine, so a repeated call or a restarted engine finds what an earlier one made; deletion removes the
 * provider's resource group, or, in a group of the user's, each resource carrying the cluster's id. The
 * settings of a cluster are read by {@link AzureCloudConfig}.
 *
 * <p>Found by {@code ServiceLoader} with the defaults (the public Azure cloud; azure-identity's
 * {@code DefaultAzureCredential} for clusters without a credentials secret, made on first use);
 * {@link #builder()} changes them:
 *
 * <pre>{@code
 * PaletteEngine engine = PaletteEngine.builder()
 *         .provider(AzureProvider.builder().credential(new ManagedIdentityCredentialBuilder().build()).build())
 *         .build();
 * }</pre>
 */
public final class AzureProvider implements CloudProvider {
    /** The provider id and cloud type. */
    public static final String ID = "azure";

    private final ScheduledExecutorService scheduler;
    private final AzureClients clients;
    private final Waits waits;
    /** Networks found or made, by cluster id: machines need subnet and security group ids on every create. */
    private final Map<String, NetworkLayout> networks = new ConcurrentHashMap<>();

    /** A provider with the defaults, as {@code ServiceLoader} makes it. */
    public AzureProvider() {
        this(builder());
    }

    private AzureProvider(Builder b) {
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "palette-azure-scheduler");
            t.setDaemon(true);
            return t;
        });
        HttpClient http = b.httpClient != null ? b.httpClient : new JdkHttpClientBuilder().build();
        TokenCredential given = b.credential;
        Supplier<TokenCredential> fallback = given != null ? () -> given : new Supplier<>() {
            private volatile TokenCredential made;

            @Override
            public TokenCredential get() {
                if (made == null) {
                    synchronized (this) {
                        if (made == null) {
                            made = new DefaultAzureCredentialBuilder().authorityHost(b.environment.getActiveDirectoryEndpoint())
                                    .httpClient(http).build();
                        }
                    }
                }
                return made;
            }
        };
        this.clients = new AzureClients(b.environment, http, fallback, Calls.limiter(b.requestsPerSecond),
                new Calls.Settings(b.maxAttempts, b.initialBackoff, b.longestInlineRetryAfter),
                scheduler, b.pollInterval);
        this.waits = new Waits(scheduler, b.waitInterval, b.maxWait);
    }

    /**
     * A builder with the defaults: the public Azure cloud, {@code DefaultAzureCredential}, the JDK HTTP client,
     * 20 requests per second, 4 attempts per call from 500 ms backoff, {@code Retry-After} waited out up to
     * 30 s, long-running operations polled every 10 s, builds awaited every 15 s for up to 60 minutes.
     *
     * @return the builder
     */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public ProviderMetadata metadata() {
        Map<String, String> keys = new LinkedHashMap<>();
        keys.put(AzureClients.TENANT_ID, "tenant (directory) id of the service principal");
        keys.put(AzureClients.CLIENT_ID, "application (client) id of the service principal");
        keys.put(AzureClients.CLIENT_SECRET, "secret of the service principal");
        keys.put(AzureClients.MANAGED_IDENTITY_CLIENT_ID, "client id of a user-assigned managed identity (instead of a service principal)");
        keys.put(AzureClients.USE_MANAGED_IDENTITY, "\"true\" for the host's system-assigned managed identity");
        return new ProviderMetadata(ID, ID, "Microsoft Azure (virtual machines)", AzureCloudConfig.properties(), keys);
    }

    @Override
    public List<Violation> validate(CloudConfig cloud) {
        return AzureCloudConfig.check(cloud);
    }

    /** Runs one operation with the cluster's settings and clients; bad settings fail the stage. */
    private <T> CompletableFuture<T> with(ProviderContext ctx, Function<Scope, CompletableFuture<T>> op) {
        try {
            AzureCloudConfig cfg = AzureCloudConfig.from(ctx.cloud());
            AzureApi api = clients.api(cfg.subscriptionId(), ctx.credentials());
            return op.apply(new Scope(api, ctx, cfg));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    @Override
    public CompletionStage<NetworkInfo> ensureNetwork(ProviderContext context, NetworkRequest request) {
        return with(context, c -> new Networks(c).ensure(request).thenApply(layout -> {
            networks.put(context.clusterId(), layout);
            return layout.info();
        }));
    }

    /**
     * The cluster's network, able to serve a role: remembered, found, or made (with no rules beyond the
     * closing deny: a machine asked for before its network gets one, so every call stands on its own).
     */
    private CompletableFuture<NetworkLayout> network(Scope c, String role) {
        NetworkLayout known = networks.get(c.clusterId());
        if (known != null && known.serves(role)) {
            return CompletableFuture.completedFuture(known);
        }
        return new Networks(c).find().thenCompose(found -> {
            if (found.isPresent() && found.get().serves(role)) {
                networks.put(c.clusterId(), found.get());
                return CompletableFuture.completedFuture(found.get());
            }
            return new Networks(c).ensure(new NetworkRequest(c.cfg().zones(), List.of())).thenApply(layout -> {
                networks.put(c.clusterId(), layout);
                return layout;
            });
        });
    }

    @Override
    public CompletionStage<ImageInfo> ensureImage(ProviderContext context, ImageRequest request) {
        return with(context, c -> new Images(c, new Machines(c), waits).ensure(request, () -> network(c, SecurityRule.WORKER)));
    }

    @Override
    public CompletionStage<LoadBalancerInfo> ensureLoadBalancer(ProviderContext context, LoadBalancerRequest request) {
        return with(context, c -> new LoadBalancers(c).ensure(request, () -> network(c, SecurityRule.CONTROL_PLANE)));
    }

    @Override
    public CompletionStage<MachineInfo> createMachine(ProviderContext context, MachineRequest request) {
        return with(context, c -> {
            String role = request.role() == MachineRole.CONTROL_PLANE ? SecurityRule.CONTROL_PLANE : SecurityRule.WORKER;
            return network(c, role).thenCompose(layout -> new Machines(c).create(request, layout)).whenComplete((m, e) -> {
                if (e != null && AzureErrors.isNotFound(e)) {
                    networks.remove(context.clusterId()); // the remembered network is gone: find or make it anew next time
                }
            });
        });
    }

    @Override
    public CompletionStage<Optional<MachineInfo>> describeMachine(ProviderContext context, String machineName) {
        return with(context, c -> new Machines(c).describe(machineName));
    }

    @Override
    public CompletionStage<List<MachineInfo>> listMachines(ProviderContext context) {
        return with(context, c -> new Machines(c).list());
    }

    @Override
    public CompletionStage<Void> deleteMachine(ProviderContext context, String machineName) {
        return with(context, c -> new Machines(c).delete(machineName));
    }

    @Override
    public CompletionStage<Void> deleteInfrastructure(ProviderContext context) {
        networks.remove(context.clusterId());
        return with(context, c -> new Teardown(c, new Machines(c)).run());
    }

    /**
     * Checks the subscription's Total Regional vCPUs quota in the cluster's location against the machines
     * about to be made; a VM family's own quota is reported when a VM is created, as a quota error with
     * Azure's message.
     *
     * @param context the cluster
     * @param request the capacity needed
     * @return the answer
     */
    @Override
    public CompletionStage<QuotaCheck> checkQuota(ProviderContext context, QuotaRequest request) {
        return with(context, c -> new Quotas(c).check(request));
    }

    /** Stops the provider's scheduler; the HTTP client is the JDK's and needs no closing. */
    @Override
    public void close() {
        scheduler.shutdownNow();
        try {
            scheduler.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Builds an {@link AzureProvider}. */
    public static final class Builder {
        private AzureEnvironment environment = AzureEnvironment.AZURE;
        private TokenCredential credential;
        private HttpClient httpClient;
        private double requestsPerSecond = 20;
        private int maxAttempts = 4;
        private Duration initialBackoff = Duration.ofMillis(500);
        private Duration longestInlineRetryAfter = Duration.ofSeconds(30);
        private Duration pollInterval = Duration.ofSeconds(10);
        private Duration waitInterval = Duration.ofSeconds(15);
        private Duration maxWait = Duration.ofMinutes(60);

        private Builder() {
        }

        /**
         * The Azure cloud: {@code AzureEnvironment.AZURE} (default), {@code AZURE_CHINA},
         * {@code AZURE_US_GOVERNMENT}, or one with other endpoints (Azure Stack, a test double).
         *
         * @param v the environment
         * @return this builder
         */
        public Builder environment(AzureEnvironment v) {
            this.environment = Objects.requireNonNull(v);
            return this;
        }

        /**
         * The credential of clusters whose cloud config names no credentials secret (default: azure-identity's
         * {@code DefaultAzureCredential}: environment, workload identity, managed identity, Azure CLI, …).
         *
         * @param v the credential
         * @return this builder
         */
        public Builder credential(TokenCredential v) {
            this.credential = Objects.requireNonNull(v);
            return this;
        }

        /**
         * The HTTP client of every call, token requests included (a proxy, a trust store). Default: azure-core's
         * client over the JDK's {@code java.net.http}, which brings no Netty into the host.
         *
         * @param v the client
         * @return this builder
         */
        public Builder httpClient(HttpClient v) {
            this.httpClient = Objects.requireNonNull(v);
            return this;
        }

        /**
         * The client-side rate limit over all calls of this provider (default 20 per second).
         *
         * @param v requests per second, &gt; 0
         * @return this builder
         */
        public Builder requestsPerSecond(double v) {
            if (!(v > 0)) {
                throw new IllegalArgumentException("requestsPerSecond must be > 0");
            }
            this.requestsPerSecond = v;
            return this;
        }

        /**
         * How often a throttled or transiently failing call is tried, and the first backoff (doubled each
         * time, with jitter; a {@code Retry-After} replaces it). Default: 4 attempts from 500 ms.
         *
         * @param attempts attempts per call, the first included, &gt;= 1
         * @param initial the first backoff
         * @return this builder
         */
        public Builder retry(int attempts, Duration initial) {
            if (attempts < 1) {
                throw new IllegalArgumentException("attempts must be >= 1");
            }
            this.maxAttempts = attempts;
            this.initialBackoff = Objects.requireNonNull(initial);
            return this;
        }

        /**
         * The longest {@code Retry-After} waited out within a call (default 30 s). A longer one fails the call
         * retryably at once, and every call of the same subscription and credentials fails without reaching
         * Azure until it has passed.
         *
         * @param v the longest wait
         * @return this builder
         */
        public Builder longestInlineRetryAfter(Duration v) {
            this.longestInlineRetryAfter = Objects.requireNonNull(v);
            return this;
        }

        /**
         * How often a long-running operation (a VM being made) is polled when Azure gives no {@code Retry-After}
         * (default 10 s).
         *
         * @param v the interval
         * @return this builder
         */
        public Builder pollInterval(Duration v) {
            this.pollInterval = Objects.requireNonNull(v);
            return this;
        }

        /**
         * How often waits without a long-running operation (an image builder powering off, a snapshot copy)
         * look at Azure, and for how long at most. Default: every 15 s for up to 60 minutes.
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
         * Builds the provider.
         *
         * @return the provider
         */
        public AzureProvider build() {
            return new AzureProvider(this);
        }
    }
}
