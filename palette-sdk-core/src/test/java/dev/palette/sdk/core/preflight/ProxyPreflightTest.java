package dev.palette.sdk.core.preflight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.palette.sdk.api.error.ValidationException;
import dev.palette.sdk.core.preflight.DomainCheck.Outcome;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.opentest4j.TestAbortedException;

class ProxyPreflightTest {
    private static final String USER = "palette-svc";
    private static final String PASSWORD = "s3cr3t-Pa55w0rd";

    private TestConnectProxy proxy;

    @BeforeEach
    void startProxy() throws IOException {
        proxy = new TestConnectProxy(USER, PASSWORD);
    }

    @AfterEach
    void stopProxy() throws IOException {
        proxy.close();
    }

    private static RequiredDomains domains(String... names) {
        RequiredDomains.Builder b = RequiredDomains.builder();
        for (String n : names) {
            b.add(n, 443, "test");
        }
        return b.build();
    }

    private ProxyPreflight.Builder viaProxy(String... names) {
        return ProxyPreflight.builder().proxy("127.0.0.1", proxy.port()).domains(domains(names))
                .connectTimeout(Duration.ofSeconds(2)).domainTimeout(Duration.ofSeconds(2));
    }

    private static DomainCheck only(PreflightReport report) {
        assertThat(report.checks()).hasSize(1);
        return report.checks().get(0);
    }

    @Test
    void aTunnelTheProxyEstablishesIsReachableAndTheNameIsSentUnresolved() {
        PreflightReport report = viaProxy("open.test").build().check();

        DomainCheck c = only(report);
        assertThat(c.outcome()).isEqualTo(Outcome.REACHABLE);
        assertThat(c.reason()).isEqualTo("tunnel established");
        assertThat(c.elapsed()).isPositive();
        assertThat(report.allReachable()).isTrue();
        assertThat(report.route()).isEqualTo("via proxy 127.0.0.1:" + proxy.port());
        TestConnectProxy.Request r = proxy.requests().get(0);
        assertThat(r.line()).isEqualTo("CONNECT open.test:443 HTTP/1.1");
        assertThat(r.headers()).containsEntry("Host", "open.test:443").doesNotContainKey("Proxy-Authorization");
    }

    @Test
    void aForbiddenTunnelIsBlockedWithTheProxysAnswer() {
        DomainCheck c = only(viaProxy("blocked.test").build().check());
        assertThat(c.outcome()).isEqualTo(Outcome.DENIED);
        assertThat(c.blocked()).isTrue();
        assertThat(c.reason()).isEqualTo("proxy answered 403 Forbidden");
        assertThat(c.summary()).startsWith("blocked.test:443 blocked: proxy answered 403 Forbidden (");
    }

    @Test
    void aProxyThatWantsCredentialsSaysSoUntilTheRightOnesAreSent() {
        DomainCheck none = only(viaProxy("auth.test").build().check());
        assertThat(none.outcome()).isEqualTo(Outcome.AUTHENTICATION_REQUIRED);
        assertThat(none.reason()).isEqualTo("proxy answered 407 Proxy Authentication Required (no credentials configured)");

        DomainCheck wrong = only(viaProxy("auth.test").credentials(USER, "wrong").build().check());
        assertThat(wrong.reason()).isEqualTo("proxy answered 407 Proxy Authentication Required (the credentials sent were refused)");

        DomainCheck right = only(viaProxy("auth.test").credentials(USER, PASSWORD).build().check());
        assertThat(right.outcome()).isEqualTo(Outcome.REACHABLE);
        assertThat(proxy.requests().get(2).headers()).containsEntry("Proxy-Authorization", "Basic "
                + Base64.getEncoder().encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aProxyThatOffersNoBasicAuthenticationIsNamed() {
        DomainCheck c = only(viaProxy("negotiate.test").credentials(USER, PASSWORD).build().check());
        assertThat(c.outcome()).isEqualTo(Outcome.AUTHENTICATION_REQUIRED);
        assertThat(c.reason()).isEqualTo("proxy answered 407 Proxy Authentication Required "
                + "(the proxy asks for Negotiate; only Basic is supported)");
    }

    @Test
    void aProxyThatNeverAnswersTimesOutAfterThePerDomainTimeout() {
        DomainCheck c = only(viaProxy("silent.test").domainTimeout(Duration.ofMillis(200)).build().check());
        assertThat(c.outcome()).isEqualTo(Outcome.TIMED_OUT);
        assertThat(c.reason()).isEqualTo("timed out after 200 ms waiting for the proxy's answer");
    }

    @Test
    void aTargetTheProxyCannotReachIsItsBadGateway() {
        DomainCheck c = only(viaProxy("gone.test").build().check());
        assertThat(c.outcome()).isEqualTo(Outcome.DENIED);
        assertThat(c.reason()).isEqualTo("proxy answered 502 Bad Gateway");
    }

    @Test
    void anAnswerThatIsNotHttpIsAProtocolError() {
        DomainCheck c = only(viaProxy("garbage.test").build().check());
        assertThat(c.outcome()).isEqualTo(Outcome.PROTOCOL_ERROR);
        assertThat(c.reason()).isEqualTo("proxy answered something that is not HTTP");
    }

    @Test
    void aProxyThatIsNotListeningMakesEveryDomainUnreachable() throws IOException {
        PreflightReport report = ProxyPreflight.builder().proxy("127.0.0.1", TestConnectProxy.closedPort())
                .domains(domains("open.test", "blocked.test")).build().check();
        assertThat(report.checks()).hasSize(2).allSatisfy(c -> {
            assertThat(c.outcome()).isEqualTo(Outcome.PROXY_UNREACHABLE);
            assertThat(c.reason()).isEqualTo("proxy unreachable: connection refused");
        });
        assertThat(report.allReachable()).isFalse();
    }

    @Test
    void aProxyWhoseListenQueueIsFullTimesOutConnectingAndSoDoesADirectConnect() throws IOException {
        try (FullListener full = FullListener.open()) {
            DomainCheck viaProxy = only(ProxyPreflight.builder().proxy("127.0.0.1", full.port())
                    .domains(domains("open.test")).connectTimeout(Duration.ofMillis(200)).build().check());
            assertThat(viaProxy.outcome()).isEqualTo(Outcome.PROXY_UNREACHABLE);
            assertThat(viaProxy.reason()).isEqualTo("proxy unreachable: timed out after 200 ms connecting");

            DomainCheck direct = only(ProxyPreflight.builder().direct().domains(RequiredDomains.builder()
                    .add("127.0.0.1", full.port(), "a server that accepts nothing").build())
                    .connectTimeout(Duration.ofMillis(200)).build().check());
            assertThat(direct.outcome()).isEqualTo(Outcome.TIMED_OUT);
            assertThat(direct.reason()).isEqualTo("timed out after 200 ms connecting");
        }
    }

    @Test
    void theReportKeepsTheOrderOfTheDomainsAndCountsTheBlockedOnes() {
        PreflightReport report = viaProxy("blocked.test", "open.test", "gone.test", "open-2.test")
                .domainTimeout(Duration.ofMillis(200)).build().check();
        assertThat(report.checks()).extracting(c -> c.domain().domain())
                .containsExactly("blocked.test", "open.test", "gone.test", "open-2.test");
        assertThat(report.blocked()).extracting(c -> c.domain().domain()).containsExactly("blocked.test", "gone.test");
        assertThat(report.check("OPEN.test", 443)).get().extracting(DomainCheck::reachable).isEqualTo(true);
        assertThat(report.check("open.test", 8443)).isEmpty();
        assertThat(report.summary()).isEqualTo("4 domains via proxy 127.0.0.1:" + proxy.port() + ": 2 reachable, 2 blocked");
    }

    @ParameterizedTest(name = "host executor: {0}")
    @ValueSource(booleans = {false, true})
    void domainsAreCheckedInParallelButNeverMoreThanTheBound(boolean hostExecutor) {
        // pair… names are answered only once two requests wait at once, and a third within 200 ms would be seen.
        ExecutorService host = Executors.newCachedThreadPool();
        try {
            ProxyPreflight.Builder b = viaProxy("pair-1.test", "pair-2.test", "pair-3.test", "pair-4.test",
                    "pair-5.test", "pair-6.test").parallelism(2).domainTimeout(Duration.ofSeconds(10));
            PreflightReport report = (hostExecutor ? b.executor(host) : b).build().check();
            assertThat(report.checks()).hasSize(6).allSatisfy(c -> assertThat(c.reason()).isEqualTo("tunnel established"));
            assertThat(proxy.maxWaiting()).isEqualTo(2);
        } finally {
            host.shutdownNow();
        }
    }

    @Test
    void checkAsyncCompletesWithTheSameReport() {
        PreflightReport report = viaProxy("open.test", "blocked.test").build().checkAsync().join();
        assertThat(report.checks()).extracting(DomainCheck::outcome).containsExactly(Outcome.REACHABLE, Outcome.DENIED);
    }

    @Test
    void directModeConnectsWithoutAProxy() throws IOException {
        int refusing = TestConnectProxy.closedPort();
        PreflightReport report = ProxyPreflight.builder().direct().domains(RequiredDomains.builder()
                .add("127.0.0.1", proxy.echoPort(), "a local server").add("127.0.0.1", refusing, "nothing").build())
                .connectTimeout(Duration.ofSeconds(2)).build().check();
        assertThat(report.route()).isEqualTo("direct");
        assertThat(report.checks().get(0).outcome()).isEqualTo(Outcome.REACHABLE);
        assertThat(report.checks().get(0).reason()).isEqualTo("connected to 127.0.0.1");
        assertThat(report.checks().get(1).outcome()).isEqualTo(Outcome.UNREACHABLE);
        assertThat(report.checks().get(1).reason()).isEqualTo("connection refused");
        assertThat(proxy.requests()).isEmpty();
    }

    @Test
    void credentialsNeverAppearInReportsToStringsOrErrors() {
        String encoded = Base64.getEncoder().encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
        ProxyPreflight preflight = viaProxy("auth.test", "blocked.test", "silent.test").credentials(USER, "wrong-" + PASSWORD)
                .domainTimeout(Duration.ofMillis(200)).build();
        PreflightReport report = preflight.check();
        ProxySettings settings = ProxySettings.of("proxy.corp", 3128).withCredentials(USER, PASSWORD);

        List<String> texts = new ArrayList<>(List.of(report.toString(), report.summary(), preflight.toString(),
                settings.toString(), settings.credentials().toString()));
        report.checks().forEach(c -> texts.add(c.summary()));
        texts.add(messageOf(() -> viaProxy("open.test").proxy("", 0).credentials(USER, PASSWORD).build()));
        texts.add(messageOf(() -> viaProxy("open.test").credentials(USER + ":x", PASSWORD).build()));
        texts.add(messageOf(() -> new ProxyCredentials("", PASSWORD + "\n")));
        texts.add(messageOf(() -> ProxySettings.parse("http://" + USER + ":" + PASSWORD + "@proxy.corp:3128")));

        assertThat(preflight.toString()).contains("with credentials (redacted)");
        assertThat(settings.toString()).isEqualTo("ProxySettings[proxy.corp:3128, credentials redacted]");
        assertThat(texts).allSatisfy(t -> assertThat(t).doesNotContain(PASSWORD).doesNotContain(encoded).doesNotContain(USER));
    }

    /**
     * A loopback listener that never accepts, its queue filled until a connect times out: on Linux further
     * SYNs are dropped, so a connect to it times out the way one to a black-holed proxy does.
     */
    private record FullListener(ServerSocket server, List<Socket> fillers) implements AutoCloseable {
        static FullListener open() throws IOException {
            ServerSocket server = new ServerSocket();
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1);
            List<Socket> fillers = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                Socket s = new Socket();
                fillers.add(s);
                try {
                    s.connect(server.getLocalSocketAddress(), 200);
                } catch (SocketTimeoutException full) {
                    return new FullListener(server, fillers);
                }
            }
            server.close();
            throw new TestAbortedException("this OS accepts connections beyond the listen queue");
        }

        int port() {
            return server.getLocalPort();
        }

        @Override
        public void close() throws IOException {
            for (Socket s : fillers) {
                s.close();
            }
            server.close();
        }
    }

    private static String messageOf(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            return e.getMessage();
        }
        throw new AssertionError("expected an exception");
    }

    @Test
    void badConfigurationNamesEveryFieldAtOnce() {
        assertThatThrownBy(() -> ProxyPreflight.builder().proxy(" ", 70000).connectTimeout(Duration.ZERO)
                .domainTimeout(Duration.ofMillis(-5)).parallelism(0).domains(RequiredDomains.builder().build()).build())
                .isInstanceOf(ValidationException.class)
                .hasMessage("6 violations: proxy.host: must not be empty; proxy.port: must be between 1 and 65535; "
                        + "connectTimeout: must be > 0; domainTimeout: must be > 0; parallelism: must be >= 1; "
                        + "domains: must contain at least one domain");
        assertThatThrownBy(() -> ProxyPreflight.builder().proxy("proxy.corp", 0).build())
                .hasMessage("1 violation: proxy.port: must be between 1 and 65535");
        assertThatThrownBy(() -> ProxyPreflight.builder().connectTimeout(null).build())
                .hasMessage("1 violation: connectTimeout: must be > 0");
        assertThatThrownBy(() -> ProxyPreflight.builder().credentials(USER, PASSWORD).build())
                .hasMessage("1 violation: proxy: must be set when credentials are given");
        assertThatThrownBy(() -> ProxyPreflight.builder().proxy("proxy.corp\r\nX-Evil: 1", 3128).build())
                .hasMessageContaining("proxy.host: must be a host name");
        assertThatThrownBy(() -> ProxyPreflight.builder().proxy(ProxySettings.of("proxy.corp", 65536)).build())
                .hasMessage("1 violation: proxy.port: must be between 1 and 65535");
    }
}
