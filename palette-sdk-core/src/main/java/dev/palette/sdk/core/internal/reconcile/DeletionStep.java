package dev.palette.sdk.core.internal.reconcile;

import dev.palette.sdk.api.error.ConflictException;
import dev.palette.sdk.api.model.Cluster;
import dev.palette.sdk.api.model.ClusterEvent.Severity;
import dev.palette.sdk.api.model.ClusterPhase;
import dev.palette.sdk.api.model.ConditionStatus;
import dev.palette.sdk.api.model.ConditionTypes;
import dev.palette.sdk.api.model.Machine;
import dev.palette.sdk.api.model.MachinePhase;
import dev.palette.sdk.api.provider.CloudProvider;
import dev.palette.sdk.api.provider.MachineInfo;
import dev.palette.sdk.api.provider.ProviderContext;
import dev.palette.sdk.api.provider.ResourceTags;
import dev.palette.sdk.api.reconcile.ReconcileResult;
import dev.palette.sdk.api.store.ClusterStore;
import dev.palette.sdk.api.store.SecretStore;
import dev.palette.sdk.api.workload.WorkloadClusterAccess;
import dev.palette.sdk.core.internal.events.EventLog;
import dev.palette.sdk.core.time.TimeSource;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Deletes a cluster: every machine the cloud lists for it (whoever made it), then its infrastructure,
 * then its secrets, then the stored record. Each part is idempotent, so an interrupted deletion resumes.
 */
final class DeletionStep {
    private final ClusterStore store;
    private final SecretStore secrets;
    private final WorkloadClusterAccess workload;
    private final EventLog events;
    private final TimeSource time;
    private final StatusWriter writer;
    private final Duration pollInterval;

    DeletionStep(ClusterStore store, SecretStore secrets, WorkloadClusterAccess workload, EventLog events,
                 TimeSource time, StatusWriter writer, Duration pollInterval) {
        this.store = store;
        this.secrets = secrets;
        this.workload = workload;
        this.events = events;
        this.time = time;
        this.writer = writer;
        this.pollInterval = pollInterval;
    }

    CompletionStage<ReconcileResult> reconcile(Cluster c, CloudProvider p, ProviderContext ctx) {
        return p.listMachines(ctx).thenCompose(infos -> {
            List<MachineInfo> mine = infos.stream()
                    .filter(i -> i.exists() && c.id().equals(i.tags().get(ResourceTags.CLUSTER_ID))).toList();
            Cluster marked = markDeleting(c, mine.size());
            if (!mine.isEmpty()) {
                CompletableFuture<?>[] calls = mine.stream()
                        .map(i -> p.deleteMachine(ctx, i.machineName()).toCompletableFuture())
                        .toArray(CompletableFuture[]::new);
                return CompletableFuture.allOf(calls).thenApply(v -> ReconcileResult.requeueAfter(pollInterval));
            }
            return p.deleteInfrastructure(ctx).thenApply(v -> finish(marked));
        });
    }

    private Cluster markDeleting(Cluster c, int machinesLeft) {
        Conditions conds = new Conditions(c.status().conditions(), time.now());
        conds.set(ConditionTypes.DELETING, ConditionStatus.TRUE, machinesLeft > 0 ? "DeletingMachines" : "DeletingInfrastructure",
                machinesLeft + " machine" + (machinesLeft == 1 ? "" : "s") + " left");
        List<Machine> machines = c.status().machines().stream().map(m -> m.withPhase(MachinePhase.DELETING)).toList();
        if (c.status().phase() != ClusterPhase.DELETING) {
            events.record(c.id(), Severity.NORMAL, "Deleting", "deleting cluster " + c.metadata().name());
        }
        return writer.write(c, c.status().toBuilder().phase(ClusterPhase.DELETING).conditions(conds.toList())
                .machines(machines).build());
    }

    private ReconcileResult finish(Cluster c) {
        for (String key : secrets.keys("clusters/" + c.id() + "/")) {
            secrets.delete(key);
        }
        if (workload != null) {
            workload.release(c.id());
        }
        // Recorded before the cluster leaves the store, so whoever sees it gone finds the event; a retry
        // after a conflict folds into the same event.
        events.record(c.id(), Severity.NORMAL, "Deleted", "cluster " + c.metadata().name() + " and all its cloud resources deleted");
        try {
            store.delete(c.id(), c.metadata().resourceVersion());
        } catch (ConflictException e) {
            return ReconcileResult.requeueAfter(Duration.ZERO);
        }
        writer.forget(c.id());
        return ReconcileResult.done();
    }
}
