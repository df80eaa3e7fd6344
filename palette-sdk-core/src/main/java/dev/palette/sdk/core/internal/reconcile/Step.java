package dev.palette.sdk.core.internal.reconcile;

import dev.palette.sdk.api.model.Cluster;
import dev.palette.sdk.api.reconcile.ReconcileResult;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/** The outcome of one step of a reconcile pass: go on to the next step with this cluster, or stop here. */
sealed interface Step {
    record Next(Cluster cluster) implements Step {
    }

    record Stop(ReconcileResult result) implements Step {
    }

    static CompletionStage<Step> next(Cluster c) {
        return CompletableFuture.completedFuture(new Next(c));
    }

    static CompletionStage<Step> stop(ReconcileResult r) {
        return CompletableFuture.completedFuture(new Stop(r));
    }

    static CompletionStage<Step> then(CompletionStage<Step> stage, Function<Cluster, CompletionStage<Step>> next) {
        return stage.thenCompose(s -> s instanceof Next n ? next.apply(n.cluster()) : CompletableFuture.completedFuture(s));
    }
}
