package dev.palette.sdk.benchmarks;

import dev.palette.sdk.api.model.ClusterEvent;
import dev.palette.sdk.core.internal.events.EventLog;
import dev.palette.sdk.core.time.TimeSource;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Recording events into per-cluster rings of 1,000: a new event (which pushes out the oldest of a full
 * ring) and a repeat of the last one (folded into it with a count).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class EventLogBenchmark {
    private EventLog log;
    private long n;

    @Setup(Level.Trial)
    public void setUp() {
        log = new EventLog(1000, TimeSource.system());
    }

    /** A distinct event in one of 100 clusters' rings. */
    @Benchmark
    public void recordNew() {
        long i = n++;
        log.record("c-" + (i % 100), ClusterEvent.Severity.NORMAL, "MachineCreated", "created machine m-" + i);
    }

    /** The same event again: folded into the last one. */
    @Benchmark
    public void recordRepeat() {
        log.record("c-1", ClusterEvent.Severity.WARNING, "QuotaExceeded", "vCPU limit of 32 reached");
    }
}
