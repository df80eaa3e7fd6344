package dev.palette.sdk.api.model;

import java.util.Objects;

/**
 * A cluster as stored: identity, what the user wants, and what the engine observed.
 *
 * @param metadata identity and bookkeeping
 * @param spec the desired state
 * @param status the observed state
 */
public record Cluster(ClusterMetadata metadata, ClusterSpec spec, ClusterStatus status) {
    /**
     * Validates the components.
     *
     * @param metadata the metadata
     * @param spec the spec
     * @param status the status, may be {@code null} (initial status)
     */
    public Cluster {
        Objects.requireNonNull(metadata, "metadata");
        Objects.requireNonNull(spec, "spec");
        status = status == null ? ClusterStatus.INITIAL : status;
    }

    /**
     * The cluster id.
     *
     * @return the id
     */
    public String id() {
        return metadata.id();
    }

    /**
     * A copy with another status.
     *
     * @param newStatus the status
     * @return the copy
     */
    public Cluster withStatus(ClusterStatus newStatus) {
        return new Cluster(metadata, spec, newStatus);
    }

    /**
     * A copy with another spec (the generation is not changed here; the engine does that).
     *
     * @param newSpec the spec
     * @return the copy
     */
    public Cluster withSpec(ClusterSpec newSpec) {
        return new Cluster(metadata, newSpec, status);
    }

    /**
     * A copy with other metadata.
     *
     * @param newMetadata the metadata
     * @return the copy
     */
    public Cluster withMetadata(ClusterMetadata newMetadata) {
        return new Cluster(newMetadata, spec, status);
    }

    /**
     * Whether the status reflects the latest spec and the cluster is running.
     *
     * @return {@code true} when converged
     */
    public boolean isReady() {
        return status.phase() == ClusterPhase.RUNNING && status.observedGeneration() == metadata.generation();
    }

    /**
     * A new builder.
     *
     * @return the builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A builder holding this cluster's values, for edits.
     *
     * @return the builder
     */
    public Builder toBuilder() {
        return new Builder().metadata(metadata).spec(spec).status(status);
    }

    /** Builds a {@link Cluster}. Metadata and spec are required. */
    public static final class Builder {
        private ClusterMetadata metadata;
        private ClusterSpec spec;
        private ClusterStatus status = ClusterStatus.INITIAL;

        private Builder() {
        }

        /**
         * Sets the metadata.
         *
         * @param v the metadata
         * @return this builder
         */
        public Builder metadata(ClusterMetadata v) {
            this.metadata = v;
            return this;
        }

        /**
         * Sets the spec.
         *
         * @param v the spec
         * @return this builder
         */
        public Builder spec(ClusterSpec v) {
            this.spec = v;
            return this;
        }

        /**
         * Sets the status.
         *
         * @param v the status
         * @return this builder
         */
        public Builder status(ClusterStatus v) {
            this.status = v;
            return this;
        }

        /**
         * Builds the cluster.
         *
         * @return the cluster
         */
        public Cluster build() {
            return new Cluster(metadata, spec, status);
        }
    }
}
