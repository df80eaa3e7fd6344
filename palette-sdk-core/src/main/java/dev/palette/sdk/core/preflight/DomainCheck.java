package dev.palette.sdk.core.preflight;

import java.time.Duration;
import java.util.Objects;

/**
 * The result of checking one domain: reachable or blocked, why, and how long the check took.
 *
 * @param domain the entry checked
 * @param outcome what happened
 * @param reason the outcome in words, e.g. {@code tunnel established} or {@code proxy answered 403 Forbidden}
 * @param elapsed how long the check of this domain took, from opening the socket to the verdict
 */
public record DomainCheck(RequiredDomain domain, Outcome outcome, String reason, Duration elapsed) {
    /** What happened when a domain was checked. */
    public enum Outcome {
        /** The proxy opened a tunnel to the domain, or (direct) the TCP connection was made. */
        REACHABLE,
        /** The proxy refused the tunnel with an HTTP status other than 407, e.g. 403 Forbidden or 502 Bad Gateway. */
        DENIED,
        /** The proxy answered 407: it wants credentials, or refused the ones sent. */
        AUTHENTICATION_REQUIRED,
        /** The proxy itself could not be reached: refused, unknown host, connect timed out. */
        PROXY_UNREACHABLE,
        /** No answer in time: the proxy did not answer the {@code CONNECT}, or (direct) the connect timed out. */
        TIMED_OUT,
        /** Direct mode: the domain refused the connection, has no address, or has no route. */
        UNREACHABLE,
        /** The proxy answered something that is not HTTP, or closed the connection without an answer. */
        PROTOCOL_ERROR
    }

    /**
     * Validates the components.
     *
     * @param domain the entry
     * @param outcome the outcome
     * @param reason the reason
     * @param elapsed the time taken
     */
    public DomainCheck {
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(elapsed, "elapsed");
    }

    /**
     * Whether the domain can be reached.
     *
     * @return {@code true} when {@link Outcome#REACHABLE}
     */
    public boolean reachable() {
        return outcome == Outcome.REACHABLE;
    }

    /**
     * Whether something is in the way.
     *
     * @return {@code true} for every outcome but {@link Outcome#REACHABLE}
     */
    public boolean blocked() {
        return !reachable();
    }

    /**
     * The check as one line.
     *
     * @return e.g. {@code docker.io:443 blocked: proxy answered 403 Forbidden (12 ms)}
     */
    public String summary() {
        return domain.hostPort() + " " + (reachable() ? "reachable" : "blocked") + ": " + reason
                + " (" + elapsed.toMillis() + " ms)";
    }
}
