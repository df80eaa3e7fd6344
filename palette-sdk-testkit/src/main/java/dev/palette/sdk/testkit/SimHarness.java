package dev.palette.sdk.testkit;

import dev.palette.sdk.core.PaletteEngine;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;

/**
 * Drives an engine that runs on a {@link VirtualClock}: whenever the engine has nothing to do right now,
 * the clock jumps to the next scheduled moment (a machine boots, a backoff ends, a poll is due), until the
 * awaited condition holds. Hours of a cluster's life pass in milliseconds, with no sleeping.
 */
public final class SimHarness {
    /** How long, in real time, one {@link #runUntil} may take before it gives up. */
    public static final Duration REAL_TIME_LIMIT = Duration.ofSeconds(60);

    private SimHarness() {
    }

    /**
     * Advances virtual time until a condition holds.
     *
     * @param engine the engine (started, on {@code clock})
     * @param clock its clock
     * @param done the condition
     * @param maxVirtual the most virtual time that may pass
     * @return the virtual time that passed
     * @throws AssertionError if the condition does not hold within {@code maxVirtual} of virtual time, if
     *     nothing is left to happen, or after {@link #REAL_TIME_LIMIT} of real time
     */
    public static Duration runUntil(PaletteEngine engine, VirtualClock clock, BooleanSupplier done, Duration maxVirtual) {
        Instant start = clock.instant();
        Instant limit = start.plus(maxVirtual);
        long realDeadline = System.nanoTime() + REAL_TIME_LIMIT.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > realDeadline) {
                throw new AssertionError("gave up after " + REAL_TIME_LIMIT + " of real time; engine " + engine.stats());
            }
            if (!engine.isIdle()) {
                Thread.onSpinWait();
                continue;
            }
            clock.advance(Duration.ZERO); // tasks due now
            if (!engine.isIdle() || done.getAsBoolean()) {
                continue;
            }
            Instant next = clock.nextDeadline().orElse(null);
            if (next == null) {
                throw new AssertionError("nothing left to happen and the condition does not hold; engine " + engine.stats());
            }
            if (next.isAfter(limit)) {
                clock.advance(Duration.between(clock.instant(), limit));
                if (done.getAsBoolean()) {
                    break;
                }
                throw new AssertionError("the condition did not hold within " + maxVirtual + " of virtual time; engine "
                        + engine.stats());
            }
            clock.advanceToNextDeadline();
        }
        return Duration.between(start, clock.instant());
    }

    /**
     * Lets the engine work for a stretch of virtual time.
     *
     * @param engine the engine (started, on {@code clock})
     * @param clock its clock
     * @param d how much virtual time passes
     */
    public static void runFor(PaletteEngine engine, VirtualClock clock, Duration d) {
        Instant target = clock.instant().plus(d);
        runUntil(engine, clock, () -> !clock.instant().isBefore(target) && engine.isIdle(), d);
    }
}
