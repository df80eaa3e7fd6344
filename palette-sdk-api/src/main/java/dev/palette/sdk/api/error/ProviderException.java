package dev.palette.sdk.api.error;

import java.util.Optional;

/**
 * A cloud provider call failed. Carries the provider's own error code (e.g. {@code RequestLimitExceeded})
 * when it has one; {@link #retryable()} says whether the engine should try again.
 */
public class ProviderException extends PaletteException {
    /** The provider's error code, or {@code null}. */
    private final String errorCode;

    /**
     * Creates the exception.
     *
     * @param message the provider's message, free of secrets
     * @param errorCode the provider's error code, may be {@code null}
     * @param retryable whether the same call may succeed later
     * @param cause the underlying cause, may be {@code null}
     */
    public ProviderException(String message, String errorCode, boolean retryable, Throwable cause) {
        super(message, retryable, cause);
        this.errorCode = errorCode;
    }

    /**
     * Creates a retryable exception without a code.
     *
     * @param message the provider's message
     * @return the exception
     */
    public static ProviderException retryable(String message) {
        return new ProviderException(message, null, true, null);
    }

    /**
     * Creates a non-retryable exception without a code.
     *
     * @param message the provider's message
     * @return the exception
     */
    public static ProviderException permanent(String message) {
        return new ProviderException(message, null, false, null);
    }

    /**
     * The provider's error code, when it gave one.
     *
     * @return the code
     */
    public Optional<String> errorCode() {
        return Optional.ofNullable(errorCode);
    }
}
