package dev.palette.sdk.api.store;

import java.util.Optional;

/**
 * Which clusters to list, and which page.
 *
 * @param tenant only this tenant's clusters; empty for all tenants
 * @param project only this project's clusters (within the tenant); empty for all projects
 * @param afterId return clusters whose id sorts after this one (the last id of the previous page); empty
 *     for the first page
 * @param limit at most this many clusters
 */
public record ClusterQuery(Optional<String> tenant, Optional<String> project, Optional<String> afterId, int limit) {
    /** The largest page a store must support. */
    public static final int MAX_LIMIT = 100_000;

    /**
     * Validates the components.
     *
     * @param tenant the tenant filter
     * @param project the project filter
     * @param afterId the paging cursor
     * @param limit the page size
     */
    public ClusterQuery {
        tenant = tenant == null ? Optional.empty() : tenant;
        project = project == null ? Optional.empty() : project;
        afterId = afterId == null ? Optional.empty() : afterId;
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT);
        }
    }

    /**
     * Every cluster, one large page.
     *
     * @return the query
     */
    public static ClusterQuery all() {
        return new ClusterQuery(Optional.empty(), Optional.empty(), Optional.empty(), MAX_LIMIT);
    }

    /**
     * A tenant's clusters.
     *
     * @param tenant the tenant
     * @return the query
     */
    public static ClusterQuery tenant(String tenant) {
        return new ClusterQuery(Optional.of(tenant), Optional.empty(), Optional.empty(), MAX_LIMIT);
    }

    /**
     * A project's clusters.
     *
     * @param tenant the tenant
     * @param project the project
     * @return the query
     */
    public static ClusterQuery project(String tenant, String project) {
        return new ClusterQuery(Optional.of(tenant), Optional.of(project), Optional.empty(), MAX_LIMIT);
    }

    /**
     * The same filter, another page.
     *
     * @param after the last id of the previous page, or {@code null} for the first
     * @param pageSize the page size
     * @return the query
     */
    public ClusterQuery page(String after, int pageSize) {
        return new ClusterQuery(tenant, project, Optional.ofNullable(after), pageSize);
    }
}
