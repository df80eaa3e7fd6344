package dev.palette.sdk.provider.aws.internal;

import dev.palette.sdk.api.error.AccessDeniedException;
import dev.palette.sdk.api.provider.Credentials;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.async.SdkAsyncHttpClient;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.ec2.Ec2AsyncClient;
import software.amazon.awssdk.services.ec2.waiters.Ec2AsyncWaiter;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2AsyncClient;

/**
 * Makes and keeps the AWS clients, one set per region and credentials, over one shared Netty HTTP
 * client. Explicit credentials come from the cluster's secret; without them the host's provider (by
 * default the AWS default chain: environment, profile, instance role). Credentials are only ever handed
 * to the SDK: the cache is keyed by a digest of them, and nothing here logs or prints them.
 */
public final class AwsClients implements AutoCloseable {
    /** Credential secret keys. */
    public static final String ACCESS_KEY_ID = "accessKeyId";
    /** Credential secret keys. */
    public static final String SECRET_ACCESS_KEY = "secretAccessKey";
    /** Credential secret keys. */
    public static final String SESSION_TOKEN = "sessionToken";

    private final Optional<URI> endpoint;
    private final AwsCredentialsProvider fallback;
    private final Calls calls;
    private final ScheduledExecutorService scheduler;
    private final Duration pollInterval;
    private final Duration maxWait;
    private final SdkAsyncHttpClient http = NettyNioAsyncHttpClient.builder().build();
    private final Map<String, AwsApi> apis = new ConcurrentHashMap<>();

    /**
     * Creates the factory.
     *
     * @param endpoint an endpoint for every service (a test double), or empty for AWS's
     * @param fallback the credentials when a cluster names none
     * @param calls the rate limit and retry policy
     * @param scheduler the waiters' scheduler
     * @param pollInterval how often waiters look
     * @param maxWait how long waiters wait at most
     */
    public AwsClients(Optional<URI> endpoint, AwsCredentialsProvider fallback, Calls calls, ScheduledExecutorService scheduler,
                      Duration pollInterval, Duration maxWait) {
        this.endpoint = endpoint;
        this.fallback = fallback;
        this.calls = calls;
        this.scheduler = scheduler;
        this.pollInterval = pollInterval;
        this.maxWait = maxWait;
    }

    /**
     * The clients for a region and credentials.
     *
     * @param region the region
     * @param credentials the cluster's explicit credentials, or {@link Credentials#NONE}
     * @return the clients
     * @throws AccessDeniedException if explicit credentials lack a key
     */
    public AwsApi api(String region, Credentials credentials) {
        AwsCredentialsProvider provider = credentials.isEmpty() ? fallback : explicit(credentials);
        String key = region + "/" + (credentials.isEmpty() ? "default" : Tags.clientToken(
                credentials.get(ACCESS_KEY_ID).orElse(""), credentials.get(SECRET_ACCESS_KEY).orElse(""),
                credentials.get(SESSION_TOKEN).orElse("")));
        return apis.computeIfAbsent(key, k -> build(Region.of(region), provider));
    }

    private static AwsCredentialsProvider explicit(Credentials c) {
        String id = c.get(ACCESS_KEY_ID).orElse("");
        String secret = c.get(SECRET_ACCESS_KEY).orElse("");
        if (id.isBlank() || secret.isBlank()) {
            throw new AccessDeniedException("credentials", "the cluster's AWS credentials secret needs the keys "
                    + ACCESS_KEY_ID + " and " + SECRET_ACCESS_KEY + " (it has " + c.values().keySet() + ")");
        }
        return StaticCredentialsProvider.create(c.get(SESSION_TOKEN).filter(t -> !t.isBlank())
                .<software.amazon.awssdk.auth.credentials.AwsCredentials>map(t -> AwsSessionCredentials.create(id, secret, t))
                .orElseGet(() -> AwsBasicCredentials.create(id, secret)));
    }

    private AwsApi build(Region region, AwsCredentialsProvider credentials) {
        // Retries are Calls' job (one policy with the rate limit), so the SDK's own are off.
        ClientOverrideConfiguration override = ClientOverrideConfiguration.builder()
                .retryStrategy(AwsRetryStrategy.doNotRetry()).apiCallAttemptTimeout(Duration.ofSeconds(60)).build();
        var ec2 = Ec2AsyncClient.builder().region(region).credentialsProvider(credentials).httpClient(http)
                .overrideConfiguration(override);
        var elb = ElasticLoadBalancingV2AsyncClient.builder().region(region).credentialsProvider(credentials)
                .httpClient(http).overrideConfiguration(override);
        endpoint.ifPresent(uri -> {
            ec2.endpointOverride(uri);
            elb.endpointOverride(uri);
        });
        Ec2AsyncClient ec2Client = ec2.build();
        long attempts = Math.max(2, maxWait.toMillis() / Math.max(1, pollInterval.toMillis()));
        Ec2AsyncWaiter waiter = Ec2AsyncWaiter.builder().client(ec2Client).scheduledExecutorService(scheduler)
                .overrideConfiguration(o -> o.backoffStrategyV2(BackoffStrategy.fixedDelayWithoutJitter(pollInterval))
                        .maxAttempts((int) Math.min(Integer.MAX_VALUE, attempts)).waitTimeout(maxWait))
                .build();
        return new AwsApi(ec2Client, elb.build(), waiter, calls);
    }

    @Override
    public void close() {
        apis.values().forEach(a -> {
            a.waiter().close();
            a.ec2().close();
            a.elb().close();
        });
        apis.clear();
        http.close();
    }
}
