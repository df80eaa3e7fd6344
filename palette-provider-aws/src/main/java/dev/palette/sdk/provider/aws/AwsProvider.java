package dev.palette.sdk.provider.aws;

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
import dev.palette.sdk.provider.aws.internal.AwsApi;
import dev.palette.sdk.provider.aws.internal.AwsClients;
import dev.palette.sdk.provider.aws.internal.AwsErrors;
import dev.palette.sdk.provider.aws.internal.Calls;
import dev.palette.sdk.provider.aws.internal.Images;
import dev.palette.sdk.provider.aws.internal.LoadBalancers;
import dev.palette.sdk.provider.aws.internal.Machines;
import dev.palette.sdk.provider.aws.internal.NetworkLayout;
import dev.palette.sdk.provider.aws.internal.Scope;
import dev.palette.sdk.provider.aws.internal.Networks;
import dev.palette.sdk.provider.aws.internal.Teardown;
import java.net.URI;
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
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;

/**
 * The {@code aws} cloud provider: clusters on EC2 with the AWS SDK for Java v2 (asynchronous clients,
 * so no engine thread waits on AWS).
 *
 * <p>Per cluster it makes a VPC (or uses a given one) with a control-plane and a worker subnet per zone,
 * an internet gateway and route table, a security group per role with the engine's isolation rules, a
 * Network Load Balancer for the API server on 6443, and EC2 instances for the machines. Everything is
 * tagged with the cluster id ({@code palette.dev/cluster-id}) and found again by it, instances are
 * launched with a client token derived from the cluster and machine name, and deletion touches only
 * what carries the cluster's id. The settings of a cluster are read by {@link AwsCloudConfig}.
 *
 * <p>Found by {@code ServiceLoader} with the defaults (AWS's endpoints, the default credentials chain
 * for clusters without explicit credentials); {@link #builder()} changes them:
 *
 * <pre>{@code
 * PaletteEngine engine = PaletteEngine.builder()
 *         .provider(AwsProvider.builder().requestsPerSecond(10).build())
 *         .build();
 * }</pre>
 */
public final class AwsProvider implements CloudProvider {
    /** The provider id and cloud type. */
    public static final String ID = "aws";

    private final ScheduledExecutorService scheduler;
    private final AwsClients clients;
    private final ConcurrentHashMap<String, String> rootDevices = new ConcurrentHashMap<>();
    /** Networks found or made, by cluster id: machines need subnet and group ids on every launch. */
    private final Map<String, NetworkLayout> networks = new ConcurrentHashMap<>();

    /** A provider with the defaults, as {@code ServiceLoader} makes it. */
    public AwsProvider() {
        this(builder());
    }

    private AwsProvider(Builder b) {
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "palette-aws-scheduler");
            t.setDaemon(true);
            return t;
        });
        Calls calls = new Calls(b.requestsPerSecond, b.maxAttempts, b.initialBackoff, scheduler);
        AwsCredentialsProvider fallback = b.credentials != null ? b.credentials : DefaultCredentialsProvider.builder().build();
        this.clients = new AwsClients(Optional.ofNullable(b.endpoint), fallback, calls, scheduler, b.pollInterval, b.maxWait);
    }

    /**
     * A builder with the defaults: AWS's endpoints, the default credentials chain, 20 requests per second,
     * 4 attempts per call from 200 ms backoff, waiters polling every 15 s for up to 60 minutes.
     *
     * @return the builder
     */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public ProviderMetadata metadata() {
        Map<String, String> keys = new LinkedHashMap<>();
        keys.put(AwsClients.ACCESS_KEY_ID, "AWS access key id");
        keys.put(AwsClients.SECRET_ACCESS_KEY, "AWS secret access key");
        keys.put(AwsClients.SESSION_TOKEN, "session token of temporary credentials (optional)");
        return new ProviderMetadata(ID, ID, "Amazon Web Services (EC2)", AwsCloudConfig.properties(), keys);
    }

    @Override
    public List<Violation> validate(CloudConfig cloud) {
        return AwsCloudConfig.check(cloud);
    }

    /** Runs one operation with the cluster's settings and clients; bad settings fail the stage. */
    private <T> CompletableFuture<T> with(ProviderContext ctx, Function<Scope, CompletableFuture<T>> op) {
        try {
            AwsCloudConfig cfg = AwsCloudConfig.from(ctx.cloud());
            AwsApi api = clients.api(cfg.region(), ctx.credentials());
            return op.apply(new Scope(api, ctx, cfg));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private Machines machines(Scope c) {
        return new Machines(c, rootDevices);
    }

    @Override
    public CompletionStage<NetworkInfo> ensureNetwork(ProviderContext context, NetworkRequest request) {
        return with(context, c -> new Networks(c).ensure(request).thenApply(layout -> {
            networks.put(context.clusterId(), layout);
            return layout.info();
        }));
    }

    /**
     * The cluster's network, able to serve a role in a zone: remembered, found by tag, or made (with no
     * extra rules: a machine asked for before its network gets one, so every call stands on its own).
     */
    private CompletableFuture<NetworkLayout> network(Scope c, String role, String zone) {
        NetworkLayout known = networks.get(c.ctx().clusterId());
        if (known != null && known.serves(role, zone)) {
            return CompletableFuture.completedFuture(known);
        }
        return new Networks(c).find().thenCompose(found -> {
            if (found.isPresent() && found.get().serves(role, zone)) {
                networks.put(c.ctx().clusterId(), found.get());
                return CompletableFuture.completedFuture(found.get());
            }
            Set<String> zones = new LinkedHashSet<>(c.cfg().zones());
            zones.add(zone);
            return new Networks(c).ensure(new NetworkRequest(List.copyOf(zones), List.of())).thenApply(layout -> {
                networks.put(c.ctx().clusterId(), layout);
                return layout;
            });
        });
    }

    @Override
    public CompletionStage<ImageInfo> ensureImage(ProviderContext context, ImageRequest request) {
        return with(context, c -> new Images(c, machines(c))
                .ensure(request, () -> network(c, SecurityRule.WORKER, c.cfg().zones().get(0))));
    }

    @Override
    public CompletionStage<LoadBalancerInfo> ensureLoadBalancer(ProviderContext context, LoadBalancerRequest request) {
        return with(context, c -> new LoadBalancers(c)
                .ensure(request, () -> network(c, SecurityRule.CONTROL_PLANE, c.cfg().zones().get(0))));
    }

    @Override
    public CompletionStage<MachineInfo> createMachine(ProviderContext context, MachineRequest request) {
        return with(context, c -> {
            String role = request.role() == MachineRole.CONTROL_PLANE ? SecurityRule.CONTROL_PLANE : SecurityRule.WORKER;
            String zone = request.zone().isEmpty() ? c.cfg().zones().get(0) : request.zone();
            return network(c, role, zone).thenCompose(layout -> machines(c).create(request, layout)).whenComplete((m, e) -> {
                if (e != null && AwsErrors.isNotFound(e)) {
                    networks.remove(context.clusterId()); // the remembered network is gone: find or make it anew next time
                }
            });
        });
    }

    @Override
    public CompletionStage<Optional<MachineInfo>> describeMachine(ProviderContext context, String machineName) {
        return with(context, c -> machines(c).describe(machineName));
    }

    @Override
    public CompletionStage<List<MachineInfo>> listMachines(ProviderContext context) {
        return with(context, c -> machines(c).list());
    }

    @Override
    public CompletionStage<Void> deleteMachine(ProviderContext context, String machineName) {
        return with(context, c -> machines(c).delete(machineName));
    }

    @Override
    public CompletionStage<Void> deleteInfrastructure(ProviderContext context) {
        networks.remove(context.clusterId());
        return with(context, c -> new Teardown(c, machines(c)).run());
    }

    /**
     * EC2 reports instance quotas (vCPUs per instance family) when instances are launched, as
     * {@code VcpuLimitExceeded}, which {@link #createMachine} turns into a quota error with AWS's message;
     * asking ahead would need the Service Quotas API and its permission, so this answers that there is room.
     *
     * @param context the cluster
     * @param request the capacity needed
     * @return {@link QuotaCheck#OK}
     */
    @Override
    public CompletionStage<QuotaCheck> checkQuota(ProviderContext context, QuotaRequest request) {
        return CompletableFuture.completedFuture(QuotaCheck.OK);
    }

    /** Closes the AWS clients and the provider's scheduler. */
    @Override
    public void close() {
        clients.close();
        scheduler.shutdownNow();
        try {
            scheduler.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Builds an {@link AwsProvider}. */
    public static final class Builder {
        private URI endpoint;
        private AwsCredentialsProvider credentials;
        private double requestsPerSecond = 20;
        private int maxAttempts = 4;
        private Duration initialBackoff = Duration.ofMillis(200);
        private Duration pollInterval = Duration.ofSeconds(15);
        private Duration maxWait = Duration.ofMinutes(60);

        private Builder() {
        }

        /**
         * Sends every EC2 and ELBv2 call to one endpoint instead of AWS's (a test double, a VPC endpoint).
         *
         * @param v the endpoint
         * @return this builder
         */
        public Builder endpointOverride(URI v) {
            this.endpoint = Objects.requireNonNull(v);
            return this;
        }

        /**
         * The credentials of clusters that name none (default: the AWS default credentials chain).
         *
         * @param v the credentials provider
         * @return this builder
         */
        public Builder credentialsProvider(AwsCredentialsProvider v) {
            this.credentials = Objects.requireNonNull(v);
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
         * time, with jitter). Default: 4 attempts from 200 ms.
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
         * How often waits (an image copy or build) look at AWS, and for how long at most. Default: every
         * 15 s for up to 60 minutes.
         *
         * @param interval the poll interval
         * @param max the longest wait
         * @return this builder
         */
        public Builder waits(Duration interval, Duration max) {
            this.pollInterval = Objects.requireNonNull(interval);
            this.maxWait = Objects.requireNonNull(max);
            return this;
        }

        /**
         * Builds the provider.
         *
         * @return the provider
         */
        public AwsProvider build() {
            return new AwsProvider(this);
        }
    }
}
