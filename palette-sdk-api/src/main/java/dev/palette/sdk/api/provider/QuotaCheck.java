package dev.palette.sdk.api.provider;

/**
 * The answer to a {@link QuotaRequest}.
 *
 * @param sufficient whether the cloud has room for all of it
 * @param message the cloud's explanation when it has not (e.g. the vCPU limit), empty otherwise
 */
public record QuotaCheck(boolean sufficient, String message) {
    /** Enough quota. */
    public static final QuotaCheck OK = new QuotaCheck(true, "");

    /**
     * Normalizes the components.
     *
     * @param sufficient whether there is room
     * @param message the message, may be {@code null}
     */
    public QuotaCheck {
        message = message == null ? "" : message;
    }
}
