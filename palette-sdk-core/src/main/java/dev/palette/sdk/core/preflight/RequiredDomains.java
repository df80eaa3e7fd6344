package dev.palette.sdk.core.preflight;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The domains a preflight checks, in order: by default the platform's proxy whitelist
 * ({@link #platform()}), which a host extends with its own registries and mirrors or replaces altogether.
 *
 * <pre>{@code
 * RequiredDomains domains = RequiredDomains.platform().toBuilder()
 *         .add("registry.corp.example", 443, "our pack registry")
 *         .remove("grafana.com")
 *         .build();
 * }</pre>
 *
 * @param domains the entries, in the order they are reported; no two with the same domain and port
 */
public record RequiredDomains(List<RequiredDomain> domains) {
    /**
     * The proxy whitelist of the Palette platform: the top-level domains its management plane and
     * clusters reach, all on port 443.
     */
    private static final RequiredDomains PLATFORM = builder()
            .add("spectrocloud.com", 443, "the Palette SaaS")
            .add("s3.amazonaws.com", 443, "the Palette VMware OVA files")
            .add("gcr.io", 443, "the Palette image files")
            .add("docker.io", 443, "the Palette pack registries")
            .add("googleapis.com", 443, "pulling Palette images")
            .add("docker.com", 443, "the Palette Docker images")
            .add("projectcalico.org", 443, "egress management (Calico)")
            .add("quay.io", 443, "container image registry access")
            .add("grafana.com", 443, "the dashboard metrics")
            .build();

    /**
     * Copies the list; duplicates (same domain and port) keep their first position and the last purpose.
     *
     * @param domains the entries
     */
    public RequiredDomains {
        Objects.requireNonNull(domains, "domains");
        domains = List.copyOf(dedupe(domains));
    }

    /**
     * The platform's proxy whitelist: {@code spectrocloud.com}, {@code s3.amazonaws.com}, {@code gcr.io},
     * {@code docker.io}, {@code googleapis.com}, {@code docker.com}, {@code projectcalico.org},
     * {@code quay.io} and {@code grafana.com}, each on port 443.
     *
     * @return the platform's list
     */
    public static RequiredDomains platform() {
        return PLATFORM;
    }

    /**
     * An empty builder, for a list of the host's own.
     *
     * @return the builder
     */
    public static Builder builder() {
        return new Builder(List.of());
    }

    /**
     * A builder holding these entries, to extend or trim them.
     *
     * @return the builder
     */
    public Builder toBuilder() {
        return new Builder(domains);
    }

    /**
     * The number of entries.
     *
     * @return the size
     */
    public int size() {
        return domains.size();
    }

    private static List<RequiredDomain> dedupe(List<RequiredDomain> in) {
        List<RequiredDomain> out = new ArrayList<>(in.size());
        in.forEach(d -> upsert(out, Objects.requireNonNull(d, "domains contains null")));
        return out;
    }

    /** Adds the entry at the end, or in place of the entry with the same domain (any case) and port. */
    private static void upsert(List<RequiredDomain> list, RequiredDomain entry) {
        for (int i = 0; i < list.size(); i++) {
            RequiredDomain d = list.get(i);
            if (d.port() == entry.port() && d.domain().equalsIgnoreCase(entry.domain())) {
                list.set(i, entry);
                return;
            }
        }
        list.add(entry);
    }

    /** Builds {@link RequiredDomains}; each entry is validated as it is added. */
    public static final class Builder {
        private final List<RequiredDomain> domains;

        private Builder(List<RequiredDomain> start) {
            this.domains = new ArrayList<>(start);
        }

        /**
         * Adds an entry at the end, or updates the purpose of the entry with the same domain and port.
         *
         * @param domain the host name
         * @param port the port
         * @param purpose what it is for
         * @return this builder
         * @throws dev.palette.sdk.api.error.ValidationException when the domain or port is bad
         */
        public Builder add(String domain, int port, String purpose) {
            return add(new RequiredDomain(domain, port, purpose));
        }

        /**
         * Adds an entry at the end, or replaces the entry with the same domain and port.
         *
         * @param entry the entry
         * @return this builder
         */
        public Builder add(RequiredDomain entry) {
            upsert(domains, Objects.requireNonNull(entry, "entry"));
            return this;
        }

        /**
         * Adds every entry of another list.
         *
         * @param other the entries
         * @return this builder
         */
        public Builder addAll(RequiredDomains other) {
            other.domains().forEach(this::add);
            return this;
        }

        /**
         * Removes every entry of a domain, whatever its port.
         *
         * @param domain the host name
         * @return this builder
         */
        public Builder remove(String domain) {
            domains.removeIf(d -> d.domain().equalsIgnoreCase(domain));
            return this;
        }

        /**
         * Removes every entry, to replace the list.
         *
         * @return this builder
         */
        public Builder clear() {
            domains.clear();
            return this;
        }

        /**
         * Builds the list.
         *
         * @return the list
         */
        public RequiredDomains build() {
            return new RequiredDomains(domains);
        }
    }
}
