package dev.palette.sdk.provider.azure.internal;

import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import com.azure.core.http.policy.ExponentialBackoffOptions;
import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.policy.HttpPipelinePolicy;
import com.azure.core.http.policy.RequestRetryCondition;
import com.azure.core.http.policy.RetryPolicy;
import com.azure.core.http.policy.RetryStrategy;
import com.azure.core.http.policy.HttpLogDetailLevel;
import com.azure.core.http.policy.HttpLogOptions;
import com.azure.core.http.policy.RetryOptions;
import com.azure.core.management.AzureEnvironment;
import com.azure.core.management.profile.AzureProfile;
import com.azure.identity.ClientSecretCredentialBuilder;
import com.azure.identity.ManagedIdentityCredentialBuilder;
import com.azure.resourcemanager.compute.ComputeManager;
import com.azure.resourcemanager.resources.ResourceManager;
import dev.palette.sdk.api.error.AccessDeniedException;
import dev.palette.sdk.api.provider.Credentials;
import io.github.resilience4j.ratelimiter.RateLimiter;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * Makes and keeps the ARM clients, one set per subscription and credentials, over one shared HTTP client.
 * Explicit credentials come from the cluster's secret (a service principal or a managed identity, through
 * azure-identity); without them the host's {@link TokenCredential}. Credentials are only ever handed to
 * azure-identity: the cache is keyed by a digest of them, every message is scrubbed of the secret, the
 * Azure SDK's HTTP logging is off (bodies carry the machines' custom data), and nothing here logs them.
 */
public final class AzureClients {
    /** Credential secret key: the tenant of a service principal. */
    public static final String TENANT_ID = "tenantId";
    /** Credential secret key: the application (client) id of a service principal. */
    public static final String CLIENT_ID = "clientId";
    /** Credential secret key: the service principal's secret. */
    public static final String CLIENT_SECRET = "clientSecret";
    /** Credential secret key: the client id of a user-assigned managed identity. */
    public static final String MANAGED_IDENTITY_CLIENT_ID = "managedIdentityClientId";
    /** Credential secret key: {@code "true"} for the system-assigned managed identity. */
    public static final String USE_MANAGED_IDENTITY = "useManagedIdentity";

    /**
     * Never retries: a strategy of one retry that is never taken (one of none makes azure-core log "retry
     * attempts exhausted" at INFO for every answer).
     */
    private static final RetryStrategy NO_RETRIES = new RetryStrategy() {
        @Override
        public int getMaxRetries() {
            return 1;
        }

        @Override
        public Duration calculateRetryDelay(int retryAttempts) {
            return Duration.ZERO;
        }

        @Override
        public boolean shouldRetryCondition(RequestRetryCondition condition) {
            return false;
        }
    };

    /**
     * The JDK client sets Content-Length itself and refuses the header, which azure-core's adapter logs at WARN
     * on every write; the provider's bodies are all in memory, so the header goes before it gets there.
     */
    private static final HttpPipelinePolicy WITHOUT_CONTENT_LENGTH = (context, next) -> {
        context.getHttpRequest().getHeaders().remove(HttpHeaderName.CONTENT_LENGTH);
        return next.process();
    };

    private final AzureEnvironment environment;
    private final HttpClient http;
    private final Supplier<TokenCredential> fallback;
    private final RateLimiter limiter;
    private final Calls.Settings settings;
    private final ScheduledExecutorService scheduler;
    private final Duration pollInterval;
    private final Map<String, AzureApi> apis = new ConcurrentHashMap<>();

    /**
     * Creates the factory.
     *
     * @param environment the Azure cloud's endpoints (or a test double's)
     * @param http the HTTP client of every call, token requests included
     * @param fallback the credential of clusters that name none, made on first use
     * @param limiter the provider's rate limit
     * @param settings the retry settings
     * @param scheduler where delayed calls start
     * @param pollInterval how often long-running operations are polled
     */
    public AzureClients(AzureEnvironment environment, HttpClient http, Supplier<TokenCredential> fallback, RateLimiter limiter,
                        Calls.Settings settings, ScheduledExecutorService scheduler, Duration pollInterval) {
        this.environment = environment;
        this.http = http;
        this.fallback = fallback;
        this.limiter = limiter;
        this.settings = settings;
        this.scheduler = scheduler;
        this.pollInterval = pollInterval;
    }

    /**
     * The clients for a subscription and credentials.
     *
     * @param subscriptionId the subscription
     * @param credentials the cluster's explicit credentials, or {@link Credentials#NONE}
     * @return the clients
     * @throws AccessDeniedException if explicit credentials name no usable identity
     */
    public AzureApi api(String subscriptionId, Credentials credentials) {
        String key = subscriptionId + "/" + (credentials.isEmpty() ? "host" : Names.hash(String.join("\u0000",
                credentials.get(TENANT_ID).orElse(""), credentials.get(CLIENT_ID).orElse(""),
                credentials.get(CLIENT_SECRET).orElse(""), credentials.get(MANAGED_IDENTITY_CLIENT_ID).orElse(""),
                credentials.get(USE_MANAGED_IDENTITY).orElse("")), 64));
        AzureApi known = apis.get(key);
        if (known != null) {
            return known;
        }
        TokenCredential credential = credentials.isEmpty() ? fallback.get() : explicit(credentials);
        return apis.computeIfAbsent(key, k -> build(subscriptionId, credentials.get(TENANT_ID).orElse(null), credential,
                redaction(credentials)));
    }

    private TokenCredential explicit(Credentials c) {
        String secret = c.get(CLIENT_SECRET).orElse("");
        if (!secret.isBlank()) {
            String tenant = c.get(TENANT_ID).orElse("");
            String client = c.get(CLIENT_ID).orElse("");
            if (tenant.isBlank() || client.isBlank()) {
                throw new AccessDeniedException("credentials", "the cluster's Azure credentials secret holds a "
                        + CLIENT_SECRET + " but lacks " + (tenant.isBlank() ? TENANT_ID : CLIENT_ID) + " (it has "
                        + c.values().keySet() + ")");
            }
            ClientSecretCredentialBuilder b = new ClientSecretCredentialBuilder().tenantId(tenant).clientId(client)
                    .clientSecret(secret).authorityHost(environment.getActiveDirectoryEndpoint()).httpClient(http)
                    .httpLogOptions(new HttpLogOptions().setLogLevel(HttpLogDetailLevel.NONE))
                    .retryOptions(new RetryOptions(new ExponentialBackoffOptions().setMaxRetries(2)));
            if (!isPublicCloud()) {
                b.disableInstanceDiscovery(); // an authority Entra ID's discovery does not know (sovereign, test)
            }
            return b.build();
        }
        String miClient = c.get(MANAGED_IDENTITY_CLIENT_ID).orElse("");
        if (!miClient.isBlank()) {
            return new ManagedIdentityCredentialBuilder().clientId(miClient).httpClient(http).build();
        }
        if ("true".equalsIgnoreCase(c.get(USE_MANAGED_IDENTITY).orElse(""))) {
            return new ManagedIdentityCredentialBuilder().httpClient(http).build();
        }
        throw new AccessDeniedException("credentials", "the cluster's Azure credentials secret names no identity: it needs "
                + TENANT_ID + ", " + CLIENT_ID + " and " + CLIENT_SECRET + " (a service principal), "
                + MANAGED_IDENTITY_CLIENT_ID + ", or " + USE_MANAGED_IDENTITY + "=true (it has " + c.values().keySet() + ")");
    }

    private boolean isPublicCloud() {
        return List.of(AzureEnvironment.AZURE, AzureEnvironment.AZURE_CHINA, AzureEnvironment.AZURE_US_GOVERNMENT).stream()
                .anyMatch(e -> e.getActiveDirectoryEndpoint().equals(environment.getActiveDirectoryEndpoint()));
    }

    private static UnaryOperator<String> redaction(Credentials c) {
        List<String> secrets = c.get(CLIENT_SECRET).filter(s -> s.length() >= 4).stream().toList();
        return s -> {
            String out = s;
            for (String secret : secrets) {
                out = out.replace(secret, "***");
            }
            return out;
        };
    }

    private AzureApi build(String subscriptionId, String tenantId, TokenCredential credential, UnaryOperator<String> redact) {
        AzureProfile profile = new AzureProfile(tenantId, subscriptionId, environment);
        // Retries are Calls' job (one policy with the rate limit and the Retry-After gate), so the SDK's are
        // off; so is its HTTP logging, whatever AZURE_HTTP_LOG_DETAIL_LEVEL says: VM bodies hold custom data.
        HttpLogOptions noLogs = new HttpLogOptions().setLogLevel(HttpLogDetailLevel.NONE);
        ResourceManager.Configurable rm = ResourceManager.configure().withHttpClient(http).withLogOptions(noLogs)
                .withRetryPolicy(new RetryPolicy(NO_RETRIES));
        ComputeManager.Configurable cm = ComputeManager.configure().withHttpClient(http).withLogOptions(noLogs)
                .withRetryPolicy(new RetryPolicy(NO_RETRIES));
        if (http.getClass().getName().equals("com.azure.core.http.jdk.httpclient.JdkHttpClient")) {
            rm.withPolicy(WITHOUT_CONTENT_LENGTH);
            cm.withPolicy(WITHOUT_CONTENT_LENGTH);
        }
        ResourceManager resources = rm.authenticate(credential, profile).withSubscription(subscriptionId);
        ComputeManager compute = cm.authenticate(credential, profile);
        Calls calls = new Calls(limiter, settings, scheduler, Clock.systemUTC());
        return new AzureApi(subscriptionId, resources.serviceClient(), compute.networkManager().serviceClient(),
                compute.serviceClient(), calls, Objects.requireNonNull(redact), pollInterval);
    }
}
