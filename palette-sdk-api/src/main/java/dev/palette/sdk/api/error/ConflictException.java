package dev.palette.sdk.api.error;

/**
 * A compare-and-set write found a newer {@code resourceVersion} than the one it was based on, or a
 * create found the name taken. Retryable after re-reading the current state.
 */
public class ConflictException extends PaletteException {
    /**
     * Creates the exception.
     *
     * @param message what conflicted
     */
    public ConflictException(String message) {
        super(message, true);
    }
}
