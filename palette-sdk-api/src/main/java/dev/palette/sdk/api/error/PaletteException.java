package dev.palette.sdk.api.error;

/**
 * Root of every exception the SDK throws or expects from plug-ins.
 *
 * <p>{@link #retryable()} tells the engine (and a host) whether the same call may succeed later
 * without a change of input: throttling and transient cloud errors are retryable, validation
 * failures and missing permissions are not. Messages never contain secrets.
 */
public class PaletteException extends RuntimeException {
    /** Whether retrying may succeed. */
    private final boolean retryable;

    /**
     * Creates an exception.
     *
     * @param message human-readable message, free of secrets
     * @param retryable whether retrying the same call may succeed
     */
    public PaletteException(String message, boolean retryable) {
        this(message, retryable, null);
    }

    /**
     * Creates an exception with a cause.
     *
     * @param message human-readable message, free of secrets
     * @param retryable whether retrying the same call may succeed
     * @param cause the underlying cause, may be {@code null}
     */
    public PaletteException(String message, boolean retryable, Throwable cause) {
        super(message, cause);
        this.retryable = retryable;
    }

    /**
     * Whether retrying the same call, unchanged, may succeed.
     *
     * @return {@code true} for transient failures
     */
    public boolean retryable() {
        return retryable;
    }
}
