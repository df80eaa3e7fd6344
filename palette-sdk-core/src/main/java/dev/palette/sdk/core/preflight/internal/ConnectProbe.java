package dev.palette.sdk.core.preflight.internal;

import dev.palette.sdk.core.preflight.DomainCheck;
import dev.palette.sdk.core.preflight.DomainCheck.Outcome;
import dev.palette.sdk.core.preflight.ProxyCredentials;
import dev.palette.sdk.core.preflight.ProxySettings;
import dev.palette.sdk.core.preflight.RequiredDomain;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.ProtocolException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;

/**
 * Checks one domain: through a proxy with {@code CONNECT} on a raw socket, or directly with a TCP connect.
 * Through a proxy the domain name is sent as written and never resolved here; only the proxy's own name is.
 * Every failure becomes a {@link DomainCheck} with its reason in words; nothing is thrown.
 */
public final class ConnectProbe {
    private final ProxySettings proxy;
    /** The {@code Proxy-Authorization} value, or {@code null}; kept only here and never logged. */
    private final String authorization;
    private final int connectMillis;
    private final int answerMillis;

    /**
     * Creates a probe.
     *
     * @param proxy the proxy, or {@code null} to connect directly
     * @param connectTimeout bounds the TCP connect to the proxy (or, direct, to the domain)
     * @param answerTimeout bounds the wait for the proxy's answer to {@code CONNECT}
     */
    public ConnectProbe(ProxySettings proxy, Duration connectTimeout, Duration answerTimeout) {
        this.proxy = proxy;
        this.authorization = proxy == null ? null : proxy.basicCredentials().map(ConnectProbe::basic).orElse(null);
        this.connectMillis = (int) connectTimeout.toMillis();
        this.answerMillis = (int) answerTimeout.toMillis();
    }

    /**
     * How the domains are reached, for the report.
     *
     * @return {@code via proxy host:port} or {@code direct}
     */
    public String route() {
        return proxy == null ? "direct" : "via proxy " + proxy.address();
    }

    /**
     * Checks one domain.
     *
     * @param domain the domain and port
     * @return the result, with how long it took
     */
    public DomainCheck check(RequiredDomain domain) {
        long start = System.nanoTime();
        Verdict v = proxy == null ? direct(domain) : tunnel(domain);
        return new DomainCheck(domain, v.outcome(), v.reason(), Duration.ofNanos(System.nanoTime() - start));
    }

    private Verdict tunnel(RequiredDomain domain) {
        InetSocketAddress address = new InetSocketAddress(proxy.host(), proxy.port());
        if (address.isUnresolved()) {
            return new Verdict(Outcome.PROXY_UNREACHABLE, "proxy unreachable: unknown host " + proxy.host());
        }
        try (Socket socket = new Socket()) {
            try {
                socket.connect(address, connectMillis);
            } catch (SocketTimeoutException e) {
                return new Verdict(Outcome.PROXY_UNREACHABLE,
                        "proxy unreachable: timed out after " + connectMillis + " ms connecting");
            } catch (IOException e) {
                return new Verdict(Outcome.PROXY_UNREACHABLE, "proxy unreachable: " + describe(e));
            }
            long deadline = System.nanoTime() + Duration.ofMillis(answerMillis).toNanos();
            try {
                OutputStream out = socket.getOutputStream();
                out.write(request(domain).getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
                return verdict(ProxyAnswer.read(socket, new BufferedInputStream(socket.getInputStream()), deadline));
            } catch (SocketTimeoutException e) {
                return new Verdict(Outcome.TIMED_OUT, "timed out after " + answerMillis + " ms waiting for the proxy's answer");
            } catch (ProtocolException e) {
                return new Verdict(Outcome.PROTOCOL_ERROR, e.getMessage());
            } catch (IOException e) {
                return new Verdict(Outcome.PROTOCOL_ERROR, "connection to the proxy failed: " + describe(e));
            }
        } catch (IOException closing) {
            return new Verdict(Outcome.PROTOCOL_ERROR, "connection to the proxy failed: " + describe(closing));
        }
    }

    private String request(RequiredDomain domain) {
        StringBuilder r = new StringBuilder()
                .append("CONNECT ").append(domain.hostPort()).append(" HTTP/1.1\r\n")
                .append("Host: ").append(domain.hostPort()).append("\r\n")
                .append("User-Agent: palette-preflight\r\n");
        if (authorization != null) {
            r.append("Proxy-Authorization: ").append(authorization).append("\r\n");
        }
        return r.append("\r\n").toString();
    }

    private Verdict verdict(ProxyAnswer answer) {
        if (answer.status() / 100 == 2) {
            return new Verdict(Outcome.REACHABLE, "tunnel established");
        }
        String said = "proxy answered " + answer.statusText();
        if (answer.status() != 407) {
            return new Verdict(Outcome.DENIED, said);
        }
        String why = authorization == null ? "no credentials configured" : "the credentials sent were refused";
        if (!answer.offersBasic()) {
            why = "the proxy asks for " + String.join(", ", answer.authSchemes()) + "; only Basic is supported";
        }
        return new Verdict(Outcome.AUTHENTICATION_REQUIRED, said + " (" + why + ")");
    }

    private Verdict direct(RequiredDomain domain) {
        InetSocketAddress address = new InetSocketAddress(domain.domain(), domain.port());
        if (address.isUnresolved()) {
            return new Verdict(Outcome.UNREACHABLE, "unknown host " + domain.domain());
        }
        try (Socket socket = new Socket()) {
            socket.connect(address, connectMillis);
            return new Verdict(Outcome.REACHABLE, "connected to " + address.getAddress().getHostAddress());
        } catch (SocketTimeoutException e) {
            return new Verdict(Outcome.TIMED_OUT, "timed out after " + connectMillis + " ms connecting");
        } catch (IOException e) {
            return new Verdict(Outcome.UNREACHABLE, describe(e));
        }
    }

    /** The JDK's socket messages, in the report's words; they name addresses at most, never credentials. */
    private static String describe(IOException e) {
        String m = e.getMessage() == null ? "" : e.getMessage().toLowerCase(Locale.ROOT);
        if (e instanceof NoRouteToHostException || m.contains("no route")) {
            return "no route to host";
        }
        if (e instanceof ConnectException && (m.isEmpty() || m.contains("refused"))) {
            return "connection refused";
        }
        if (m.contains("reset")) {
            return "connection reset";
        }
        return m.isEmpty() ? e.getClass().getSimpleName() : m;
    }

    private static String basic(ProxyCredentials c) {
        String pair = c.username() + ":" + c.password();
        return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }

    private record Verdict(Outcome outcome, String reason) {
    }
}
