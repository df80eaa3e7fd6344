package dev.palette.sdk.provider.vsphere.internal;

import dev.palette.sdk.provider.vsphere.internal.vim.TaskState;
import dev.palette.sdk.provider.vsphere.internal.vim.VimFault;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Runs the provider's blocking vim25 calls on its own threads, and waits on vCenter tasks and states by
 * looking again on a timer: no thread, the engine's or ours, sits waiting for vCenter.
 */
public final class Vcenter {
    private final ExecutorService calls;
    private final ScheduledExecutorService timer;
    private final Duration taskPoll;

    /**
     * Uses the given threads.
     *
     * @param calls the threads blocking calls run on
     * @param timer the timer of the waits
     * @param taskPoll how often a running task is looked at
     */
    public Vcenter(ExecutorService calls, ScheduledExecutorService timer, Duration taskPoll) {
        this.calls = calls;
        this.timer = timer;
        this.taskPoll = taskPoll;
    }

    /**
     * Runs a blocking call on the provider's threads.
     *
     * @param call the call
     * @param <T> its result
     * @return its outcome
     */
    public <T> CompletableFuture<T> run(Supplier<T> call) {
        return CompletableFuture.supplyAsync(call, calls);
    }

    /**
     * Waits until a task ends.
     *
     * @param task reads the task's state (a blocking call)
     * @return the id of what the task made, if anything; fails with the task's fault
     */
    public CompletableFuture<Optional<String>> task(Supplier<TaskState> task) {
        CompletableFuture<Optional<String>> done = new CompletableFuture<>();
        look(task, done, Duration.ZERO);
        return done;
    }

    private void look(Supplier<TaskState> task, CompletableFuture<Optional<String>> done, Duration after) {
        Runnable check = () -> run(task).whenComplete((state, e) -> {
            if (e != null) {
                done.completeExceptionally(e instanceof java.util.concurrent.CompletionException && e.getCause() != null ? e.getCause() : e);
            } else if (!state.done()) {
                look(task, done, taskPoll);
            } else if (state.error().isPresent()) {
                done.completeExceptionally(state.error().get());
            } else {
                done.complete(state.result());
            }
        });
        if (after.isZero()) {
            check.run();
        } else {
            timer.schedule(check, after.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /**
     * Looks at something until it is as wanted, at an interval, for at most a while.
     *
     * @param look reads the state (a blocking call); empty while not there yet
     * @param interval how often
     * @param max how long at most
     * @param what what is awaited, for the timeout's message
     * @param <T> the state
     * @return the state once present; fails with a {@code Timedout} fault after {@code max}
     */
    public <T> CompletableFuture<T> until(Supplier<Optional<T>> look, Duration interval, Duration max, String what) {
        CompletableFuture<T> done = new CompletableFuture<>();
        long deadline = System.nanoTime() + max.toNanos();
        poll(look, interval, deadline, what, done, false);
        return done;
    }

    private <T> void poll(Supplier<Optional<T>> look, Duration interval, long deadline, String what, CompletableFuture<T> done,
                          boolean later) {
        Runnable check = () -> run(look).whenComplete((state, e) -> {
            if (e != null) {
                done.completeExceptionally(e instanceof java.util.concurrent.CompletionException && e.getCause() != null ? e.getCause() : e);
            } else if (state.isPresent()) {
                done.complete(state.get());
            } else if (System.nanoTime() - deadline > 0) {
                done.completeExceptionally(new VimFault("Timedout", what + " did not happen in time", null));
            } else {
                poll(look, interval, deadline, what, done, true);
            }
        });
        if (later) {
            timer.schedule(check, interval.toMillis(), TimeUnit.MILLISECONDS);
        } else {
            check.run();
        }
    }
}
