package dev.palette.sdk.provider.azure.fake;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import com.azure.core.management.AzureEnvironment;
import com.github.tomakehurst.wiremock.WireMockServer;
import dev.palette.sdk.provider.azure.AzureProvider;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import reactor.core.publisher.Mono;

/**
 * A WireMock server on a free local HTTPS port with a {@link FakeArm} behind it (and its Entra ID token
 * endpoint), and Azure providers pointed at it through a custom {@code AzureEnvironment}, with a fake token,
 * fast retries, and long-running operations polled every few milliseconds.
 */
public final class FakeAzureServer implements AutoCloseable {
    /** The location of the fake. */
    public static final String LOCATION = "eastus";
    /** The subscription of the fake. */
    public static final String SUBSCRIPTION = "11111111-2222-3333-4444-555555555555";
    /** A marketplace image every fake offers. */
    public static final String UBUNTU = "Canonical:0001-com-ubuntu-server-jammy:22_04-lts-gen2:latest";
    /** The token the host-supplied credential hands out. */
    public static final String HOST_TOKEN = "host-token-0001";

    private final FakeArm fake = new FakeArm(LOCATION);
    private final WireMockServer server = new WireMockServer(wireMockConfig().dynamicPort().dynamicHttpsPort()
            .keystorePath(Tls.keystore().toString()).keystoreType("PKCS12").keystorePassword(Tls.PASSWORD)
            .keyManagerPassword(Tls.PASSWORD).extensions(fake));
    private final HttpClient http = new JdkHttpClientBuilder(java.net.http.HttpClient.newBuilder().sslContext(Tls.clientContext()))
            .build();
    private final List<AzureProvider> providers = new ArrayList<>();

    /** Starts the server. */
    public FakeAzureServer() {
        server.start();
        reset();
        fake.addMarketplaceImage(UBUNTU.replace(":latest", ":22.04.202501010"));
    }

    /** Forgets recorded requests, extra stubs, counts and faults (the fake's state stays; tests isolate by cluster). */
    public void reset() {
        server.resetAll();
        server.stubFor(any(anyUrl()).atPriority(10).willReturn(aResponse().withTransformers(FakeArm.NAME)));
        fake.resetCalls();
    }

    /**
     * The fake cloud.
     *
     * @return the fake
     */
    public FakeArm fake() {
        return fake;
    }

    /**
     * The WireMock server, for stubs of higher priority and request verification.
     *
     * @return the server
     */
    public WireMockServer server() {
        return server;
    }

    /**
     * The fake's endpoints as an Azure cloud: ARM and Entra ID both on the fake.
     *
     * @return the environment
     */
    public AzureEnvironment environment() {
        Map<String, String> ep = new HashMap<>(AzureEnvironment.AZURE.getEndpoints());
        ep.put("resourceManagerEndpointUrl", "https://localhost:" + server.httpsPort() + "/");
        ep.put("activeDirectoryEndpointUrl", "https://localhost:" + server.httpsPort() + "/");
        return new AzureEnvironment(ep);
    }

    /**
     * An HTTP client that trusts the fake's certificate.
     *
     * @return the client
     */
    public HttpClient http() {
        return http;
    }

    /**
     * A provider builder over the fake with fast retries and polls and a host credential handing out
     * {@link #HOST_TOKEN}.
     *
     * @return the builder
     */
    public AzureProvider.Builder builder() {
        TokenCredential host = r -> Mono.just(new AccessToken(HOST_TOKEN, OffsetDateTime.now().plusHours(1)));
        return AzureProvider.builder().environment(environment()).httpClient(http).credential(host).requestsPerSecond(1000)
                .retry(3, Duration.ofMillis(1)).longestInlineRetryAfter(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(2))
                .waits(Duration.ofMillis(5), Duration.ofSeconds(20));
    }

    /**
     * A new provider over the fake, closed with the server.
     *
     * @return the provider
     */
    public AzureProvider provider() {
        return track(builder().build());
    }

    /**
     * Closes a provider with the server.
     *
     * @param p the provider
     * @return it
     */
    public AzureProvider track(AzureProvider p) {
        providers.add(p);
        return p;
    }

    @Override
    public void close() {
        providers.forEach(AzureProvider::close);
        server.stop();
    }
}
