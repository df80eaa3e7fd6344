package dev.palette.sdk.api.model;

import java.time.Instant;
import java.util.Objects;

/**
 * When one of a cluster's certificates expires, so that day-2 operations can renew it in time.
 *
 * @param name which certificate, e.g. {@code ca}, {@code apiserver}, {@code admin}
 * @param notAfter its expiry
 */
public record CertificateExpiry(String name, Instant notAfter) {
    /**
     * Validates the components.
     *
     * @param name the name
     * @param notAfter the expiry
     */
    public CertificateExpiry {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(notAfter, "notAfter");
    }
}
