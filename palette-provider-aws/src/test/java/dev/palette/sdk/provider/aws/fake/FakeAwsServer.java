package dev.palette.sdk.provider.aws.fake;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.palette.sdk.provider.aws.AwsProvider;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * A WireMock server on a free local port with a {@link FakeAws} behind it, and AWS providers pointed at
 * it with fake credentials, fast retries and fast waits.
 */
public final class FakeAwsServer implements AutoCloseable {
    /** The region of the fake. */
    public static final String REGION = "us-east-1";
    /** A base image every fake starts with. */
    public static final String UBUNTU_AMI = "ami-0ubuntu2204fa4e";

    private final FakeAws fake = new FakeAws(REGION);
    private final WireMockServer server = new WireMockServer(wireMockConfig().dynamicPort().extensions(fake));
    private final List<AwsProvider> providers = new ArrayList<>();

    /** Starts the server. */
    public FakeAwsServer() {
        server.start();
        reset();
        fake.addImage(UBUNTU_AMI, "ubuntu-22.04", "/dev/sda1");
    }

    /** Forgets recorded requests and extra stubs (the fake's state stays; tests isolate by cluster id). */
    public void reset() {
        server.resetAll();
        server.stubFor(post("/").atPriority(10).willReturn(aResponse().withTransformers(FakeAws.NAME)));
        fake.setVcpuLimit(Integer.MAX_VALUE);
    }

    /**
     * The fake cloud.
     *
     * @return the fake
     */
    public FakeAws fake() {
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
     * A new provider over the fake, closed with the server.
     *
     * @return the provider
     */
    public AwsProvider provider() {
        AwsProvider p = AwsProvider.builder().endpointOverride(URI.create(server.baseUrl()))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDFAKEFAKEFAKE", "fake-secret")))
                .requestsPerSecond(1000).retry(3, Duration.ofMillis(1)).waits(Duration.ofMillis(5), Duration.ofSeconds(20)).build();
        providers.add(p);
        return p;
    }

    @Override
    public void close() {
        providers.forEach(AwsProvider::close);
        server.stop();
    }
}
