package dev.palette.sdk.api.error;

/**
 * An add-on pack could not be applied to a workload cluster: names the pack, the object the API server
 * refused ({@code Deployment kube-system/calico-kube-controllers}) and the API server's own message.
 * The engine shows it on the cluster's {@code AddonsReady} condition; the layers after the pack wait.
 */
public class AddonException extends PaletteException {
    /** The pack that failed. */
    private final String pack;
    /** The object refused, {@code Kind namespace/name}, or empty. */
    private final String object;
    /** The API server's message. */
    private final String detail;

    /**
     * Creates the exception.
     *
     * @param pack the pack
     * @param object the object refused, as {@code Kind namespace/name}, or empty when the pack as a whole failed
     * @param message the API server's message
     * @param retryable whether trying again may help (a timeout, a webhook not yet up) rather than needing a fix
     * @param cause the underlying failure, may be {@code null}
     */
    public AddonException(String pack, String object, String message, boolean retryable, Throwable cause) {
        super(pack + (object.isEmpty() ? "" : ": " + object) + ": " + message, retryable, cause);
        this.pack = pack;
        this.object = object;
        this.detail = message;
    }

    /**
     * The pack that failed.
     *
     * @return its name
     */
    public String pack() {
        return pack;
    }

    /**
     * The object the API server refused.
     *
     * @return {@code Kind namespace/name}, or empty
     */
    public String object() {
        return object;
    }

    /**
     * What the API server (or the implementation) said, without the pack and object in front.
     *
     * @return the message
     */
    public String detail() {
        return detail;
    }
}
