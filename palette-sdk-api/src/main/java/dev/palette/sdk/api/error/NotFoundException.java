package dev.palette.sdk.api.error;

/** A named resource does not exist (or is not visible to the caller). Not retryable. */
public class NotFoundException extends PaletteException {
    /**
     * Creates the exception.
     *
     * @param message what was not found
     */
    public NotFoundException(String message) {
        super(message, false);
    }
}
