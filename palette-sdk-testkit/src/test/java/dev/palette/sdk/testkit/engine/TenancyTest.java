package dev.palette.sdk.testkit.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.palette.sdk.api.auth.Principal;
import dev.palette.sdk.api.auth.Role;
import dev.palette.sdk.api.error.AccessDeniedException;
import dev.palette.sdk.api.error.NotFoundException;
import dev.palette.sdk.api.error.ValidationException;
import dev.palette.sdk.api.model.Cluster;
import dev.palette.sdk.core.PaletteEngine;
import dev.palette.sdk.core.ProjectSettings;
import dev.palette.sdk.core.Session;
import dev.palette.sdk.testkit.SimCloud;
import dev.palette.sdk.testkit.VirtualClock;
import dev.palette.sdk.core.store.InMemoryClusterStore;
import dev.palette.sdk.core.store.InMemorySecretStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every role against every operation, on a cluster of its own project, of another project of its tenant,
 * and of another tenant: allowed, denied naming the permission, or not found (nothing of what the caller
 * may not see is told apart from what does not exist).
 */
class TenancyTest {
    private static final String T1 = "acme";
    private static final String T2 = "globex";

    /** Where the operation is aimed. */
    enum Target { OWN_PROJECT, OTHER_PROJECT, OTHER_TENANT }

    /** The outcome expected: allowed, or refused in one of two ways. */
    record Outcome(String kind, String permission) {
        static final Outcome OK = new Outcome("ok", "");
        static final Outcome NOT_FOUND = new Outcome("not found", "");

        static Outcome denied(String permission) {
            return new Outcome("denied", permission);
        }

        @Override
        public String toString() {
            return permission.isEmpty() ? kind : kind + " (" + permission + ")";
        }
    }

    /** The world of one case: clusters in acme/web, acme/data and globex/web, and the operation's target. */
    private record World(Session caller, Cluster target, String project) {
    }

    private static final Map<String, BiConsumer<Session, World>> OPERATIONS = new java.util.LinkedHashMap<>();

    static {
        OPERATIONS.put("get", (s, w) -> s.get(w.target().id()));
        OPERATIONS.put("list", (s, w) -> {
            if (s.list().stream().noneMatch(c -> c.id().equals(w.target().id()))) {
                throw new NotFoundException("not listed");
            }
        });
        OPERATIONS.put("events", (s, w) -> s.events(w.target().id()));
        OPERATIONS.put("plan", (s, w) -> s.plan(w.target().id(), w.target().spec()));
        OPERATIONS.put("usage", (s, w) -> s.usage(w.target().id(), true));
        OPERATIONS.put("services", (s, w) -> s.services(w.target().id()));
        OPERATIONS.put("last scan", (s, w) -> s.lastScan(w.target().id()));
        OPERATIONS.put("log bundle", (s, w) -> s.logBundle(s.requestLogBundle(w.target().id()).id()));
        OPERATIONS.put("scan", (s, w) -> s.scan(w.target().id()).toCompletableFuture().join());
        OPERATIONS.put("update", (s, w) -> s.update(w.target().id(), spec -> spec.withWorkerPool(
                spec.workerPool("workers").orElseThrow().withCount(3))));
        OPERATIONS.put("delete", (s, w) -> s.delete(w.target().id()));
        OPERATIONS.put("create", (s, w) -> s.create(w.project(), "new-one", SimClusters.spec(1, 1), Map.of()));
        OPERATIONS.put("read project settings", (s, w) -> s.projectSettings(w.project()));
        OPERATIONS.put("change project settings", (s, w) -> s.updateProjectSettings(w.project(), ProjectSettings.DEFAULT));
    }

    private static Outcome expected(Role role, String op, Target target) {
        boolean read = List.of("get", "list", "events", "plan", "usage", "services", "last scan", "log bundle",
                "read project settings").contains(op);
        // Create and project settings name a project of the caller's own tenant: for a tenant admin, any is its own.
        boolean namesProject = op.equals("create") || op.contains("project settings");
        boolean unseen = target == Target.OTHER_TENANT && !namesProject
                || target != Target.OWN_PROJECT && role != Role.TENANT_ADMIN;
        if (unseen) {
            return switch (op) {
                case "create" -> Outcome.denied("cluster.create");
                case "change project settings" -> Outcome.denied("project.update");
                default -> Outcome.NOT_FOUND;
            };
        }
        if (read) {
            return Outcome.OK;
        }
        return switch (role) {
            case TENANT_ADMIN, PROJECT_ADMIN -> Outcome.OK;
            case CLUSTER_ADMIN -> op.equals("change project settings") ? Outcome.denied("project.update") : Outcome.OK;
            case VIEWER -> Outcome.denied(switch (op) {
                case "update", "scan" -> "cluster.update";
                case "delete" -> "cluster.delete";
                case "create" -> "cluster.create";
                default -> "project.update";
            });
        };
    }

    static Stream<Arguments> matrix() {
        List<Arguments> out = new ArrayList<>();
        for (Role role : Role.values()) {
            for (String op : OPERATIONS.keySet()) {
                for (Target t : Target.values()) {
                    out.add(Arguments.of(role, op, t, expected(role, op, t)));
                }
            }
        }
        return out.stream();
    }

    private static PaletteEngine engine() {
        VirtualClock clock = new VirtualClock();
        SimCloud cloud = SimClusters.cloud(clock);
        return SimClusters.engine(clock, cloud, new InMemoryClusterStore(), new InMemorySecretStore());
    }

    @ParameterizedTest(name = "{0} {1} on {2}: {3}")
    @MethodSource("matrix")
    void eachRoleEachOperationEachTarget(Role role, String op, Target target, Outcome expected) {
        try (PaletteEngine engine = engine()) {
            Session admin1 = engine.session(Principal.tenantAdmin("root", T1));
            Session admin2 = engine.session(Principal.tenantAdmin("root2", T2));
            Cluster own = admin1.create("web", "own", SimClusters.spec(1, 1), Map.of());
            Cluster other = admin1.create("data", "other", SimClusters.spec(1, 1), Map.of());
            Cluster foreign = admin2.create("web", "foreign", SimClusters.spec(1, 1), Map.of());
            Principal who = role == Role.TENANT_ADMIN ? Principal.tenantAdmin("alice", T1) : Principal.of("alice", T1, role, "web");
            World w = switch (target) {
                case OWN_PROJECT -> new World(engine.session(who), own, "web");
                case OTHER_PROJECT -> new World(engine.session(who), other, "data");
                case OTHER_TENANT -> new World(engine.session(who), foreign, "elsewhere");
            };
            Throwable thrown = catchThrowable(() -> OPERATIONS.get(op).accept(w.caller(), w));
            Outcome actual = thrown == null ? Outcome.OK
                    : thrown instanceof AccessDeniedException d ? Outcome.denied(d.permission())
                    : thrown instanceof NotFoundException ? Outcome.NOT_FOUND
                    : new Outcome("unexpected " + thrown, "");
            assertThat(actual).isEqualTo(expected);
            if (thrown != null) {
                assertThat(thrown.getMessage()).as("no hint of what the caller cannot see")
                        .doesNotContain(foreign.metadata().name()).doesNotContain(T2);
            }
        }
    }

    @Test
    void projectSettingsLimitProvidersAndLabelNewClusters() {
        try (PaletteEngine engine = engine()) {
            Session owner = engine.session(Principal.of("pat", T1, Role.PROJECT_ADMIN, "web"));
            owner.updateProjectSettings("web", new ProjectSettings(List.of("aws"), Map.of("cost-center", "42")));
            Throwable refused = catchThrowable(() -> owner.create("web", "on-sim", SimClusters.spec(1, 1), Map.of()));
            assertThat(refused).isInstanceOf(ValidationException.class)
                    .hasMessageContaining("spec.cloud.provider: 'sim' is not allowed in project 'web' (allowed: aws)");
            owner.updateProjectSettings("web", new ProjectSettings(List.of(), Map.of("cost-center", "42")));
            Cluster c = owner.create("web", "labelled", SimClusters.spec(1, 1), Map.of("team", "blue"));
            assertThat(c.metadata().labels()).containsEntry("cost-center", "42").containsEntry("team", "blue");
            assertThat(c.metadata().tenant()).isEqualTo(T1);
            assertThat(engine.session(Principal.of("vic", T1, Role.VIEWER, "web")).projectSettings("web").defaultLabels())
                    .containsEntry("cost-center", "42");
        }
    }
}
