package dev.palette.sdk.core.internal.queue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.palette.sdk.core.time.TimeSource;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class WorkQueueTest {

    /** A hand-driven time source: tasks run when the test says so. */
    static final class ManualTime implements TimeSource {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        final List<Object[]> tasks = new ArrayList<>();

        @Override
        public Instant now() {
            return now;
        }

        @Override
        public synchronized Cancellable schedule(Duration delay, Runnable task) {
            Object[] t = {now.plus(delay), task};
            tasks.add(t);
            return () -> tasks.remove(t);
        }

        synchronized void advance(Duration d) {
            now = now.plus(d);
            List<Object[]> due = new ArrayList<>();
            for (Object[] t : tasks) {
                if (!((Instant) t[0]).isAfter(now)) {
                    due.add(t);
                }
            }
            tasks.removeAll(due);
            due.forEach(t -> ((Runnable) t[1]).run());
        }
    }

    private final ManualTime time = new ManualTime();
    private final WorkQueue<String> queue = new WorkQueue<>(time, new Backoff(Duration.ofMillis(5), Duration.ofSeconds(1000), 0));

    @Test
    void deduplicatesKeysAddedBeforeTheyAreTaken() throws Exception {
        queue.add("a");
        queue.add("a");
        queue.add("b");
        assertThat(queue.depth()).isEqualTo(2);
        assertThat(queue.take()).isEqualTo("a");
        assertThat(queue.take()).isEqualTo("b");
        assertThat(queue.poll(Duration.ZERO)).isNull();
    }

    @Test
    void aKeyAddedWhileProcessingIsQueuedAgainOnlyAfterDone() throws Exception {
        queue.add("a");
        String k = queue.take();
        queue.add("a");
        assertThat(queue.poll(Duration.ZERO)).as("not handed out twice at once").isNull();
        queue.done(k);
        assertThat(queue.poll(Duration.ZERO)).isEqualTo("a");
    }

    @Test
    void delayedAddKeepsTheEarliestDeadline() throws Exception {
        queue.addAfter("a", Duration.ofSeconds(10));
        queue.addAfter("a", Duration.ofSeconds(2));
        queue.addAfter("a", Duration.ofSeconds(5));
        time.advance(Duration.ofSeconds(1));
        assertThat(queue.poll(Duration.ZERO)).isNull();
        time.advance(Duration.ofSeconds(1));
        assertThat(queue.poll(Duration.ZERO)).isEqualTo("a");
        queue.done("a");
        time.advance(Duration.ofSeconds(20));
        assertThat(queue.poll(Duration.ZERO)).as("superseded timers do not fire again").isNull();
    }

    @Test
    void rateLimitedAddsBackOffExponentiallyAndForgetResets() {
        assertThat(queue.addRateLimited("a")).isEqualTo(Duration.ofMillis(5));
        assertThat(queue.addRateLimited("a")).isEqualTo(Duration.ofMillis(10));
        assertThat(queue.addRateLimited("a")).isEqualTo(Duration.ofMillis(20));
        queue.forget("a");
        assertThat(queue.addRateLimited("a")).isEqualTo(Duration.ofMillis(5));
    }

    @Test
    void backoffIsCappedAndJitterOnlyLengthens() {
        Backoff b = new Backoff(Duration.ofMillis(5), Duration.ofSeconds(1000), 0.1);
        Duration last = Duration.ZERO;
        for (int i = 0; i < 100; i++) {
            last = b.next("k");
        }
        assertThat(last).isBetween(Duration.ofSeconds(1000), Duration.ofSeconds(1100));
        Backoff fresh = new Backoff(Duration.ofMillis(5), Duration.ofSeconds(1000), 0.1);
        assertThat(fresh.next("x")).isBetween(Duration.ofMillis(5), Duration.ofNanos(5_500_000));
    }

    @Test
    void neverHandsOneKeyToTwoWorkersAtOnce() throws Exception {
        int workers = 8;
        int keys = 20;
        int addsPerKey = 500;
        ConcurrentHashMap<String, AtomicInteger> active = new ConcurrentHashMap<>();
        AtomicInteger overlaps = new AtomicInteger();
        AtomicInteger processed = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(workers + 1);
        CountDownLatch producersDone = new CountDownLatch(1);
        for (int w = 0; w < workers; w++) {
            pool.execute(() -> {
                try {
                    String k;
                    while ((k = queue.take()) != null) {
                        if (active.computeIfAbsent(k, x -> new AtomicInteger()).incrementAndGet() > 1) {
                            overlaps.incrementAndGet();
                        }
                        processed.incrementAndGet();
                        Thread.onSpinWait();
                        active.get(k).decrementAndGet();
                        queue.done(k);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }
        pool.execute(() -> {
            for (int i = 0; i < addsPerKey; i++) {
                for (int k = 0; k < keys; k++) {
                    queue.add("k" + k);
                }
            }
            producersDone.countDown();
        });
        assertThat(producersDone.await(30, TimeUnit.SECONDS)).isTrue();
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(queue::isIdle);
        queue.shutdown();
        pool.shutdown();
        assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        assertThat(overlaps.get()).isZero();
        assertThat(processed.get()).isBetween(keys, keys * addsPerKey);
        assertThat(queue.adds()).isEqualTo((long) keys * addsPerKey);
    }

    @Test
    void shutdownWakesWaitingWorkers() throws Exception {
        Thread t = new Thread(() -> {
            try {
                assertThat(queue.take()).isNull();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        t.start();
        queue.shutdown();
        t.join(10_000);
        assertThat(t.isAlive()).isFalse();
        queue.add("late");
        assertThat(queue.depth()).isZero();
    }
}
