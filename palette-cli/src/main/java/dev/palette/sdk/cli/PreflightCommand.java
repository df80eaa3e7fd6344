package dev.palette.sdk.cli;

import dev.palette.sdk.api.error.ValidationException;
import dev.palette.sdk.api.error.Violation;
import dev.palette.sdk.core.preflight.DomainCheck;
import dev.palette.sdk.core.preflight.PreflightReport;
import dev.palette.sdk.core.preflight.ProxyPreflight;
import dev.palette.sdk.core.preflight.ProxySettings;
import dev.palette.sdk.core.preflight.RequiredDomain;
import dev.palette.sdk.core.preflight.RequiredDomains;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.UnaryOperator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code palette preflight}: can the platform's domains be reached, through the proxy or directly. */
@Command(name = "preflight", mixinStandardHelpOptions = true,
        description = "Check that every domain the platform needs can be reached on its port: through the HTTP proxy "
                + "with CONNECT, or directly. Prints one line per domain; exits 1 if any is blocked, 2 on bad options.")
public final class PreflightCommand implements Callable<Integer> {
    /** The environment variable holding the proxy password, so it never shows in a process list or shell history. */
    static final String PASSWORD_VARIABLE = "PALETTE_PROXY_PASSWORD";

    @Option(names = "--proxy", paramLabel = "HOST:PORT", description = "The HTTP proxy (default: connect directly).")
    String proxy;

    @Option(names = "--proxy-user", paramLabel = "USER",
            description = "User for the proxy's basic authentication; the password is read from " + PASSWORD_VARIABLE + ".")
    String proxyUser;

    @Option(names = "--domain", paramLabel = "HOST:PORT", description = "A further domain to check (repeatable).")
    List<String> extraDomains = new ArrayList<>();

    @Option(names = "--only", description = "Check only the --domain entries, not the platform's list.")
    boolean only;

    @Option(names = "--timeout-ms", paramLabel = "N", defaultValue = "5000",
            description = "Connect timeout, and time each domain's answer may take, in ms (default ${DEFAULT-VALUE}).")
    long timeoutMs;

    /** Reads environment variables; a test replaces it. */
    UnaryOperator<String> environment = System::getenv;

    @Override
    public Integer call() {
        if (timeoutMs <= 0) {
            System.out.println("--timeout-ms: must be > 0");
            return 2;
        }
        ProxyPreflight preflight;
        try {
            preflight = configure();
        } catch (ValidationException e) {
            e.violations().stream().map(Violation::toString).forEach(System.out::println);
            return 2;
        } catch (IllegalStateException e) {
            System.out.println(e.getMessage());
            return 2;
        }
        System.out.printf("Preflight of %d domains %s (timeout %d ms)%n", preflight.domains().size(),
                preflight.proxy().map(p -> "via proxy " + p.address()).orElse("direct"), timeoutMs);
        PreflightReport report = preflight.check();
        for (DomainCheck c : report.checks()) {
            System.out.printf("%-9s  %-28s %s (%d ms)%s%n", c.reachable() ? "reachable" : "blocked", c.domain().hostPort(),
                    c.reason(), c.elapsed().toMillis(), c.domain().purpose().isEmpty() ? "" : "  " + c.domain().purpose());
        }
        System.out.println(report.summary());
        return report.allReachable() ? 0 : 1;
    }

    private ProxyPreflight configure() {
        ProxyPreflight.Builder b = ProxyPreflight.builder()
                .connectTimeout(Duration.ofMillis(timeoutMs)).domainTimeout(Duration.ofMillis(timeoutMs));
        if (proxy != null) {
            b.proxy(ProxySettings.parse(proxy));
        }
        if (proxyUser != null) {
            String password = environment.apply(PASSWORD_VARIABLE);
            if (password == null) {
                throw new IllegalStateException("--proxy-user: set " + PASSWORD_VARIABLE + " to the proxy password");
            }
            b.credentials(proxyUser, password);
        }
        RequiredDomains.Builder domains = only ? RequiredDomains.builder() : RequiredDomains.platform().toBuilder();
        for (String d : extraDomains) {
            try {
                domains.add(RequiredDomain.parse(d, "added with --domain"));
            } catch (ValidationException e) {
                throw new ValidationException(e.violations().stream()
                        .map(v -> Violation.of("--domain " + d + ": " + v.path(), v.message())).toList());
            }
        }
        return b.domains(domains.build()).build();
    }
}
