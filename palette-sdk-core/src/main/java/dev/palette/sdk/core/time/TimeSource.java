package dev.palette.sdk.core.time;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The engine's notion of time: what time it is, and running something after a delay. The system time
 * source uses the wall clock and one daemon scheduler thread; the testkit's virtual clock implements
 * this interface so that a whole cluster lifecycle (boot delays, backoff, health timeouts) runs in
 * virtual time without sleeping.
 *
 * <p>Scheduled tasks must be short: they typically complete a future or put a key back on a queue.
 */
public interface TimeSource {

    /**
     * The current time.
     *
     * @return now
     */
    Instant now();

    /**
     * Runs a task once after a delay.
     *
     * @param delay the delay; zero or negative runs it as soon as possible
     * @param task the task, short and non-blocking
     * @return cancels the task if it has not run yet
     */
    Cancellable schedule(Duration delay, Runnable task);

    /** A scheduled task that can be cancelled. */
    @FunctionalInterface
    interface Cancellable {
        /** Cancels the task if it has not run yet. */
        void cancel();
    }

    /**
     * Wall-clock time with a shared daemon scheduler thread.
     *
     * @return the system time source
     */
    static TimeSource system() {
        return SystemTimeSource.INSTANCE;
    }

    /**
     * A time source reading the given clock and scheduling on the wall clock. If the clock itself
     * implements {@code TimeSource} (as the testkit's virtual clock does), it is returned as it is.
     *
     * @param clock the clock
     * @return the time source
     */
    static TimeSource of(Clock clock) {
        if (clock instanceof TimeSource ts) {
            return ts;
        }
        return new TimeSource() {
            @Override
            public Instant now() {
                return clock.instant();
            }

            @Override
            public Cancellable schedule(Duration delay, Runnable task) {
                return SystemTimeSource.INSTANCE.schedule(delay, task);
            }
        };
    }

    /** The wall-clock implementation. */
    final class SystemTimeSource implements TimeSource {
        static final SystemTimeSource INSTANCE = new SystemTimeSource();
        private final ScheduledExecutorService scheduler;

        private SystemTimeSource() {
            AtomicInteger n = new AtomicInteger();
            ThreadFactory tf = r -> {
                Thread t = new Thread(r, "palette-timer-" + n.incrementAndGet());
                t.setDaemon(true);
                return t;
            };
            // The thread comes and goes with work: nothing of the SDK keeps running in a host once every engine
            // is closed (their timers are cancelled, and cancelled tasks leave the queue at once).
            java.util.concurrent.ScheduledThreadPoolExecutor pool = new java.util.concurrent.ScheduledThreadPoolExecutor(1, tf);
            pool.setRemoveOnCancelPolicy(true);
            pool.setKeepAliveTime(1, TimeUnit.SECONDS);
            pool.allowCoreThreadTimeOut(true);
            this.scheduler = pool;
        }

        @Override
        public Instant now() {
            return Instant.now();
        }

        @Override
        public Cancellable schedule(Duration delay, Runnable task) {
            long nanos = Math.max(0, delay.toNanos());
            ScheduledFuture<?> f = scheduler.schedule(task, nanos, TimeUnit.NANOSECONDS);
            return () -> f.cancel(false);
        }
    }
}
