package dev.palette.sdk.kubernetes;

import dev.palette.sdk.api.error.ValidationException;
import dev.palette.sdk.api.store.SecretStore;
import dev.palette.sdk.api.workload.WorkloadCluster;
import dev.palette.sdk.api.workload.WorkloadClusterAccess;
import dev.palette.sdk.api.workload.WorkloadTarget;
import dev.palette.sdk.kubernetes.internal.AccessSettings;
import dev.palette.sdk.kubernetes.internal.BlockingCalls;
import dev.palette.sdk.kubernetes.internal.ClientCache;
import dev.palette.sdk.kubernetes.internal.ClusterCalls;
import dev.palette.sdk.kubernetes.internal.Fabric8WorkloadCluster;
import dev.palette.sdk.kubernetes.internal.KubeconfigLoader;
import java.time.Duration;
import java.util.Objects;

/**
 * Reaches workload clusters through the fabric8 Kubernetes client. Each cluster gets one client, made on
 * its first call from the admin kubeconfig in the secret store (the field {@code value} of the secret
 * the {@link WorkloadTarget} names, as the engine writes it), reused by every later call and closed by
 * {@link #release(String)} or {@link #close()}.
 *
 * <p>Calls are asynchronous: the client's blocking requests run on a bounded pool of daemon threads this
 * access owns. Failures complete the stages with a {@link dev.palette.sdk.api.error.PaletteException},
 * retryable when the API server did not answer, answered 5xx, 429 or 409, or refused the credentials.
 * Cordon, drain, node deletion and node updates succeed on a node that is gone.
 *
 * <pre>{@code
 * SecretStore secrets = ...;
 * PaletteEngine engine = PaletteEngine.builder().secrets(secrets)
 *         .workloadAccess(Fabric8WorkloadClusterAccess.builder().secrets(secrets).build())
 *         .build();
 * }</pre>
 *
 * <p>The dependency brings fabric8 with its JDK HTTP client and without Vert.x, so no Netty reaches the
 * host. Thread-safe.
 */
public final class Fabric8WorkloadClusterAccess implements WorkloadClusterAccess {
    private final AccessSettings settings;
    private final BlockingCalls calls;
    private final ClientCache clients;

    private Fabric8WorkloadClusterAccess(Builder b) {
        this.settings = new AccessSettings(b.threads, b.connectTimeout, b.requestTimeout, b.requestRetries, b.drainPollInterval);
        this.calls = new BlockingCalls(settings.threads());
        this.clients = new ClientCache(new KubeconfigLoader(b.secrets, settings), b.factory);
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
     * The operations of a cluster. Nothing is read or opened here: the client is made on the first call, so
     * a missing or unreadable kubeconfig fails that call's stage.
     *
     * @param target the cluster and where its kubeconfig is
     * @return the cluster's operations
     */
    @Override
    public WorkloadCluster connect(WorkloadTarget target) {
        Objects.requireNonNull(target, "target");
        return new Fabric8WorkloadCluster(new ClusterCalls(target, clients, calls), settings.drainPollInterval());
    }

    @Override
    public void release(String clusterId) {
        clients.release(clusterId);
    }

    /**
     * How many cluster clients are open.
     *
     * @return the count, one per cluster called since it was last released
     */
    public int openClients() {
        return clients.size();
    }

    /** Closes every client and stops the threads; calls not yet started fail. */
    @Override
    public void close() {
        clients.close();
        calls.close();
    }

    /** Settings of a {@link Fabric8WorkloadClusterAccess}; only the secret store is required. */
    public static final class Builder {
        private SecretStore secrets;
        private KubernetesClientFactory factory = KubernetesClientFactory.standard();
        private int threads = 4;
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration requestTimeout = Duration.ofSeconds(30);
        private int requestRetries = 2;
        private Duration drainPollInterval = Duration.ofSeconds(2);

        private Builder() {
        }

        /**
         * Where the kubeconfigs are: the engine's secret store.
         *
         * @param v the store
         * @return this builder
         */
        public Builder secrets(SecretStore v) {
            this.secrets = Objects.requireNonNull(v, "secrets");
            return this;
        }

        /**
         * How clients are made (default: {@link KubernetesClientFactory#standard()}).
         *
         * @param v the factory
         * @return this builder
         */
        public Builder clientFactory(KubernetesClientFactory v) {
            this.factory = Objects.requireNonNull(v, "clientFactory");
            return this;
        }

        /**
         * How many calls run at once across all clusters (default 4); more wait in a bounded queue.
         *
         * @param v the thread count, at least 1
         * @return this builder
         */
        public Builder threads(int v) {
            this.threads = atLeast("threads", v, 1);
            return this;
        }

        /**
         * How long to wait for an API server: to connect (default 10 s) and for each answer (default 30 s).
         *
         * @param connect the connect timeout, positive
         * @param request the timeout of one request, positive
         * @return this builder
         */
        public Builder timeouts(Duration connect, Duration request) {
            this.connectTimeout = positive("connectTimeout", connect);
            this.requestTimeout = positive("requestTimeout", request);
            return this;
        }

        /**
         * How often the client retries a request that got no answer, a 5xx or a 429, with its own short
         * backoff (default 2; the engine retries failed passes with its own, longer backoff).
         *
         * @param v the retries, zero or more
         * @return this builder
         */
        public Builder requestRetries(int v) {
            this.requestRetries = atLeast("requestRetries", v, 0);
            return this;
        }

        /**
         * How often a drain looks again at the pods it evicts (default 2 s).
         *
         * @param v the interval, positive
         * @return this builder
         */
        public Builder drainPollInterval(Duration v) {
            this.drainPollInterval = positive("drainPollInterval", v);
            return this;
        }

        /**
         * Builds the access.
         *
         * @return the access; close it (or the engine that holds it) to stop its threads
         */
        public Fabric8WorkloadClusterAccess build() {
            if (secrets == null) {
                throw new ValidationException("secrets", "a secret store is required: the engine's, which holds the kubeconfigs");
            }
            return new Fabric8WorkloadClusterAccess(this);
        }

        private static int atLeast(String field, int v, int min) {
            if (v < min) {
                throw new ValidationException(field, "must be at least " + min + ", was " + v);
            }
            return v;
        }

        private static Duration positive(String field, Duration v) {
            if (v == null || v.isZero() || v.isNegative() || v.toMillis() > Integer.MAX_VALUE) {
                throw new ValidationException(field, "must be positive (and under 24 days), was " + v);
            }
            return v;
        }
    }
}
