package dev.palette.sdk.testkit;

import dev.palette.sdk.api.error.PaletteException;
import dev.palette.sdk.api.error.ProviderException;
import dev.palette.sdk.api.error.QuotaExceededException;
import java.util.EnumMap;
import java.util.Map;
import java.util.Random;

/**
 * Faults the simulated cloud injects into its calls: the next N calls of an operation fail in a chosen
 * way, every call fails with some probability (seeded, so runs repeat), or the cloud "crashes" after a
 * number of calls: from then on calls never answer, which is how a test stops an engine between any two
 * of its steps.
 */
public final class SimFaults {
    /** How an injected failure looks to the engine. */
    public enum Kind {
        /** A retryable provider error (throttling), code {@code RequestLimitExceeded}. */
        RETRYABLE,
        /** A provider error that retrying the same call will not fix. */
        PERMANENT,
        /** A quota error, code {@code VcpuLimitExceeded}. */
        QUOTA
    }

    /** What happens to a call made after the crash point. */
    public enum CrashMode {
        /** The cloud does not carry the call out, and never answers. */
        BEFORE_APPLY,
        /** The cloud carries the call out, but the answer never arrives. */
        AFTER_APPLY
    }

    private final Map<SimOperation, Integer> failNext = new EnumMap<>(SimOperation.class);
    private final Map<SimOperation, Kind> failNextKind = new EnumMap<>(SimOperation.class);
    private double randomProbability;
    private Random random = new Random(0);
    private long crashAfter = -1;
    private CrashMode crashMode = CrashMode.BEFORE_APPLY;

    SimFaults() {
    }

    /**
     * Makes the next {@code n} calls of an operation fail.
     *
     * @param op the operation
     * @param n how many calls
     * @param kind how they fail
     * @return this
     */
    public synchronized SimFaults failNext(SimOperation op, int n, Kind kind) {
        failNext.put(op, n);
        failNextKind.put(op, kind);
        return this;
    }

    /**
     * Makes every call fail with a retryable error with the given probability.
     *
     * @param probability between 0 and 1
     * @param seed the random seed, so a run repeats
     * @return this
     */
    public synchronized SimFaults failRandomly(double probability, long seed) {
        this.randomProbability = probability;
        this.random = new Random(seed);
        return this;
    }

    /**
     * Makes every call after the given total number of calls (counted from the cloud's creation) hang.
     *
     * @param totalCalls calls that still go through
     * @param mode whether hanging calls are carried out
     * @return this
     */
    public synchronized SimFaults crashAfterCalls(long totalCalls, CrashMode mode) {
        this.crashAfter = totalCalls;
        this.crashMode = mode;
        return this;
    }

    /**
     * Lifts the crash point: new calls go through again (calls that already hang stay hung) and stops
     * random failures.
     *
     * @return this
     */
    public synchronized SimFaults recover() {
        this.crashAfter = -1;
        this.randomProbability = 0;
        return this;
    }

    /** Removes every fault. */
    public synchronized void clear() {
        failNext.clear();
        failNextKind.clear();
        recover();
    }

    synchronized CrashMode crashes(long callNumber) {
        return crashAfter >= 0 && callNumber > crashAfter ? crashMode : null;
    }

    synchronized PaletteException next(SimOperation op) {
        Integer n = failNext.get(op);
        if (n != null && n > 0) {
            failNext.put(op, n - 1);
            return exception(failNextKind.get(op), op);
        }
        if (randomProbability > 0 && random.nextDouble() < randomProbability) {
            return exception(Kind.RETRYABLE, op);
        }
        return null;
    }

    static PaletteException exception(Kind kind, SimOperation op) {
        return switch (kind) {
            case RETRYABLE -> new ProviderException("Request limit exceeded (simulated, " + op + ")", "RequestLimitExceeded", true, null);
            case PERMANENT -> new ProviderException("Simulated permanent failure of " + op, "SimulatedFailure", false, null);
            case QUOTA -> new QuotaExceededException(SimCloud.VCPU_LIMIT_MESSAGE.formatted(0), "VcpuLimitExceeded");
        };
    }
}
