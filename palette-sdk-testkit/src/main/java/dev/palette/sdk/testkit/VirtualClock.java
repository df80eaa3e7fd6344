package dev.palette.sdk.testkit;

import dev.palette.sdk.core.time.TimeSource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A clock that moves only when a test says so, and that runs the tasks scheduled on it (machine boots,
 * backoff delays, health timeouts) when their time comes. Hand it to the engine with
 * {@code PaletteEngine.builder().clock(virtualClock)} and to the {@link SimCloud}: a cluster's whole life,
 * hours of it, then runs in milliseconds and without a single sleep.
 *
 * <p>Tasks run on the thread that advances the clock, in deadline order, with {@link #instant()} equal
 * to their deadline. A task scheduled with a delay of zero or less runs at the next {@link #advance}
 * (even {@code advance(Duration.ZERO)}), never on the scheduling thread. Thread-safe.
 */
public final class VirtualClock extends Clock implements TimeSource {
    /** Where a new virtual clock starts. */
    public static final Instant DEFAULT_START = Instant.parse("2026-01-01T00:00:00Z");

    private record Task(Instant deadline, long seq, Runnable action) {
    }

    private final Object lock = new Object();
    private final PriorityQueue<Task> tasks = new PriorityQueue<>((a, b) -> {
        int c = a.deadline.compareTo(b.deadline);
        return c != 0 ? c : Long.compare(a.seq, b.seq);
    });
    private final AtomicLong seq = new AtomicLong();
    private volatile Instant now;

    /** A clock at {@link #DEFAULT_START}. */
    public VirtualClock() {
        this(DEFAULT_START);
    }

    /**
     * A clock at a given instant.
     *
     * @param start the starting time
     */
    public VirtualClock(Instant start) {
        this.now = start;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("a virtual clock is always UTC");
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public Instant now() {
        return now;
    }

    @Override
    public Cancellable schedule(Duration delay, Runnable action) {
        Instant at = delay.isNegative() ? now : now.plus(delay);
        Task t = new Task(at, seq.incrementAndGet(), action);
        synchronized (lock) {
            tasks.add(t);
        }
        return () -> {
            synchronized (lock) {
                tasks.remove(t);
            }
        };
    }

    /**
     * Moves time forward and runs every task that falls due, in order, including tasks those tasks
     * schedule within the window.
     *
     * @param d how far to move; zero runs the tasks already due
     * @return how many tasks ran
     */
    public int advance(Duration d) {
        if (d.isNegative()) {
            throw new IllegalArgumentException("time does not go backwards");
        }
        Instant target = now.plus(d);
        int ran = 0;
        while (true) {
            Task next;
            synchronized (lock) {
                next = tasks.peek();
                if (next == null || next.deadline.isAfter(target)) {
                    break;
                }
                tasks.poll();
                if (next.deadline.isAfter(now)) {
                    now = next.deadline;
                }
            }
            next.action.run();
            ran++;
        }
        synchronized (lock) {
            if (target.isAfter(now)) {
                now = target;
            }
        }
        return ran;
    }

    /**
     * The deadline of the earliest pending task.
     *
     * @return the deadline, if any task is pending
     */
    public Optional<Instant> nextDeadline() {
        synchronized (lock) {
            return Optional.ofNullable(tasks.peek()).map(Task::deadline);
        }
    }

    /**
     * Moves to the earliest pending deadline and runs what is due then.
     *
     * @return whether there was a pending task
     */
    public boolean advanceToNextDeadline() {
        Optional<Instant> next = nextDeadline();
        if (next.isEmpty()) {
            return false;
        }
        Duration d = Duration.between(now, next.get());
        advance(d.isNegative() ? Duration.ZERO : d);
        return true;
    }

    /**
     * How many tasks are waiting.
     *
     * @return the count
     */
    public int pendingTasks() {
        synchronized (lock) {
            return tasks.size();
        }
    }

    /**
     * The deadlines of the waiting tasks, soonest first (for diagnostics).
     *
     * @return the deadlines
     */
    public List<Instant> pendingDeadlines() {
        synchronized (lock) {
            List<Task> copy = new ArrayList<>(tasks);
            copy.sort(tasks.comparator());
            return copy.stream().map(Task::deadline).toList();
        }
    }
}
