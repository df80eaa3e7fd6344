package dev.palette.sdk.kubernetes.internal;

import dev.palette.sdk.api.error.PaletteException;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/**
 * Turns what the fabric8 client throws into {@link PaletteException}s. Retryable are the failures a
 * later attempt can outlive: no answer (connection refused, reset, timed out), 5xx, 429 and 409 (a
 * conflicting write), and 401 (the client is rebuilt from a possibly renewed kubeconfig).
 */
public final class KubernetesErrors {
    private static final int NO_HTTP_STATUS = -1;

    private KubernetesErrors() {
    }

    /**
     * The error a failed call becomes.
     *
     * @param what the operation, for the message ({@code "cluster c-1: cordon node n1"})
     * @param err what the call threw
     * @return a {@link PaletteException}, {@code err} itself if it is one
     */
    public static PaletteException toPalette(String what, Throwable err) {
        Throwable t = unwrap(err);
        if (t instanceof PaletteException p) {
            return p;
        }
        int code = httpStatus(t);
        if (code != NO_HTTP_STATUS) {
            boolean retryable = code >= 500 || code == 429 || code == 409 || code == 408 || code == 401;
            return new PaletteException(what + " failed: HTTP " + code + " " + statusMessage(t), retryable, t);
        }
        if (hasCause(t, IOException.class) || hasCause(t, TimeoutException.class)) {
            return new PaletteException(what + " failed: the API server did not answer (" + rootMessage(t) + ")", true, t);
        }
        if (t instanceof IllegalStateException && String.valueOf(t.getMessage()).contains("closed")) {
            // The client was released under the call (cluster released or engine closing); a retry gets a new one.
            return new PaletteException(what + " failed: the cluster's client was closed", true, t);
        }
        return new PaletteException(what + " failed: " + t, false, t);
    }

    /**
     * The HTTP status of a failure, looked for along its causes.
     *
     * @param err the failure
     * @return the status, or -1 if none answered
     */
    public static int httpStatus(Throwable err) {
        for (Throwable t = unwrap(err); t != null; t = t.getCause()) {
            if (t instanceof KubernetesClientException k && k.getCode() > 0) {
                return k.getCode();
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return NO_HTTP_STATUS;
    }

    /**
     * Whether a failure is the API server's 404.
     *
     * @param err the failure
     * @return {@code true} for Not Found
     */
    public static boolean isNotFound(Throwable err) {
        return httpStatus(err) == 404;
    }

    /**
     * Whether a failure is the API server's 409 (a stale write or a duplicate create).
     *
     * @param err the failure
     * @return {@code true} for Conflict
     */
    public static boolean isConflict(Throwable err) {
        return httpStatus(err) == 409;
    }

    /**
     * Whether a failure is the API server's 401: the credentials are no longer accepted.
     *
     * @param err the failure
     * @return {@code true} for Unauthorized
     */
    public static boolean isUnauthorized(Throwable err) {
        return httpStatus(err) == 401;
    }

    static Throwable unwrap(Throwable err) {
        Throwable t = err;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    /**
     * What the API server said about a failure (its {@code Status} message), else the failure's message.
     *
     * @param t the failure
     * @return the message
     */
    static String serverMessage(Throwable t) {
        return statusMessage(unwrap(t));
    }

    private static String statusMessage(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof KubernetesClientException k && k.getStatus() != null && k.getStatus().getMessage() != null) {
                return k.getStatus().getMessage();
            }
            if (c.getCause() == c) {
                break;
            }
        }
        return String.valueOf(t.getMessage());
    }

    private static boolean hasCause(Throwable t, Class<? extends Throwable> type) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (type.isInstance(c)) {
                return true;
            }
            if (c.getCause() == c) {
                break;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null && c.getCause() != c) {
            c = c.getCause();
        }
        return c.getMessage() == null ? c.getClass().getSimpleName() : c.getClass().getSimpleName() + ": " + c.getMessage();
    }
}
