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
    /** A wait without a deadline: vCenter ends every task, in success or a fault. */
    private static final long NO_DEADLINE = Long.MAX_VALUE;

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
        return poll(() -> {
            TaskState state = task.get();
            if (state.error().isPresent()) {
                throw state.error().get();
            }
            return state.done() ? Optional.of(state.result()) : Optional.empty();
        }, taskPoll, NO_DEADLINE, "a vCenter task");
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
        return poll(look, interval, System.nanoTime() + max.toNanos(), what);
    }

    private <T> CompletableFuture<T> poll(Supplier<Optional<T>> look, Duration interval, long deadline, String what) {
        CompletableFuture<T> done = new CompletableFuture<>();
        look(look, interval, deadline, what, done);
        return done;
    }

    /** Looks now (on the provider's threads), and again after the interval while the state is not there. */
    private <T> void look(Supplier<Optional<T>> look, Duration interval, long deadline, String what, CompletableFuture<T> done) {
        run(look).whenComplete((state, e) -> {
            if (e != null) {
                done.completeExceptionally(VsphereErrors.unwrap(e));
            } else if (state.isPresent()) {
                done.complete(state.get());
            } else if (deadline != NO_DEADLINE && System.nanoTime() - deadline > 0) {
                done.completeExceptionally(new VimFault("Timedout", what + " did not happen in time", null));
            } else {
                timer.schedule(() -> look(look, interval, deadline, what, done), interval.toMillis(), TimeUnit.MILLISECONDS);
            }
        });
    }
}
