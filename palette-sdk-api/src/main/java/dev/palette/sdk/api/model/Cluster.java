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
}
