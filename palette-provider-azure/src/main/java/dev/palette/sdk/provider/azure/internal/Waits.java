package dev.palette.sdk.provider.azure.internal;

import dev.palette.sdk.api.error.ProviderException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Waits for a condition Azure has no long-running operation for (a builder VM powering itself off, a
 * snapshot copy reaching 100 %) by asking again on a schedule: no thread waits in between.
 *
 * @param scheduler where the next look is scheduled
 * @param interval how long between looks
 * @param max how long at most
 */
public record Waits(ScheduledExecutorService scheduler, Duration interval, Duration max) {

    /**
     * Looks until the condition holds.
     *
     * @param what what is awaited, for the timeout message
     * @param condition one look
     * @return completes when it holds; fails retryably after {@link #max()}
     */
    public CompletableFuture<Void> until(String what, Supplier<CompletableFuture<Boolean>> condition) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        look(what, condition, System.nanoTime() + max.toNanos(), done);
        return done;
    }

    private void look(String what, Supplier<CompletableFuture<Boolean>> condition, long deadline, CompletableFuture<Void> done) {
        condition.get().whenComplete((ok, e) -> {
            if (e != null) {
                done.completeExceptionally(e);
            } else if (Boolean.TRUE.equals(ok)) {
                done.complete(null);
            } else if (System.nanoTime() > deadline) {
                done.completeExceptionally(ProviderException.retryable("gave up waiting after " + max.toSeconds() + " s for " + what));
            } else {
                scheduler.schedule(() -> look(what, condition, deadline, done), interval.toNanos(), TimeUnit.NANOSECONDS);
            }
        });
    }
}
