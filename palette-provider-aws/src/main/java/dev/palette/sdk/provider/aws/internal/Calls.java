package dev.palette.sdk.provider.aws.internal;

import dev.palette.sdk.api.error.ProviderException;
import dev.palette.sdk.api.error.QuotaExceededException;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Every AWS call goes through here: a client-side rate limit shared by all calls of a provider (AWS
 * throttles per account and region, and a burst of reconciles must not earn {@code RequestLimitExceeded}),
 * a retry with exponential backoff and jitter, and the mapping of failures to typed errors. The SDK's own
 * retries are off, so one policy decides.
 *
 * <p>Nothing blocks: a call that must wait for a permit or a backoff is scheduled for later.
 */
public final class Calls {
    private final RateLimiter limiter;
    private final Retry anyCall;
    private final Retry idempotentCall;
    private final ScheduledExecutorService scheduler;

    /**
     * Creates the policy.
     *
     * @param requestsPerSecond the client-side rate limit
     * @param maxAttempts attempts per call, the first included
     * @param initialBackoff the first retry delay, doubled each time (with jitter)
     * @param scheduler where delayed calls are started
     */
    public Calls(double requestsPerSecond, int maxAttempts, Duration initialBackoff, ScheduledExecutorService scheduler) {
        this.scheduler = scheduler;
        long periodNanos = (long) Math.max(1, 1_000_000_000L / Math.max(requestsPerSecond, 0.001));
        int perPeriod = 1;
        if (periodNanos < 1_000_000) { // more than 1000/s: refill in 1 ms steps, several permits each
            perPeriod = (int) Math.ceil(requestsPerSecond / 1000.0);
            periodNanos = 1_000_000;
        }
        this.limiter = RateLimiter.of("aws", RateLimiterConfig.custom().limitForPeriod(perPeriod)
                .limitRefreshPeriod(Duration.ofNanos(periodNanos)).timeoutDuration(Duration.ofMinutes(5)).build());
        IntervalFunction backoff = IntervalFunction.ofExponentialRandomBackoff(initialBackoff, 2.0, 0.5);
        this.anyCall = Retry.of("aws-any", config(maxAttempts, backoff, AwsErrors::isThrottling));
        this.idempotentCall = Retry.of("aws-idempotent", config(maxAttempts, backoff,
                t -> t instanceof ProviderException pe && pe.retryable() && !(t instanceof QuotaExceededException)));
    }

    private static RetryConfig config(int attempts, IntervalFunction backoff, Predicate<Throwable> retryOn) {
        return RetryConfig.custom().maxAttempts(Math.max(1, attempts)).intervalFunction(backoff)
                .retryOnException(retryOn).failAfterMaxAttempts(false).build();
    }

    /**
     * Runs one AWS call under the rate limit and retry policy.
     *
     * @param prefix the IAM service prefix for error messages ({@code ec2}, {@code elasticloadbalancing})
     * @param action the API action
     * @param idempotent whether repeating the call after an unclear failure (a timeout, a 500) is safe: a
     *     read, or a create carrying a client token or unique name. Throttled calls are retried either way.
     * @param call starts the call
     * @param <T> the response type
     * @return the response, or a failure mapped by {@link AwsErrors}
     */
    public <T> CompletableFuture<T> run(String prefix, String action, boolean idempotent,
                                        Supplier<? extends CompletionStage<T>> call) {
        Supplier<CompletionStage<T>> attempt = () -> limited(prefix, action, call);
        return Retry.decorateCompletionStage(idempotent ? idempotentCall : anyCall, scheduler, attempt).get()
                .toCompletableFuture();
    }

    private <T> CompletionStage<T> limited(String prefix, String action, Supplier<? extends CompletionStage<T>> call) {
        long waitNanos = limiter.reservePermission();
        if (waitNanos < 0) {
            return CompletableFuture.failedFuture(ProviderException.retryable(
                    action + " not sent: the client-side AWS rate limit is saturated"));
        }
        CompletableFuture<T> out = new CompletableFuture<>();
        Runnable start = () -> {
            try {
                call.get().whenComplete((v, e) -> {
                    if (e != null) {
                        out.completeExceptionally(AwsErrors.map(prefix, action, e));
                    } else {
                        out.complete(v);
                    }
                });
            } catch (RuntimeException e) {
                out.completeExceptionally(AwsErrors.map(prefix, action, e));
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
