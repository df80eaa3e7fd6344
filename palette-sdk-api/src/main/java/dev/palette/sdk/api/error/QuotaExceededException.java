package dev.palette.sdk.api.error;

/**
 * The cloud refused for lack of quota or capacity (e.g. AWS {@code VcpuLimitExceeded}). Retryable: it
 * succeeds once the user frees capacity, and meanwhile the engine shows the provider's message on the
 * failing condition.
 */
public class QuotaExceededException extends ProviderException {
    /**
     * Creates the exception.
     *
     * @param message the provider's message, shown to users as it is
     * @param errorCode the provider's error code, may be {@code null}
     */
    public QuotaExceededException(String message, String errorCode) {
        super(message, errorCode, true, null);
    }
}
