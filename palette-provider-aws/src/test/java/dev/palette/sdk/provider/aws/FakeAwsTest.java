package dev.palette.sdk.provider.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import dev.palette.sdk.api.model.CloudConfig;
import dev.palette.sdk.api.provider.ProviderContext;
import dev.palette.sdk.api.provider.ResourceTags;
import dev.palette.sdk.provider.aws.fake.FakeAwsServer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/**
 * Tests against one fake AWS per test class (starting the SDK's HTTP client is what takes time); each test
 * works in a cluster of its own, so the tags keep tests apart, and starts with no recorded requests.
 */
abstract class FakeAwsTest {
    private static final AtomicInteger CLUSTERS = new AtomicInteger();
    static FakeAwsServer aws;
    static AwsProvider provider;

    @BeforeAll
    static void startFake() {
        aws = new FakeAwsServer();
        provider = aws.provider();
    }

    @AfterAll
    static void stopFake() {
        aws.close();
    }

    @BeforeEach
    void resetFake() {
        aws.reset();
    }

    /** A new cluster with its own id, in the fake's region. */
    static ProviderContext context(String name, Map<String, Object> props) {
        String id = "c-" + name + CLUSTERS.incrementAndGet();
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put(ResourceTags.CLUSTER_ID, id);
        tags.put(ResourceTags.MANAGED_BY, "palette-sdk");
        return new ProviderContext(id, name, CloudConfig.of("aws", FakeAwsServer.REGION).withProperties(props), tags, null);
    }

    static <T> T await(CompletionStage<T> stage) {
        try {
            return stage.toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new CompletionException(e.getCause());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** What a stage failed with, unwrapped. */
    static Throwable failure(CompletionStage<?> stage) {
        Throwable t = catchThrowable(() -> await(stage));
        return t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
    }

    static RequestPatternBuilder action(String action) {
        return postRequestedFor(urlEqualTo("/")).withFormParam("Action", equalTo(action));
    }
}
