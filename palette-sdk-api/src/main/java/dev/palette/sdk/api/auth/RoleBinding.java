package dev.palette.sdk.api.auth;

import java.util.Objects;

/**
 * A role in a project of the principal's tenant, or in all of them.
 *
 * @param role the role
 * @param project the project, or {@link #ALL_PROJECTS}
 */
public record RoleBinding(Role role, String project) {
    /** The project of a binding that covers every project of the tenant. */
    public static final String ALL_PROJECTS = "*";

    /**
     * Validates the components.
     *
     * @param role the role
     * @param project the project; a tenant admin's binding always covers every project
     */
    public RoleBinding {
        Objects.requireNonNull(role, "role");
        project = role == Role.TENANT_ADMIN || project == null || project.isEmpty() ? ALL_PROJECTS : project;
    }

    /**
     * Whether the binding covers a project.
     *
     * @param p the project
     * @return true if it does
     */
    public boolean covers(String p) {
        return project.equals(ALL_PROJECTS) || project.equals(p);
    }
}
