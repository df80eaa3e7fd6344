package dev.palette.sdk.core.preflight;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a preflight found: one {@link DomainCheck} per domain, in the order of the
 * {@link RequiredDomains} checked.
 *
 * @param route how the domains were reached: {@code via proxy host:port} or {@code direct}; never credentials
 * @param checks one check per domain
 */
public record PreflightReport(String route, List<DomainCheck> checks) {
    /**
     * Copies the checks.
     *
     * @param route the route
     * @param checks the checks
     */
    public PreflightReport {
        Objects.requireNonNull(route, "route");
        checks = List.copyOf(checks);
    }

    /**
     * Whether every domain can be reached.
     *
     * @return {@code true} when nothing is blocked
     */
    public boolean allReachable() {
        return checks.stream().allMatch(DomainCheck::reachable);
    }

    /**
     * The domains that cannot be reached, with the reasons.
     *
     * @return the blocked checks, in order
     */
    public List<DomainCheck> blocked() {
        return checks.stream().filter(DomainCheck::blocked).toList();
    }

    /**
     * The check of one domain and port.
     *
     * @param domain the host name
     * @param port the port
     * @return the check, or empty when that domain was not checked
     */
    public Optional<DomainCheck> check(String domain, int port) {
        return checks.stream().filter(c -> c.domain().port() == port && c.domain().domain().equalsIgnoreCase(domain))
                .findFirst();
    }

    /**
     * The verdict in one line.
     *
     * @return e.g. {@code 9 domains via proxy proxy.corp:3128: 8 reachable, 1 blocked}
     */
    public String summary() {
        int blocked = blocked().size();
        return checks.size() + " domain" + (checks.size() == 1 ? "" : "s") + " " + route + ": "
                + (checks.size() - blocked) + " reachable, " + blocked + " blocked";
    }
}
