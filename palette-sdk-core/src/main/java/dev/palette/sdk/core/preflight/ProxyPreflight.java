package dev.palette.sdk.core.preflight;

import dev.palette.sdk.api.error.Violation;
import dev.palette.sdk.core.preflight.internal.ConnectProbe;
import dev.palette.sdk.core.preflight.internal.PreflightRules;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks, before anything is installed, that every required domain can be reached: through the site's HTTP
 * proxy by asking it for a tunnel ({@code CONNECT domain:port HTTP/1.1}, with basic credentials if set), or
 * directly with a TCP connect. Through a proxy the domain names are never resolved here: the proxy does
 * that, as it will for the platform's own traffic. Domains are checked in parallel, at most
 * {@code parallelism} at a time.
 *
 * <pre>{@code
 * PreflightReport report = ProxyPreflight.builder()
 *         .proxy("proxy.corp.example", 3128)
 *         .credentials("svc-palette", password)
 *         .domains(RequiredDomains.platform().toBuilder().add("registry.corp.example", 443, "packs").build())
 *         .build()
 *         .check();
 * report.blocked().forEach(c -> System.out.println(c.summary()));
 * }</pre>
 *
 * <p>Instances are immutable and may be checked any number of times. The credentials never appear in
 * {@link #toString()}, the report, log lines or exceptions.
 */
public final class ProxyPreflight {
    private static final Logger LOG = LoggerFactory.getLogger(ProxyPreflight.class);
    private static final AtomicInteger THREADS = new AtomicInteger();

    private final ProxySettings proxy;
    private final RequiredDomains domains;
    private final Duration connectTimeout;
    private final Duration domainTimeout;
    private final int parallelism;
    private final Executor executor;

    private ProxyPreflight(Builder b, ProxySettings proxy) {
        this.proxy = proxy;
        this.domains = b.domains;
        this.connectTimeout = b.connectTimeout;
        this.domainTimeout = b.domainTimeout;
        this.parallelism = b.parallelism;
        this.executor = b.executor;
    }

    /**
     * A builder: direct, the platform's domains, connect timeout 5 s, domain timeout 10 s, 8 at a time.
     *
     * @return the builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The proxy the checks go through.
     *
     * @return the proxy, or empty in direct mode
     */
    public Optional<ProxySettings> proxy() {
        return Optional.ofNullable(proxy);
    }

    /**
     * The domains checked.
     *
     * @return the domains
     */
    public RequiredDomains domains() {
        return domains;
    }

    /**
     * The bound on the TCP connect to the proxy (direct: to the domain).
     *
     * @return the connect timeout
     */
    public Duration connectTimeout() {
        return connectTimeout;
    }

    /**
     * The bound on the proxy's answer to one domain's {@code CONNECT}.
     *
     * @return the per-domain timeout
     */
    public Duration domainTimeout() {
        return domainTimeout;
    }

    /**
     * Checks every domain and waits for the report.
     *
     * @return one check per domain, in the order of {@link #domains()}
     */
    public PreflightReport check() {
        return checkAsync().join();
    }

    /**
     * Checks every domain without blocking the caller.
     *
     * @return completes with the report; never completes exceptionally for a network failure, which is a
     *     blocked domain in the report instead
     */
    public CompletableFuture<PreflightReport> checkAsync() {
        ConnectProbe probe = new ConnectProbe(proxy, connectTimeout, domainTimeout);
        List<RequiredDomain> list = domains.domains();
        int lanes = Math.min(parallelism, list.size());
        ExecutorService own = executor == null ? Executors.newFixedThreadPool(lanes, ProxyPreflight::thread) : null;
        Executor runOn = own != null ? own : executor;
        DomainCheck[] results = new DomainCheck[list.size()];
        AtomicInteger next = new AtomicInteger();
        // A fixed number of lanes taking the next domain when free: bounded however large the host's executor is.
        Runnable lane = () -> {
            for (int i = next.getAndIncrement(); i < list.size(); i = next.getAndIncrement()) {
                results[i] = probe.check(list.get(i));
                LOG.debug("preflight {} {}", probe.route(), results[i].summary());
            }
        };
        CompletableFuture<?>[] running = new CompletableFuture<?>[lanes];
        Arrays.setAll(running, i -> CompletableFuture.runAsync(lane, runOn));
        CompletableFuture<PreflightReport> report = CompletableFuture.allOf(running)
                .thenApply(done -> new PreflightReport(probe.route(), Arrays.asList(results)));
        if (own != null) {
            report.whenComplete((r, e) -> own.shutdown());
        }
        return report;
    }

    /**
     * The configuration, without credentials.
     *
     * @return e.g. {@code ProxyPreflight[via proxy proxy.corp:3128, 9 domains, connect 5000 ms, domain 10000 ms]}
     */
    @Override
    public String toString() {
        return "ProxyPreflight[" + (proxy == null ? "direct" : "via proxy " + proxy.address()
                + (proxy.credentials() == null ? "" : " with credentials (redacted)")) + ", " + domains.size()
                + " domains, connect " + connectTimeout.toMillis() + " ms, domain " + domainTimeout.toMillis() + " ms]";
    }

    private static Thread thread(Runnable r) {
        Thread t = new Thread(r, "palette-preflight-" + THREADS.incrementAndGet());
        t.setDaemon(true);
        return t;
    }

    /** Builds a {@link ProxyPreflight}; {@link #build()} reports every bad value at once, with its field path. */
    public static final class Builder {
        private String proxyHost;
        private int proxyPort;
        private String username;
        private String password;
        private RequiredDomains domains = RequiredDomains.platform();
        private Duration connectTimeout = Duration.ofSeconds(5);
        private Duration domainTimeout = Duration.ofSeconds(10);
        private int parallelism = 8;
        private Executor executor;

        private Builder() {
        }

        /**
         * Goes through a proxy.
         *
         * @param host the proxy's host name or address
         * @param port the proxy's port
         * @return this builder
         */
        public Builder proxy(String host, int port) {
            this.proxyHost = host == null ? "" : host;
            this.proxyPort = port;
            return this;
        }

        /**
         * Goes through a proxy, with its credentials if it has some.
         *
         * @param settings the proxy
         * @return this builder
         */
        public Builder proxy(ProxySettings settings) {
            proxy(settings.host(), settings.port());
            settings.basicCredentials().ifPresentOrElse(c -> credentials(c.username(), c.password()), this::noCredentials);
            return this;
        }

        /**
         * Sends basic credentials to the proxy.
         *
         * @param user the user name
         * @param secret the password
         * @return this builder
         */
        public Builder credentials(String user, String secret) {
            this.username = Objects.requireNonNullElse(user, "");
            this.password = Objects.requireNonNullElse(secret, "");
            return this;
        }

        /**
         * Sends no credentials (the default).
         *
         * @return this builder
         */
        public Builder noCredentials() {
            this.username = null;
            this.password = null;
            return this;
        }

        /**
         * Connects to each domain directly, with no proxy (the default).
         *
         * @return this builder
         */
        public Builder direct() {
            this.proxyHost = null;
            return noCredentials();
        }

        /**
         * Sets the domains to check (default: {@link RequiredDomains#platform()}).
         *
         * @param v the domains
         * @return this builder
         */
        public Builder domains(RequiredDomains v) {
            this.domains = Objects.requireNonNull(v, "domains");
            return this;
        }

        /**
         * Sets the bound on the TCP connect to the proxy, or direct to a domain (default 5 s).
         *
         * @param v the timeout, &gt; 0
         * @return this builder
         */
        public Builder connectTimeout(Duration v) {
            this.connectTimeout = v;
            return this;
        }

        /**
         * Sets the bound on the proxy's answer to one domain's {@code CONNECT} (default 10 s).
         *
         * @param v the timeout, &gt; 0
         * @return this builder
         */
        public Builder domainTimeout(Duration v) {
            this.domainTimeout = v;
            return this;
        }

        /**
         * Sets how many domains are checked at once (default 8).
         *
         * @param v at least 1
         * @return this builder
         */
        public Builder parallelism(int v) {
            this.parallelism = v;
            return this;
        }

        /**
         * Runs the checks on the host's executor instead of threads of the preflight's own; still at most
         * {@code parallelism} at a time. Each check blocks its thread until its answer or its timeout.
         *
         * @param v the executor, or {@code null} for the preflight's own threads
         * @return this builder
         */
        public Builder executor(Executor v) {
            this.executor = v;
            return this;
        }

        /**
         * Builds the preflight.
         *
         * @return the preflight
         * @throws dev.palette.sdk.api.error.ValidationException listing every bad value with its field path
         *     ({@code proxy.host}, {@code proxy.port}, {@code proxy.credentials.username}, {@code connectTimeout},
         *     {@code domainTimeout}, {@code parallelism}, {@code domains}), never a credential's value
         */
        public ProxyPreflight build() {
            List<Violation> out = new ArrayList<>();
            if (proxyHost != null) {
                out.addAll(ProxySettings.violations(proxyHost, proxyPort));
                if (username != null) {
                    PreflightRules.credentials("proxy.credentials", username, password, out);
                }
            } else if (username != null) {
                out.add(Violation.of("proxy", "must be set when credentials are given"));
            }
            PreflightRules.timeout("connectTimeout", connectTimeout, out);
            PreflightRules.timeout("domainTimeout", domainTimeout, out);
            if (parallelism < 1) {
                out.add(Violation.of("parallelism", "must be >= 1"));
            }
            if (domains.size() == 0) {
                out.add(Violation.of("domains", "must contain at least one domain"));
            }
            PreflightRules.throwIfAny(out);
            ProxySettings settings = proxyHost == null ? null
                    : username == null ? ProxySettings.of(proxyHost, proxyPort)
                    : ProxySettings.of(proxyHost, proxyPort).withCredentials(username, password);
            return new ProxyPreflight(this, settings);
        }
    }
}
