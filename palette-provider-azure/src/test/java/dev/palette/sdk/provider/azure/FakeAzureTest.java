package dev.palette.sdk.provider.azure;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.github.tomakehurst.wiremock.http.RequestMethod;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import com.github.tomakehurst.wiremock.matching.UrlPathPattern;
import dev.palette.sdk.api.model.CloudConfig;
import dev.palette.sdk.api.provider.ProviderContext;
import dev.palette.sdk.api.provider.ResourceTags;
import dev.palette.sdk.provider.azure.fake.FakeAzureServer;
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
 * Tests against one fake Azure per test class (starting WireMock and the Azure clients is what takes time);
 * each test works in a cluster of its own, so tags and resource groups keep tests apart, and starts with no
 * recorded requests.
 */
abstract class FakeAzureTest {
    private static final AtomicInteger CLUSTERS = new AtomicInteger();
    static FakeAzureServer azure;
    static AzureProvider provider;

    @BeforeAll
    static void startFake() {
        azure = new FakeAzureServer();
        provider = azure.provider();
    }

    @AfterAll
    static void stopFake() {
        azure.close();
    }

    @BeforeEach
    void resetFake() {
        azure.reset();
    }

    /** The properties every test cluster needs. */
    static Map<String, Object> props(Map<String, Object> extra) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("subscriptionId", FakeAzureServer.SUBSCRIPTION);
        p.putAll(extra);
        return p;
    }

    /** A new cluster with its own id, in the fake's location. */
    static ProviderContext context(String name, Map<String, Object> extra) {
        String id = "c-" + name + CLUSTERS.incrementAndGet();
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put(ResourceTags.CLUSTER_ID, id);
        tags.put(ResourceTags.MANAGED_BY, "palette-sdk");
        return new ProviderContext(id, name, CloudConfig.of("azure", FakeAzureServer.LOCATION).withProperties(props(extra)), tags, null);
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

    /** Requests of a method to paths matching a regex (ARM paths, any case). */
    static RequestPatternBuilder requests(String method, String pathRegex) {
        UrlPathPattern p = urlPathMatching("(?i)" + pathRegex);
        return "ANY".equals(method) ? anyRequestedFor(p) : new RequestPatternBuilder(RequestMethod.fromString(method), p);
    }

    /** The ARM path of a resource in a cluster's resource group. */
    static String path(ProviderContext ctx, String type, String name) {
        return "/subscriptions/" + FakeAzureServer.SUBSCRIPTION + "/resourceGroups/palette-" + ctx.clusterId() + "/providers/"
                + type + "/" + name;
    }
}
