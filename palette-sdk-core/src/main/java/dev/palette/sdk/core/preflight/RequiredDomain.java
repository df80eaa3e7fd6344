package dev.palette.sdk.core.preflight;

import dev.palette.sdk.api.error.ValidationException;
import dev.palette.sdk.api.error.Violation;
import dev.palette.sdk.core.preflight.internal.PreflightRules;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One domain the platform must reach, on one port, and why. A whitelist entry for a top-level domain such
 * as {@code docker.io} is meant to cover its sub-domains too; the preflight probes the name as written.
 *
 * @param domain the host name, e.g. {@code gcr.io}
 * @param port the TCP port, e.g. 443
 * @param purpose what the platform needs it for, in words; empty when unknown
 */
public record RequiredDomain(String domain, int port, String purpose) {
    /**
     * Validates the components.
     *
     * @param domain the host name
     * @param port the port
     * @param purpose what it is for; {@code null} for none
     * @throws dev.palette.sdk.api.error.ValidationException naming {@code domain} or {@code port}
     */
    public RequiredDomain {
        purpose = purpose == null ? "" : purpose;
        PreflightRules.throwIfAny(violations("", domain, port));
    }

    /**
     * An entry with no stated purpose.
     *
     * @param domain the host name
     * @param port the port
     * @return the entry
     */
    public static RequiredDomain of(String domain, int port) {
        return new RequiredDomain(domain, port, "");
    }

    /**
     * Reads {@code host:port}, or a bare {@code host} meaning port 443.
     *
     * @param text the text, e.g. {@code registry.example.com:443}
     * @param purpose what it is for; {@code null} for none
     * @return the entry
     * @throws dev.palette.sdk.api.error.ValidationException when the text is no host and port
     */
    public static RequiredDomain parse(String text, String purpose) {
        Objects.requireNonNull(text, "text");
        int colon = text.lastIndexOf(':');
        if (colon < 0) {
            return new RequiredDomain(text.trim(), 443, purpose);
        }
        String portText = text.substring(colon + 1).trim();
        int port;
        try {
            port = Integer.parseInt(portText);
        } catch (NumberFormatException e) {
            throw new ValidationException("port",
                    "must be a number between 1 and 65535 after the ':' of host:port, got '" + portText + "'");
        }
        return new RequiredDomain(text.substring(0, colon).trim(), port, purpose);
    }

    /**
     * The entry as {@code host:port}, the way a {@code CONNECT} request names it.
     *
     * @return host and port
     */
    public String hostPort() {
        return domain + ":" + port;
    }

    /**
     * The problems of an entry's values.
     *
     * @param prefix the field path of the entry, e.g. {@code domains[2].}; empty for a lone entry
     * @param domain the host name
     * @param port the port
     * @return the violations, empty when the entry is good
     */
    static List<Violation> violations(String prefix, String domain, int port) {
        List<Violation> out = new ArrayList<>();
        PreflightRules.host(prefix + "domain", domain, out);
        PreflightRules.port(prefix + "port", port, out);
        return out;
    }
}
