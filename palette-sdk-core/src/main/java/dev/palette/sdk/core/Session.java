package dev.palette.sdk.core;

import dev.palette.sdk.api.auth.Permission;
import dev.palette.sdk.api.auth.Principal;
import dev.palette.sdk.api.error.AccessDeniedException;
import dev.palette.sdk.api.error.NotFoundException;
import dev.palette.sdk.api.error.ValidationException;
import dev.palette.sdk.api.error.Violation;
import dev.palette.sdk.api.model.ChangePlan;
import dev.palette.sdk.api.model.Cluster;
import dev.palette.sdk.api.model.ClusterEvent;
import dev.palette.sdk.api.model.ClusterSpec;
import dev.palette.sdk.api.store.ClusterQuery;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * The engine as one principal sees it: every call is checked against the principal's tenant and role
 * bindings. A cluster the principal may not read does not exist for it ({@link NotFoundException}, as
 * for an unknown id, so nothing tells it apart); a cluster it may read but not change gives
 * {@link AccessDeniedException} naming the missing permission.
 *
 * <p>Get one with {@link PaletteEngine#session(Principal)}; it is cheap and holds no resources.
 */
public final class Session {
    private final Principal principal;
    private final Clusters clusters;
    private final Events events;
    private final Map<String, ProjectSettings> projectSettings;
    private final Scans scans;
    private final LogBundles logBundles;

    Session(Principal principal, Clusters clusters, Events events, Map<String, ProjectSettings> projectSettings, Scans scans,
            LogBundles logBundles) {
        this.principal = principal;
        this.clusters = clusters;
        this.events = events;
        this.projectSettings = projectSettings;
        this.scans = scans;
        this.logBundles = logBundles;
    }

    /** A fresh project settings table for an engine. */
    static Map<String, ProjectSettings> newSettingsTable() {
        return new ConcurrentHashMap<>();
    }

    /**
     * The principal.
     *
     * @return the principal
     */
    public Principal principal() {
        return principal;
    }

    /**
     * Creates a cluster in a project of the principal's tenant, with the project's default labels and within
     * its allowed providers.
     *
     * @param project the project
     * @param name the cluster name
     * @param spec the spec
     * @param labels the cluster's labels
     * @return the stored cluster
     * @throws AccessDeniedException without {@code cluster.create} in the project
     * @throws ValidationException if the spec is invalid or its provider is not allowed in the project
     */
    public Cluster create(String project, String name, ClusterSpec spec, Map<String, String> labels) {
        require(Permission.CLUSTER_CREATE, principal.tenant(), project);
        ProjectSettings settings = settings(project);
        if (!settings.allowedProviders().isEmpty() && !settings.allowedProviders().contains(spec.cloud().provider())) {
            throw new ValidationException(List.of(Violation.of("spec.cloud.provider", "'" + spec.cloud().provider()
                    + "' is not allowed in project '" + project + "' (allowed: " + String.join(", ", settings.allowedProviders()) + ")")));
        }
        Map<String, String> all = new LinkedHashMap<>(settings.defaultLabels());
        all.putAll(labels);
        return clusters.create(principal.tenant(), project, name, spec, all);
    }

    /**
     * Reads a cluster the principal may read.
     *
     * @param id the cluster id
     * @return the cluster
     * @throws NotFoundException if there is none, or the principal may not read it
     */
    public Cluster get(String id) {
        return readable(id);
    }

    /**
     * The clusters the principal may read: every project of its tenant it has a role in.
     *
     * @return the clusters, in id order
     */
    public List<Cluster> list() {
        return clusters.list(ClusterQuery.tenant(principal.tenant())).stream().filter(this::canRead).toList();
    }

    /**
     * The clusters of one project, if the principal may read it (else none).
     *
     * @param project the project
     * @return the clusters, in id order
     */
    public List<Cluster> list(String project) {
        if (!principal.can(Permission.CLUSTER_READ, principal.tenant(), project)) {
            return List.of();
        }
        return clusters.list(ClusterQuery.project(principal.tenant(), project));
    }

    /**
     * A cluster's events.
     *
     * @param id the cluster id
     * @return the events
     * @throws NotFoundException if there is none, or the principal may not read it
     */
    public List<ClusterEvent> events(String id) {
        readable(id);
        return events.list(id);
    }

    /**
     * Previews a change of a cluster (needs {@code cluster.read}: nothing changes).
     *
     * @param id the cluster id
     * @param newSpec the spec to preview
     * @return the preview
     */
    public ChangePlan plan(String id, ClusterSpec newSpec) {
        readable(id);
        return clusters.plan(id, newSpec);
    }

    /**
     * Changes a cluster's spec.
     *
     * @param id the cluster id
     * @param change the change
     * @return the stored cluster
     * @throws AccessDeniedException without {@code cluster.update} in the cluster's project
     */
    public Cluster update(String id, UnaryOperator<ClusterSpec> change) {
        Cluster c = readable(id);
        require(Permission.CLUSTER_UPDATE, c.metadata().tenant(), c.metadata().project());
        return clusters.update(id, change);
    }

    /**
     * Asks for a cluster's deletion.
     *
     * @param id the cluster id
     * @return the cluster, marked for deletion
     * @throws AccessDeniedException without {@code cluster.delete} in the cluster's project
     */
    public Cluster delete(String id) {
        Cluster c = readable(id);
        require(Permission.CLUSTER_DELETE, c.metadata().tenant(), c.metadata().project());
        return clusters.delete(id);
    }

    /**
     * A project's settings (any role in the project reads them).
     *
     * @param project the project
     * @return the settings
     * @throws NotFoundException if the principal has no role in the project
     */
    public ProjectSettings projectSettings(String project) {
        if (!principal.can(Permission.CLUSTER_READ, principal.tenant(), project)) {
            throw new NotFoundException("project '" + project + "' not found");
        }
        return settings(project);
    }

    /**
     * Replaces a project's settings.
     *
     * @param project the project
     * @param settings the settings
     * @throws AccessDeniedException without {@code project.update} in the project
     */
    public void updateProjectSettings(String project, ProjectSettings settings) {
        require(Permission.PROJECT_UPDATE, principal.tenant(), project);
        projectSettings.put(principal.tenant() + "/" + project, settings);
    }

    private ProjectSettings settings(String project) {
        return projectSettings.getOrDefault(principal.tenant() + "/" + project, ProjectSettings.DEFAULT);
    }

    private boolean canRead(Cluster c) {
        return principal.can(Permission.CLUSTER_READ, c.metadata().tenant(), c.metadata().project());
    }

    /**
     * A cluster's resource usage (see {@link Clusters#usage(String, boolean)}).
     *
     * @param id the cluster id
     * @param allNodes {@code true} to count the control-plane nodes too
     * @return the usage, if read yet
     * @throws NotFoundException if there is none, or the principal may not read it
     */
    public Optional<dev.palette.sdk.core.usage.ClusterUsage> usage(String id, boolean allNodes) {
        readable(id);
        return clusters.usage(id, allNodes);
    }

    /**
     * A cluster's application services (see {@link Clusters#services(String)}).
     *
     * @param id the cluster id
     * @return the services
     * @throws NotFoundException if there is none, or the principal may not read it
     */
    public List<dev.palette.sdk.api.workload.AppService> services(String id) {
        readable(id);
        return clusters.services(id);
    }

    /**
     * Runs a CIS scan of a cluster (it starts Jobs in the cluster: needs {@code cluster.update}).
     *
     * @param id the cluster id
     * @return completes with the report, or empty when the scan failed (see {@link Scans#run(String)})
     * @throws NotFoundException if there is none, or the principal may not read it
     * @throws AccessDeniedException without {@code cluster.update}
     */
    public java.util.concurrent.CompletionStage<Optional<dev.palette.sdk.api.scan.ScanReport>> scan(String id) {
        Cluster c = readable(id);
        require(Permission.CLUSTER_UPDATE, c.metadata().tenant(), c.metadata().project());
        return scans.run(id);
    }

    /**
     * The last scan of a cluster.
     *
     * @param id the cluster id
     * @return the report, if any
     * @throws NotFoundException if there is none, or the principal may not read it
     */
    public Optional<dev.palette.sdk.api.scan.ScanReport> lastScan(String id) {
        readable(id);
        return scans.last(id);
    }

    /**
     * Asks for a log bundle of a cluster (it reads the cluster's logs: {@code cluster.read} is enough, and only
     * for clusters the principal may read).
     *
     * @param id the cluster id
     * @return the bundle, requested
     * @throws NotFoundException if there is none, or the principal may not read it
     */
    public dev.palette.sdk.core.bundle.LogBundle requestLogBundle(String id) {
        readable(id);
        return logBundles.request(id);
    }

    /**
     * A log bundle of a cluster the principal may read.
     *
     * @param bundleId the bundle
     * @return the bundle
     * @throws NotFoundException if there is none, or its cluster is not readable by the principal
     */
    public dev.palette.sdk.core.bundle.LogBundle logBundle(String bundleId) {
        dev.palette.sdk.core.bundle.LogBundle b = logBundles.get(bundleId);
        try {
            readable(b.clusterId());
        } catch (NotFoundException e) {
            throw new NotFoundException("log bundle " + bundleId); // nothing tells a hidden cluster's bundle apart
        }
        return b;
    }

    private Cluster readable(String id) {
        Optional<Cluster> c = clusters.find(id).filter(this::canRead);
        return c.orElseThrow(() -> new NotFoundException("cluster '" + id + "' not found"));
    }

    private void require(Permission p, String tenant, String project) {
        if (!principal.can(p, tenant, project)) {
            throw new AccessDeniedException(p.id(), principal.subject() + " may not " + p.id() + " in project '" + project + "'");
        }
    }
}
