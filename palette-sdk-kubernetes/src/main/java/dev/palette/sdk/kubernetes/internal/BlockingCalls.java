package dev.palette.sdk.kubernetes.internal;

import dev.palette.sdk.api.error.PaletteException;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs the fabric8 client's blocking calls on a bounded pool of daemon threads the access owns, so the
 * engine's threads never wait on a workload cluster. Every failure completes the stage with a
 * {@link PaletteException}.
 */
public final class BlockingCalls implements AutoCloseable {
    private final ThreadPoolExecutor executor;

    /**
     * A pool.
     *
     * @param threads how many calls run at once
     */
    public BlockingCalls(int threads) {
        AtomicInteger n = new AtomicInteger();
        ThreadFactory named = r -> {
            Thread t = new Thread(r, "palette-k8s-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        this.executor = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(AccessSettings.QUEUE_CAPACITY), named, new ThreadPoolExecutor.AbortPolicy());
        executor.allowCoreThreadTimeOut(true);
    }

    /**
     * Runs a call now (as soon as a thread is free).
     *
     * @param what the operation, for error messages
     * @param call the call
     * @param <T> its result
     * @return completes with the result, or exceptionally with a {@link PaletteException}
     */
    public <T> CompletableFuture<T> run(String what, Callable<T> call) {
        return submit(executor, what, call);
    }

    /**
     * Runs a call after a delay, without holding a thread meanwhile.
     *
     * @param delay the delay
     * @param what the operation, for error messages
     * @param call the call
     * @param <T> its result
     * @return completes with the result, or exceptionally with a {@link PaletteException}
     */
    public <T> CompletableFuture<T> runAfter(Duration delay, String what, Callable<T> call) {
        CompletableFuture<T> out = new CompletableFuture<>();
        // The JDK's delay thread only hands the call to the pool, so a pool closed meanwhile still completes `out`.
        Executor later = CompletableFuture.delayedExecutor(delay.toNanos(), TimeUnit.NANOSECONDS, Runnable::run);
        later.execute(() -> run(what, call).whenComplete((v, err) -> {
            if (err != null) {
                out.completeExceptionally(err);
            } else {
                out.complete(v);
            }
        }));
        return out;
    }

    private static <T> CompletableFuture<T> submit(Executor on, String what, Callable<T> call) {
        CompletableFuture<T> out = new CompletableFuture<>();
        try {
            on.execute(() -> {
                try {
                    out.complete(call.call());
                } catch (VirtualMachineError e) {
                    out.completeExceptionally(e);
                    throw e;
                } catch (Throwable e) {
                    // LinkageErrors included: a host whose Jackson does not fit fabric8 must see a failed call, not a hang.
                    out.completeExceptionally(KubernetesErrors.toPalette(what, e));
                }
            });
        } catch (RejectedExecutionException e) {
            out.completeExceptionally(new PaletteException(what + " not started: too many workload-cluster calls"
                    + " queued, or the access is closed", true, e));
        }
        return out;
    }

    /** Stops the threads; calls not yet started never run. */
    @Override
    public void close() {
        executor.shutdownNow();
    }
}
