package dev.palette.sdk.provider.azure.internal;

import dev.palette.sdk.api.error.ProviderException;
import dev.palette.sdk.api.error.QuotaExceededException;
import io.github.resilience4j.core.IntervalBiFunction;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import reactor.core.publisher.Mono;

/**
 * Every ARM call goes through here: a client-side rate limit shared by all calls of a provider (ARM
 * throttles per subscription and principal, and a burst of reconciles must not earn a 429), a retry with
 * exponential backoff and jitter that waits exactly what a {@code Retry-After} asks for, and the mapping of
 * failures to typed errors. The Azure SDK's own retries are off, so one policy decides.
 *
 * <p>A {@code Retry-After} longer than {@link Settings#longestInlineWait()} is not waited out in a stage:
 * the call fails retryably at once, and every call of the same subscription and credentials fails fast,
 * without reaching Azure, until that time has passed; the engine's backoff calls again later.
 *
 * <p>Nothing blocks: a call that must wait for a permit or a backoff is scheduled for later.
 */
public final class Calls {
    private final RateLimiter limiter;
    private final Settings settings;
    private final ScheduledExecutorService scheduler;
    private final Clock clock;
    private final Retry anyCall;
    private final Retry idempotentCall;

    /**
     * How calls are paced and retried.
     *
     * @param maxAttempts attempts per call, the first included
     * @param initialBackoff the first retry delay, doubled each time (with jitter)
     * @param longestInlineWait the longest {@code Retry-After} waited out inside a call
     */
    public record Settings(int maxAttempts, Duration initialBackoff, Duration longestInlineWait) {
    }

    /**
     * Creates the shared rate limiter of a provider.
     *
     * @param requestsPerSecond the limit
     * @return the limiter
     */
    public static RateLimiter limiter(double requestsPerSecond) {
        long periodNanos = (long) Math.max(1, 1_000_000_000L / Math.max(requestsPerSecond, 0.001));
        int perPeriod = 1;
        if (periodNanos < 1_000_000) { // more than 1000/s: refill in 1 ms steps, several permits each
            perPeriod = (int) Math.ceil(requestsPerSecond / 1000.0);
            periodNanos = 1_000_000;
        }
        return RateLimiter.of("azure", RateLimiterConfig.custom().limitForPeriod(perPeriod)
                .limitRefreshPeriod(Duration.ofNanos(periodNanos)).timeoutDuration(Duration.ofMinutes(5)).build());
    }

    /** When the subscription may be called again after a long {@code Retry-After}; shared by its calls. */
    private final AtomicReference<Instant> throttledUntil = new AtomicReference<>(Instant.EPOCH);

    /**
     * Creates the policy of one subscription and set of credentials.
     *
     * @param limiter the provider's rate limiter
     * @param settings the retry settings
     * @param scheduler where delayed calls are started
     * @param clock the time, for the throttling gate
     */
    public Calls(RateLimiter limiter, Settings settings, ScheduledExecutorService scheduler, Clock clock) {
        this.limiter = limiter;
        this.settings = settings;
        this.scheduler = scheduler;
        this.clock = clock;
        IntervalFunction backoff = IntervalFunction.ofExponentialRandomBackoff(settings.initialBackoff(), 2.0, 0.5);
        IntervalBiFunction<Object> interval = (attempt, outcome) -> outcome.isLeft()
                && outcome.getLeft() instanceof AzureErrors.Throttled t && !t.retryAfter().isZero()
                ? t.retryAfter().toMillis() : backoff.apply(attempt);
        this.anyCall = Retry.of("azure-any", config(interval, t -> t instanceof AzureErrors.Throttled th && inline(th)));
        this.idempotentCall = Retry.of("azure-idempotent", config(interval, t -> t instanceof AzureErrors.Throttled th
                ? inline(th) : t instanceof ProviderException pe && pe.retryable() && !(t instanceof QuotaExceededException)));
    }

    private boolean inline(AzureErrors.Throttled t) {
        return t.retryAfter().compareTo(settings.longestInlineWait()) <= 0;
    }

    private RetryConfig config(IntervalBiFunction<Object> interval, Predicate<Throwable> retryOn) {
        return RetryConfig.custom().maxAttempts(Math.max(1, settings.maxAttempts())).intervalBiFunction(interval)
                .retryOnException(retryOn).failAfterMaxAttempts(false).build();
    }

    /**
     * Runs one ARM call under the rate limit and retry policy.
     *
     * @param operation what is attempted, for messages ({@code create virtual machine x})
     * @param permission the ARM action it needs, named when it is refused
     * @param idempotent whether repeating the call after an unclear failure (a timeout, a 500) is safe: a
     *     read, a PUT on a fixed name, a delete. Throttled calls are retried either way.
     * @param redact removes secrets from messages
     * @param call starts the call
     * @param <T> the response type
     * @return the response, or a failure mapped by {@link AzureErrors}
     */
    public <T> CompletableFuture<T> run(String operation, String permission, boolean idempotent, UnaryOperator<String> redact,
                                        Supplier<Mono<T>> call) {
        Supplier<CompletionStage<T>> attempt = () -> limited(operation, permission, redact, call);
        return Retry.decorateCompletionStage(idempotent ? idempotentCall : anyCall, scheduler, attempt).get()
                .toCompletableFuture();
    }

    private <T> CompletionStage<T> limited(String operation, String permission, UnaryOperator<String> redact,
                                           Supplier<Mono<T>> call) {
        Instant until = throttledUntil.get();
        if (clock.instant().isBefore(until)) {
            return CompletableFuture.failedFuture(new ProviderException(operation + " not sent: Azure asked to wait until "
                    + until + " (Retry-After)", "TooManyRequests", true, null));
        }
        long waitNanos = limiter.reservePermission();
        if (waitNanos < 0) {
            return CompletableFuture.failedFuture(ProviderException.retryable(
                    operation + " not sent: the client-side Azure rate limit is saturated"));
        }
        CompletableFuture<T> out = new CompletableFuture<>();
        Runnable start = () -> {
            try {
                call.get().toFuture().whenComplete((v, e) -> {
                    if (e != null) {
                        var mapped = AzureErrors.map(operation, permission, e, redact);
                        if (mapped instanceof AzureErrors.Throttled t && !inline(t)) {
                            Instant next = clock.instant().plus(t.retryAfter());
                            throttledUntil.accumulateAndGet(next, (a, b) -> a.isAfter(b) ? a : b);
                        }
                        out.completeExceptionally(mapped);
                    } else {
                        out.complete(v);
                    }
                });
            } catch (RuntimeException e) {
                out.completeExceptionally(AzureErrors.map(operation, permission, e, redact));
            }
        };
        if (waitNanos == 0) {
            start.run();
        } else {
            scheduler.schedule(start, waitNanos, TimeUnit.NANOSECONDS);
        }
        return out;
    }
}
