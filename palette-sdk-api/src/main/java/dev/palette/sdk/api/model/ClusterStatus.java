package dev.palette.sdk.api.model;

import dev.palette.sdk.api.internal.Immutable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the engine observed of a cluster and did to it.
 *
 * @param phase the summary phase
 * @param conditions the lifecycle conditions, in {@link ConditionTypes} order
 * @param machines the machines, in creation order
 * @param endpoint the API server endpoint ({@code https://host:6443}); empty until known
 * @param observedGeneration the spec generation the status reflects
 * @param infrastructure ids of cloud resources the engine made for the cluster (network, load balancer,
 *     image), by role; never secrets
 * @param upgradeHistory the cluster's upgrade details: every machine replacement with its reasons, newest last
 * @param certificates when the cluster's certificates expire
 * @param lastError the most recent error message, empty when the last step succeeded
 */
public record ClusterStatus(ClusterPhase phase, List<Condition> conditions, List<Machine> machines,
                            String endpoint, long observedGeneration, Map<String, String> infrastructure,
                            List<UpgradeRecord> upgradeHistory, List<CertificateExpiry> certificates, String lastError) {

    /** The status of a cluster nobody has acted on yet. */
    public static final ClusterStatus INITIAL =
            new ClusterStatus(ClusterPhase.PENDING, List.of(), List.of(), "", 0, Map.of(), List.of(), List.of(), "");

    /**
     * Copies the components.
     *
     * @param phase the phase
     * @param conditions the conditions, may be {@code null}
     * @param machines the machines, may be {@code null}
     * @param endpoint the endpoint, may be {@code null}
     * @param observedGeneration the observed generation
     * @param infrastructure the infrastructure ids, may be {@code null}
     * @param upgradeHistory the upgrade history, may be {@code null}
     * @param certificates the certificate expiries, may be {@code null}
     * @param lastError the last error, may be {@code null}
     */
    public ClusterStatus {
        phase = phase == null ? ClusterPhase.PENDING : phase;
        conditions = Immutable.list(conditions);
        machines = Immutable.list(machines);
        endpoint = endpoint == null ? "" : endpoint;
        infrastructure = Immutable.map(infrastructure);
        upgradeHistory = Immutable.list(upgradeHistory);
        certificates = Immutable.list(certificates);
        lastError = lastError == null ? "" : lastError;
    }

    /**
     * A condition by type.
     *
     * @param type the condition type
     * @return the condition, if set
     */
    public Optional<Condition> condition(String type) {
        return conditions.stream().filter(c -> c.type().equals(type)).findFirst();
    }

    /**
     * The conditions that report a failure.
     *
     * @return the failed conditions
     */
    public List<Condition> failedConditions() {
        return conditions.stream().filter(Condition::isFailed).toList();
    }

    /**
     * The machines of one pool.
     *
     * @param pool the pool name
     * @return its machines
     */
    public List<Machine> machines(String pool) {
        return machines.stream().filter(m -> m.pool().equals(pool)).toList();
    }

    /**
     * One line for humans: phase, then each condition that is not TRUE (or "all conditions true").
     *
     * @return the summary
     */
    public String summary() {
        List<String> notTrue = conditions.stream().filter(c -> !c.isTrue()).map(Condition::summary).toList();
        return phase + " — " + machines.size() + " machine" + (machines.size() == 1 ? "" : "s") + "; "
                + (notTrue.isEmpty() ? "all conditions true" : String.join("; ", notTrue));
    }

    /**
     * A new builder.
     *
     * @return the builder
     */
    public static Builder builder() {
        return INITIAL.toBuilder();
    }

    /**
     * A builder holding this status's values, for edits.
     *
     * @return the builder
     */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.phase = phase;
        b.conditions = new ArrayList<>(conditions);
        b.machines = new ArrayList<>(machines);
        b.endpoint = endpoint;
        b.observedGeneration = observedGeneration;
        b.infrastructure = new LinkedHashMap<>(infrastructure);
        b.upgradeHistory = new ArrayList<>(upgradeHistory);
        b.certificates = new ArrayList<>(certificates);
        b.lastError = lastError;
        return b;
    }

    /** Builds a {@link ClusterStatus}. */
    public static final class Builder {
        private ClusterPhase phase;
        private List<Condition> conditions;
        private List<Machine> machines;
        private String endpoint;
        private long observedGeneration;
        private Map<String, String> infrastructure;
        private List<UpgradeRecord> upgradeHistory;
        private List<CertificateExpiry> certificates;
        private String lastError;

        private Builder() {
        }

        /**
         * Sets the phase.
         *
         * @param v the phase
         * @return this builder
         */
        public Builder phase(ClusterPhase v) { this.phase = v; return this; }

        /**
         * Sets the conditions.
         *
         * @param v the conditions
         * @return this builder
         */
        public Builder conditions(List<Condition> v) { this.conditions = new ArrayList<>(v); return this; }

        /**
         * Sets the machines.
         *
         * @param v the machines
         * @return this builder
         */
        public Builder machines(List<Machine> v) { this.machines = new ArrayList<>(v); return this; }

        /**
         * Sets the endpoint.
         *
         * @param v the endpoint
         * @return this builder
         */
        public Builder endpoint(String v) { this.endpoint = v; return this; }

        /**
         * Sets the observed generation.
         *
         * @param v the observed generation
         * @return this builder
         */
        public Builder observedGeneration(long v) { this.observedGeneration = v; return this; }

        /**
         * Sets the infrastructure ids.
         *
         * @param v the infrastructure ids
         * @return this builder
         */
        public Builder infrastructure(Map<String, String> v) { this.infrastructure = new LinkedHashMap<>(v); return this; }

        /**
         * Sets the upgrade history.
         *
         * @param v the upgrade history
         * @return this builder
         */
        public Builder upgradeHistory(List<UpgradeRecord> v) { this.upgradeHistory = new ArrayList<>(v); return this; }

        /**
         * Sets the certificate expiries.
         *
         * @param v the certificate expiries
         * @return this builder
         */
        public Builder certificates(List<CertificateExpiry> v) { this.certificates = new ArrayList<>(v); return this; }

        /**
         * Sets the last error.
         *
         * @param v the last error
         * @return this builder
         */
        public Builder lastError(String v) { this.lastError = v; return this; }

        /**
         * Builds the status.
         *
         * @return the status
         */
        public ClusterStatus build() {
            return new ClusterStatus(phase, conditions, machines, endpoint, observedGeneration, infrastructure,
                    upgradeHistory, certificates, lastError);
        }
    }
}
