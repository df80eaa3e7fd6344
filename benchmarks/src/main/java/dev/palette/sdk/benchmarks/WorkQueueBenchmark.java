package dev.palette.sdk.benchmarks;

import dev.palette.sdk.core.internal.queue.Backoff;
import dev.palette.sdk.core.internal.queue.WorkQueue;
import dev.palette.sdk.core.time.TimeSource;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Work-queue throughput: one add + take + done of a key, single-threaded, over a working set of distinct
 * keys (the engine's keys are cluster ids). Target: at least 1,000,000 pairs per second.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class WorkQueueBenchmark {
    @Param({"1000"})
    int keys;

    private WorkQueue<String> queue;
    private String[] ids;
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        queue = new WorkQueue<>(TimeSource.system(), new Backoff(Duration.ofMillis(5), Duration.ofSeconds(1000), 0.1));
        ids = new String[keys];
        for (int i = 0; i < keys; i++) {
            ids[i] = "c-" + Integer.toString(i, 36) + "abcdefgh";
        }
    }

    /** One add, one take, one done. */
    @Benchmark
    public String addTakeDone() throws InterruptedException {
        String id = ids[next++ % ids.length];
        queue.add(id);
        String taken = queue.poll(Duration.ZERO);
        queue.done(taken);
        return taken;
    }
}
