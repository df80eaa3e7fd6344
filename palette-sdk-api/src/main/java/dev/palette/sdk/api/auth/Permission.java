package dev.palette.sdk.api.auth;

/** What a call needs. Named like {@code cluster.update} in denials. */
public enum Permission {
    /** Read clusters, their events, plans and status. */
    CLUSTER_READ("cluster.read"),
    /** Create clusters in a project. */
    CLUSTER_CREATE("cluster.create"),
    /** Change a cluster's spec (scale, upgrade, pause...). */
    CLUSTER_UPDATE("cluster.update"),
    /** Delete clusters. */
    CLUSTER_DELETE("cluster.delete"),
    /** Change a project's settings. */
    PROJECT_UPDATE("project.update");

    private final String id;

    Permission(String id) {
        this.id = id;
    }

    /**
     * The permission's name, e.g. {@code cluster.update}.
     *
     * @return the name
     */
    public String id() {
        return id;
    }
}
