package dev.palette.sdk.api.auth;

import java.util.EnumSet;
import java.util.Set;

/**
 * The roles of the platform: a tenant admin manages every project of its tenant (the organization view);
 * a project admin manages its projects' clusters and settings; a cluster admin manages its projects'
 * clusters but not the projects; a viewer reads.
 */
public enum Role {
    /** Everything in every project of the tenant. */
    TENANT_ADMIN(EnumSet.allOf(Permission.class)),
    /** Clusters and settings of the bound project. */
    PROJECT_ADMIN(EnumSet.allOf(Permission.class)),
    /** Clusters of the bound project, not its settings. */
    CLUSTER_ADMIN(EnumSet.of(Permission.CLUSTER_READ, Permission.CLUSTER_CREATE, Permission.CLUSTER_UPDATE,
            Permission.CLUSTER_DELETE)),
    /** Reading only. */
    VIEWER(EnumSet.of(Permission.CLUSTER_READ));

    private final Set<Permission> permissions;

    Role(Set<Permission> permissions) {
        this.permissions = Set.copyOf(permissions);
    }

    /**
     * What the role allows.
     *
     * @return the permissions
     */
    public Set<Permission> permissions() {
        return permissions;
    }
}
