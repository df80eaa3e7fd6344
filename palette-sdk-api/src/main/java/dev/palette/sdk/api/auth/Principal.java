package dev.palette.sdk.api.auth;

import dev.palette.sdk.api.internal.Immutable;
import java.util.List;
import java.util.Objects;

/**
 * Who calls: a subject of one tenant with role bindings in that tenant's projects. A host builds it from
 * its own authentication (an OIDC token's claims, a session) and passes it to the engine's authorized
 * facades.
 *
 * @param subject who it is (user or service account name), for denials and audit
 * @param tenant the tenant the subject belongs to; nothing of another tenant is visible to it
 * @param bindings its roles
 */
public record Principal(String subject, String tenant, List<RoleBinding> bindings) {
    /**
     * Validates and copies the components.
     *
     * @param subject the subject
     * @param tenant the tenant
     * @param bindings the role bindings, may be {@code null}
     */
    public Principal {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(tenant, "tenant");
        bindings = Immutable.list(bindings);
    }

    /**
     * A tenant admin.
     *
     * @param subject the subject
     * @param tenant the tenant
     * @return the principal
     */
    public static Principal tenantAdmin(String subject, String tenant) {
        return new Principal(subject, tenant, List.of(new RoleBinding(Role.TENANT_ADMIN, RoleBinding.ALL_PROJECTS)));
    }

    /**
     * A principal with one role in one project.
     *
     * @param subject the subject
     * @param tenant the tenant
     * @param role the role
     * @param project the project
     * @return the principal
     */
    public static Principal of(String subject, String tenant, Role role, String project) {
        return new Principal(subject, tenant, List.of(new RoleBinding(role, project)));
    }

    /**
     * Whether the principal may do something in a project.
     *
     * @param permission what it wants to do
     * @param inTenant the project's tenant
     * @param project the project
     * @return true if a binding allows it
     */
    public boolean can(Permission permission, String inTenant, String project) {
        return tenant.equals(inTenant) && bindings.stream().anyMatch(b -> b.covers(project) && b.role().permissions().contains(permission));
    }
}
