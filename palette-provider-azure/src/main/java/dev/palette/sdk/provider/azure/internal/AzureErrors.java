package dev.palette.sdk.provider.azure.internal;

import com.azure.core.exception.ClientAuthenticationException;
import com.azure.core.http.HttpHeaderName;
import com.azure.core.management.exception.ManagementError;
import com.azure.core.management.exception.ManagementException;
import com.microsoft.aad.msal4j.MsalServiceException;
import dev.palette.sdk.api.error.AccessDeniedException;
import dev.palette.sdk.api.error.PaletteException;
import dev.palette.sdk.api.error.ProviderException;
import dev.palette.sdk.api.error.QuotaExceededException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import reactor.core.Exceptions;

/**
 * Turns what the Azure SDK fails with into the SDK's typed errors: quota and capacity refusals into
 * {@link QuotaExceededException} with Azure's own message, throttling (429) and server errors into
 * retryable {@link ProviderException}s carrying the {@code Retry-After} Azure asked for, authorization
 * failures into {@link AccessDeniedException} naming the action. ARM reports everything as a
 * {@link ManagementException} with an error code, so the code (and for {@code OperationNotAllowed} the
 * message) decides.
 */
public final class AzureErrors {
    /** Refusals for lack of capacity or quota: the user frees capacity, asks for more, or picks another size. */
    static final Set<String> QUOTA = Set.of("SkuNotAvailable", "ZonalAllocationFailed", "AllocationFailed",
            "OverconstrainedAllocationRequest", "OverconstrainedZonalAllocationRequest", "QuotaExceeded",
            "ResourceQuotaExceeded", "PublicIPCountLimitReached", "StandardSkuPublicIPCountLimitReached",
            "SubscriptionRequestsThrottledForQuota");
    /** Throttling codes, answered with 429 and a {@code Retry-After}. */
    static final Set<String> THROTTLING = Set.of("TooManyRequests", "SubscriptionRequestsThrottled",
            "ResourceGroupRequestsThrottled", "TenantRequestsThrottled");
    /** Missing permissions: never retried, the action is named. */
    static final Set<String> DENIED = Set.of("AuthorizationFailed", "LinkedAuthorizationFailed", "Forbidden",
            "RequestDisallowedByPolicy");
    /** Bad, expired or unusable credentials. */
    static final Set<String> BAD_CREDENTIALS = Set.of("InvalidAuthenticationToken", "InvalidAuthenticationTokenTenant",
            "AuthenticationFailed", "ExpiredAuthenticationToken", "SubscriptionNotFound", "InvalidSubscriptionId");
    /**
     * Conflicts that pass with time: another operation on the same resource, a NIC Azure keeps for 180 s
     * after its VM was deleted, a subnet still in use while NICs leave it, a group still being deleted.
     */
    static final Set<String> TRANSIENT = Set.of("AnotherOperationInProgress", "RetryableError", "Conflict",
            "NicReservedForAnotherVm", "InUseSubnetCannotBeDeleted", "InUseNetworkSecurityGroupCannotBeDeleted",
            "PublicIPAddressInUse", "LoadBalancerInUseByVirtualMachineScaleSet", "NicInUse", "ResourceGroupBeingDeleted",
            "OperationPreempted", "InternalServerError", "ServerTimeout", "NetworkingInternalOperationError",
            "CannotDeleteResource", "OperationNotAllowedWhileResourceGroupIsDeleting");
    private static final Pattern QUOTA_MESSAGE = Pattern.compile("(?i).*\\b(quota|cores?\\b).*");
    private static final Pattern ACTION_IN_MESSAGE = Pattern.compile("perform action '([^']+)'");

    private AzureErrors() {
    }

    /**
     * A retryable failure Azure asked to retry only after a while (429 and some 5xx carry {@code Retry-After}).
     */
    public static final class Throttled extends ProviderException {
        private static final long serialVersionUID = 1L;
        private final Duration retryAfter;

        Throttled(String message, String code, Duration retryAfter, Throwable cause) {
            super(message, code, true, cause);
            this.retryAfter = retryAfter;
        }

        /**
         * How long Azure asked to wait.
         *
         * @return the wait
         */
        public Duration retryAfter() {
            return retryAfter;
        }
    }

    /**
     * Maps a failure of one ARM call.
     *
     * @param operation what was attempted, e.g. {@code create virtual machine workers-1}
     * @param permission the ARM action the call needs, e.g. {@code Microsoft.Compute/virtualMachines/write}
     * @param failure what the call failed with
     * @param redact removes secrets from messages
     * @return the typed error
     */
    public static PaletteException map(String operation, String permission, Throwable failure, UnaryOperator<String> redact) {
        Throwable t = unwrap(failure);
        if (t instanceof PaletteException pe) {
            return pe;
        }
        if (t instanceof ManagementException e) {
            return management(operation, permission, e, redact);
        }
        Throwable refused = credentialRefusal(t);
        if (refused != null) {
            // From azure-identity or MSAL before any ARM call: Entra ID refused the credential itself.
            return new AccessDeniedException("credentials", "Azure did not accept the credentials for " + operation + ": "
                    + redact.apply(firstLine(refused.getMessage())));
        }
        String msg = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        // No answer (connection refused, timeout, TLS): ARM PUTs are upserts on fixed names, so a retry is safe.
        return new ProviderException(operation + " did not reach Azure: " + redact.apply(firstLine(msg)), null, true, t);
    }

    private static PaletteException management(String operation, String permission, ManagementException e,
                                               UnaryOperator<String> redact) {
        ManagementError err = e.getValue();
        String code = err == null || err.getCode() == null ? "" : err.getCode();
        String message = redact.apply(err == null || err.getMessage() == null ? firstLine(e.getMessage()) : err.getMessage().strip());
        int status = e.getResponse() == null ? 0 : e.getResponse().getStatusCode();
        List<String> detailCodes = err == null || err.getDetails() == null ? List.of()
                : err.getDetails().stream().map(ManagementError::getCode).filter(c -> c != null).toList();
        if (QUOTA.contains(code) || detailCodes.stream().anyMatch(QUOTA::contains)
                || "OperationNotAllowed".equals(code) && status != 429 && !detailCodes.contains("TooManyRequests")
                && QUOTA_MESSAGE.matcher(message).matches()) {
            return new QuotaExceededException(message, code);
        }
        if (status == 429 || THROTTLING.contains(code) || detailCodes.stream().anyMatch(THROTTLING::contains)) {
            Duration wait = retryAfter(e).orElse(Duration.ZERO);
            return new Throttled("Azure throttled " + operation + ": " + message + " (" + code + ", retry after "
                    + wait.toSeconds() + " s)", code.isEmpty() ? "TooManyRequests" : code, wait, e);
        }
        if (DENIED.contains(code) || status == 403) {
            String action = actionIn(message).orElse(permission);
            return new AccessDeniedException(action, "Azure refused " + operation + ": the credentials lack permission for "
                    + action + " (" + code + ": " + message + ")");
        }
        if (BAD_CREDENTIALS.contains(code) || status == 401) {
            return new AccessDeniedException("credentials", "Azure did not accept the credentials for " + operation + " ("
                    + code + ": " + message + ")");
        }
        boolean retryable = status >= 500 || TRANSIENT.contains(code) || status == 408;
        if (retryable) {
            Optional<Duration> wait = retryAfter(e);
            if (wait.isPresent()) {
                return new Throttled(operation + ": " + message + (code.isEmpty() ? "" : " (" + code + ")"), code, wait.get(), e);
            }
        }
        return new ProviderException(operation + ": " + message + (code.isEmpty() ? "" : " (" + code + ")"),
                code.isEmpty() ? null : code, retryable, e);
    }

    /** azure-identity's refusal, or MSAL's answer from Entra ID with a client error (a bad secret, an unknown app). */
    private static Throwable credentialRefusal(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof ClientAuthenticationException
                    || c instanceof MsalServiceException m && m.statusCode() >= 400 && m.statusCode() < 500) {
                return c;
            }
        }
        return null;
    }

    /** The action an {@code AuthorizationFailed} message names ("does not have authorization to perform action 'X'"). */
    static Optional<String> actionIn(String message) {
        Matcher m = ACTION_IN_MESSAGE.matcher(message);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    private static Optional<Duration> retryAfter(ManagementException e) {
        if (e.getResponse() == null) {
            return Optional.empty();
        }
        String v = e.getResponse().getHeaderValue(HttpHeaderName.RETRY_AFTER);
        if (v == null || v.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(v.trim()))));
        } catch (NumberFormatException notSeconds) {
            try {
                java.time.ZonedDateTime at = java.time.ZonedDateTime.parse(v.trim(), java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME);
                Duration d = Duration.between(java.time.Instant.now(), at.toInstant());
                return Optional.of(d.isNegative() ? Duration.ZERO : d);
            } catch (RuntimeException unreadable) {
                return Optional.empty();
            }
        }
    }

    /**
     * The ARM error code of a failure, if it is one.
     *
     * @param failure the failure, possibly wrapped
     * @return the code, or {@code ""}
     */
    public static String code(Throwable failure) {
        Throwable t = unwrap(failure);
        if (t instanceof ManagementException e && e.getValue() != null && e.getValue().getCode() != null) {
            return e.getValue().getCode();
        }
        if (t instanceof ProviderException pe) {
            return pe.errorCode().orElse("");
        }
        return "";
    }

    /**
     * Whether a failure says a resource (or its resource group) does not exist.
     *
     * @param failure the failure
     * @return {@code true} for 404s and {@code *NotFound} codes
     */
    public static boolean isNotFound(Throwable failure) {
        Throwable t = unwrap(failure);
        if (t instanceof ManagementException e && e.getResponse() != null && e.getResponse().getStatusCode() == 404) {
            return true;
        }
        if (t instanceof ProviderException pe && pe.getCause() instanceof ManagementException e && e.getResponse() != null
                && e.getResponse().getStatusCode() == 404) {
            return true;
        }
        String code = code(failure);
        return code.endsWith("NotFound");
    }

    static Throwable unwrap(Throwable t) {
        Throwable c = Exceptions.unwrap(t);
        while ((c instanceof CompletionException || c instanceof ExecutionException) && c.getCause() != null) {
            c = Exceptions.unwrap(c.getCause());
        }
        return c;
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int i = s.indexOf('\n');
        return (i < 0 ? s : s.substring(0, i)).strip();
    }
}
