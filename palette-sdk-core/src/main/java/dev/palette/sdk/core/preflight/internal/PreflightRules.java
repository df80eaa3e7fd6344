package dev.palette.sdk.core.preflight.internal;

import dev.palette.sdk.api.error.ValidationException;
import dev.palette.sdk.api.error.Violation;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The validation rules of the preflight's configuration, each adding violations with their field path to a
 * list, so that a builder can report every problem at once. Messages never repeat the values of the
 * credentials.
 */
public final class PreflightRules {
    /**
     * A host name or IPv4 address (letters, digits, dots, hyphens, underscores) or a bracketed IPv6 address:
     * nothing that could break a request line.
     */
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)*|\\[[0-9A-Fa-f:.]+]");
    /** RFC 1035's limit on a whole name. */
    private static final int MAX_HOST_LENGTH = 253;

    private PreflightRules() {
    }

    /**
     * Checks a host name to connect to.
     *
     * @param path the field path
     * @param host the name
     * @param out where violations go
     */
    public static void host(String path, String host, List<Violation> out) {
        if (host == null || host.isBlank()) {
            out.add(Violation.of(path, "must not be empty"));
        } else if (host.length() > MAX_HOST_LENGTH) {
            out.add(Violation.of(path, "must be at most " + MAX_HOST_LENGTH + " characters"));
        } else if (!HOST.matcher(host).matches()) {
            out.add(Violation.of(path, "must be a host name such as proxy.example.com (letters, digits, '.', '-')"));
        }
    }

    /**
     * Checks a TCP port.
     *
     * @param path the field path
     * @param port the port
     * @param out where violations go
     */
    public static void port(String path, int port, List<Violation> out) {
        if (port < 1 || port > 65535) {
            out.add(Violation.of(path, "must be between 1 and 65535"));
        }
    }

    /**
     * Checks a timeout: positive and small enough for a socket option.
     *
     * @param path the field path
     * @param timeout the timeout
     * @param out where violations go
     */
    public static void timeout(String path, Duration timeout, List<Violation> out) {
        if (timeout == null || timeout.isZero() || timeout.isNegative()) {
            out.add(Violation.of(path, "must be > 0"));
        } else if (timeout.compareTo(Duration.ofMillis(Integer.MAX_VALUE)) > 0) {
            out.add(Violation.of(path, "must be at most " + Integer.MAX_VALUE + " ms"));
        }
    }

    /**
     * Checks basic credentials without ever naming their values.
     *
     * @param path the field path of the credentials
     * @param username the user name
     * @param password the password
     * @param out where violations go
     */
    public static void credentials(String path, String username, String password, List<Violation> out) {
        if (username == null || username.isEmpty()) {
            out.add(Violation.of(path + ".username", "must not be empty"));
        } else if (username.indexOf(':') >= 0 || hasControl(username)) {
            // Basic authentication joins user and password with ':', so a colon in the user name is ambiguous.
            out.add(Violation.of(path + ".username", "must contain no ':' and no control characters"));
        }
        if (password == null) {
            out.add(Violation.of(path + ".password", "must not be null"));
        } else if (hasControl(password)) {
            out.add(Violation.of(path + ".password", "must contain no control characters"));
        }
    }

    /**
     * Throws when violations were found.
     *
     * @param violations the violations found
     * @throws ValidationException when there is at least one
     */
    public static void throwIfAny(List<Violation> violations) {
        if (!violations.isEmpty()) {
            throw new ValidationException(violations);
        }
    }

    private static boolean hasControl(String s) {
        return s.chars().anyMatch(Character::isISOControl);
    }
}
