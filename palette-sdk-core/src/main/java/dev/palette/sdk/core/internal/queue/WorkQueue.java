package dev.palette.sdk.core.internal.queue;

import dev.palette.sdk.core.time.TimeSource;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The engine's work queue, with client-go's guarantees:
 * <ul>
 *   <li>a key added several times before it is taken is queued once;</li>
 *   <li>a key is never handed to two workers at once: a key added while it is being processed is queued
 *       again only when its worker calls {@link #done};</li>
 *   <li>{@link #addAfter} delays a key (keeping the earliest of several delays), and
 *       {@link #addRateLimited} delays it by its per-key exponential backoff.</li>
 * </ul>
 *
 * @param <K> the key type
 */
public final class WorkQueue<K> {
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();
    private final ArrayDeque<K> ready = new ArrayDeque<>();
    private final Set<K> dirty = new HashSet<>();
    private final Set<K> processing = new HashSet<>();
    private final Map<K, Instant> waitingUntil = new HashMap<>();
    /** The timer of each waiting key, cancelled when superseded or at shutdown so no task outlives the queue. */
    private final Map<K, TimeSource.Cancellable> timers = new HashMap<>();
    private final TimeSource time;
    private final Backoff backoff;
    private boolean shutdown;
    private long adds;
    private final Map<K, Instant> readySince = new HashMap<>();
    private volatile java.util.function.Consumer<Duration> onWait;

    /**
     * Creates a queue.
     *
     * @param time schedules delayed adds
     * @param backoff the per-key backoff for {@link #addRateLimited}
     */
    public WorkQueue(TimeSource time, Backoff backoff) {
        this.time = time;
        this.backoff = backoff;
    }

    /**
     * Tells, as each key is taken, how long it waited ready in the queue.
     *
     * @param listener the listener, called while the queue's lock is held: it must be quick
     */
    public void onWait(java.util.function.Consumer<Duration> listener) {
        this.onWait = listener;
    }

    private void enqueue(K key) {
        ready.addLast(key);
        if (onWait != null) {
            readySince.put(key, time.now());
        }
    }

    /**
     * Queues a key unless it is already queued.
     *
     * @param key the key
     */
    public void add(K key) {
        lock.lock();
        try {
            if (shutdown) {
                return;
            }
            adds++;
            if (dirty.add(key) && !processing.contains(key)) {
                enqueue(key);
                notEmpty.signal();
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Queues a key after a delay. Of several pending delays for one key the earliest wins.
     *
     * @param key the key
     * @param delay the delay; zero or negative adds now
     */
    public void addAfter(K key, Duration delay) {
        if (delay.isZero() || delay.isNegative()) {
            add(key);
            return;
        }
        Instant deadline = time.now().plus(delay);
        lock.lock();
        try {
            if (shutdown) {
                return;
            }
            Instant existing = waitingUntil.get(key);
            if (existing != null && !existing.isAfter(deadline)) {
                return;
            }
            waitingUntil.put(key, deadline);
        } finally {
            lock.unlock();
        }
        TimeSource.Cancellable timer = time.schedule(delay, () -> fire(key, deadline));
        TimeSource.Cancellable superseded = null;
        lock.lock();
        try {
            if (shutdown) {
                superseded = timer;
            } else if (deadline.equals(waitingUntil.get(key))) {
                superseded = timers.put(key, timer);
            }
        } finally {
            lock.unlock();
        }
        if (superseded != null) {
            superseded.cancel();
        }
    }

    private void fire(K key, Instant deadline) {
        lock.lock();
        try {
            if (!deadline.equals(waitingUntil.get(key))) {
                return; // superseded by an earlier deadline that already fired
            }
            waitingUntil.remove(key);
            timers.remove(key);
        } finally {
            lock.unlock();
        }
        add(key);
    }

    /**
     * Queues a key after its backoff delay, counting one more failure for it.
     *
     * @param key the key
     * @return the delay applied
     */
    public Duration addRateLimited(K key) {
        Duration d = backoff.next(key);
        addAfter(key, d);
        return d;
    }

    /**
     * Forgets a key's failures, so that its next rate-limited add starts from the base delay.
     *
     * @param key the key
     */
    public void forget(K key) {
        backoff.reset(key);
    }

    /**
     * Takes the next key, waiting until one is ready.
     *
     * @return the key, or {@code null} once the queue is shut down
     * @throws InterruptedException if interrupted while waiting
     */
    public K take() throws InterruptedException {
        return take(() -> { });
    }

    /**
     * Takes the next key, waiting until one is ready, and runs {@code onClaim} while still holding the
     * queue's lock, so that observers never see the key neither queued nor claimed.
     *
     * @param onClaim runs once a key is claimed; must be short
     * @return the key, or {@code null} once the queue is shut down
     * @throws InterruptedException if interrupted while waiting
     */
    public K take(Runnable onClaim) throws InterruptedException {
        lock.lock();
        try {
            while (ready.isEmpty() && !shutdown) {
                notEmpty.await();
            }
            if (shutdown) {
                return null;
            }
            K key = claim();
            onClaim.run();
            return key;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Takes the next key if one is ready, waiting at most the given time.
     *
     * @param timeout how long to wait
     * @return the key, or {@code null} if none became ready or the queue is shut down
     * @throws InterruptedException if interrupted while waiting
     */
    public K poll(Duration timeout) throws InterruptedException {
        long nanos = timeout.toNanos();
        lock.lock();
        try {
            while (ready.isEmpty() && !shutdown) {
                if (nanos <= 0) {
                    return null;
                }
                nanos = notEmpty.awaitNanos(nanos);
            }
            return shutdown ? null : claim();
        } finally {
            lock.unlock();
        }
    }

    private K claim() {
        K key = ready.pollFirst();
        Instant since = readySince.remove(key);
        java.util.function.Consumer<Duration> listener = onWait;
        if (since != null && listener != null) {
            listener.accept(Duration.between(since, time.now()));
        }
        dirty.remove(key);
        processing.add(key);
        return key;
    }

    /**
     * Marks a taken key as processed; if it was added meanwhile, it is queued again now.
     *
     * @param key the key
     */
    public void done(K key) {
        lock.lock();
        try {
            processing.remove(key);
            if (dirty.contains(key) && !shutdown) {
                enqueue(key);
                notEmpty.signal();
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Number of keys ready to be taken.
     *
     * @return the depth
     */
    public int depth() {
        lock.lock();
        try {
            return ready.size();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Number of keys taken and not yet done.
     *
     * @return the count
     */
    public int inFlight() {
        lock.lock();
        try {
            return processing.size();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Number of keys waiting for a delay to pass.
     *
     * @return the count
     */
    public int waiting() {
        lock.lock();
        try {
            return waitingUntil.size();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Total calls to {@link #add} that were accepted (including duplicates that were folded).
     *
     * @return the count
     */
    public long adds() {
        lock.lock();
        try {
            return adds;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Whether nothing is ready and nothing is being processed (delayed keys may still be waiting).
     *
     * @return {@code true} when idle
     */
    public boolean isIdle() {
        lock.lock();
        try {
            return ready.isEmpty() && processing.isEmpty();
        } finally {
            lock.unlock();
        }
    }

    /** Stops handing out keys, wakes every waiting worker and cancels every delayed add. */
    public void shutdown() {
        List<TimeSource.Cancellable> pending;
        lock.lock();
        try {
            shutdown = true;
            notEmpty.signalAll();
            pending = new ArrayList<>(timers.values());
            timers.clear();
            waitingUntil.clear();
        } finally {
            lock.unlock();
        }
        pending.forEach(TimeSource.Cancellable::cancel);
    }

    /**
     * Whether {@link #shutdown} was called.
     *
     * @return {@code true} once shut down
     */
    public boolean isShutdown() {
        lock.lock();
        try {
            return shutdown;
        } finally {
            lock.unlock();
        }
    }
}
