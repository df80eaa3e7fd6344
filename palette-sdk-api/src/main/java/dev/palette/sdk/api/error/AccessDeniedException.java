package dev.palette.sdk.api.error;

/**
 * The caller (or the cloud credentials) lacks a permission. Names the missing permission and nothing
 * about resources the caller cannot see. Not retryable.
 */
public class AccessDeniedException extends PaletteException {
    /** The missing permission. */
    private final String permission;

    /**
     * Creates the exception.
     *
     * @param permission the missing permission, e.g. {@code clusters:update}
     * @param message the message
     */
    public AccessDeniedException(String permission, String message) {
        super(message, false);
        this.permission = permission;
    }

    /**
     * The missing permission.
     *
     * @return the permission name
     */
    public String permission() {
        return permission;
    }
}
