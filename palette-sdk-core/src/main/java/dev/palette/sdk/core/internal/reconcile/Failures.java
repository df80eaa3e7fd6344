package dev.palette.sdk.core.internal.reconcile;

import dev.palette.sdk.api.error.AccessDeniedException;
import dev.palette.sdk.api.error.PaletteException;
import dev.palette.sdk.api.error.ProviderException;
import dev.palette.sdk.api.error.QuotaExceededException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** Turns whatever a provider stage failed with into a {@link PaletteException} and a condition reason. */
final class Failures {
    private Failures() {
    }

    static Throwable unwrap(Throwable t) {
        Throwable c = t;
        while ((c instanceof CompletionException || c instanceof ExecutionException) && c.getCause() != null) {
            c = c.getCause();
        }
        return c;
    }

    /** A PaletteException for any failure; unknown exceptions become retryable provider errors. */
    static PaletteException asPalette(Throwable t) {
        Throwable c = unwrap(t);
        if (c instanceof PaletteException pe) {
            return pe;
        }
        if (c instanceof CancellationException) {
            return new PaletteException("operation cancelled", true, c);
        }
        String msg = c.getMessage() == null ? c.getClass().getSimpleName() : c.getMessage();
        return new ProviderException(c.getClass().getSimpleName() + ": " + msg, null, true, c);
    }

    /** The CamelCase reason a failed condition shows. */
    static String reason(PaletteException e) {
        if (e instanceof QuotaExceededException) {
            return "QuotaExceeded";
        }
        if (e instanceof AccessDeniedException) {
            return "AccessDenied";
        }
        if (e instanceof ProviderException) {
            return "ProviderError";
        }
        return "Error";
    }
}
