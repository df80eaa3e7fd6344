package dev.palette.sdk.api.model;

import dev.palette.sdk.api.internal.Immutable;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Identity and bookkeeping of a stored cluster.
 *
 * @param id the cluster id, assigned at creation, used to tag every cloud resource
 * @param name the cluster name, unique within its project
 * @param tenant the tenant it belongs to
 * @param project the project it belongs to
 * @param labels free-form labels
 * @param resourceVersion the store's version of this record; every write increments it and a write
 *     based on an older version fails with a {@code ConflictException}
 * @param generation incremented on every change of the spec (not of the status)
 * @param createdAt when it was created
 * @param deletionRequestedAt when deletion was requested; the record stays until every cloud resource is gone
 */
public record ClusterMetadata(String id, String name, String tenant, String project, Map<String, String> labels,
                              long resourceVersion, long generation, Instant createdAt,
                              Optional<Instant> deletionRequestedAt) {
    /** The tenant used when a host has no tenancy of its own. */
    public static final String DEFAULT_TENANT = "default";
    /** The project used when a host has no projects of its own. */
    public static final String DEFAULT_PROJECT = "default";

    /**
     * Validates and copies the components.
     *
     * @param id the id
     * @param name the name
     * @param tenant the tenant, may be {@code null} (default tenant)
     * @param project the project, may be {@code null} (default project)
     * @param labels the labels, may be {@code null}
     * @param resourceVersion the resource version
     * @param generation the generation
     * @param createdAt the creation time
     * @param deletionRequestedAt the deletion time, may be {@code null}
     */
    public ClusterMetadata {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        tenant = tenant == null || tenant.isEmpty() ? DEFAULT_TENANT : tenant;
        project = project == null || project.isEmpty() ? DEFAULT_PROJECT : project;
        labels = Immutable.map(labels);
        Objects.requireNonNull(createdAt, "createdAt");
        deletionRequestedAt = deletionRequestedAt == null ? Optional.empty() : deletionRequestedAt;
    }

    /**
     * A copy with another resource version (stores use this on every write).
     *
     * @param version the new resource version
     * @return the copy
     */
    public ClusterMetadata withResourceVersion(long version) {
        return new ClusterMetadata(id, name, tenant, project, labels, version, generation, createdAt,
                deletionRequestedAt);
    }

    /**
     * A copy with another generation.
     *
     * @param newGeneration the generation
     * @return the copy
     */
    public ClusterMetadata withGeneration(long newGeneration) {
        return new ClusterMetadata(id, name, tenant, project, labels, resourceVersion, newGeneration, createdAt,
                deletionRequestedAt);
    }

    /**
     * A copy marked for deletion.
     *
     * @param at when deletion was requested
     * @return the copy
     */
    public ClusterMetadata withDeletionRequestedAt(Instant at) {
        return new ClusterMetadata(id, name, tenant, project, labels, resourceVersion, generation, createdAt,
                Optional.of(at));
    }

    /**
     * A copy with other labels.
     *
     * @param newLabels the labels
     * @return the copy
     */
    public ClusterMetadata withLabels(Map<String, String> newLabels) {
        return new ClusterMetadata(id, name, tenant, project, newLabels, resourceVersion, generation, createdAt,
                deletionRequestedAt);
    }
}
