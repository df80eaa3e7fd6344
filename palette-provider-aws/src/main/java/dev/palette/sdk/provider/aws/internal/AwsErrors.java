package dev.palette.sdk.provider.aws.internal;

import dev.palette.sdk.api.error.AccessDeniedException;
import dev.palette.sdk.api.error.PaletteException;
import dev.palette.sdk.api.error.ProviderException;
import dev.palette.sdk.api.error.QuotaExceededException;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Turns what the AWS SDK fails with into the SDK's typed errors: quota and capacity refusals into
 * {@link QuotaExceededException} with AWS's own message, throttling and server errors into retryable
 * {@link ProviderException}s, missing IAM permissions into {@link AccessDeniedException} naming the
 * permission. EC2 models no exception subclasses, so the error code decides.
 */
public final class AwsErrors {
    /** Refusals for lack of quota or capacity: the user frees capacity or asks AWS for more. */
    static final Set<String> QUOTA = Set.of("VcpuLimitExceeded", "InstanceLimitExceeded", "InsufficientInstanceCapacity",
            "VpcLimitExceeded", "SecurityGroupLimitExceeded", "InternetGatewayLimitExceeded", "VolumeLimitExceeded",
            "RouteTableLimitExceeded", "TooManyLoadBalancers", "TooManyTargetGroups", "TooManyListeners");
    /** Throttling: the request was refused before anything was done, so any call may be retried. */
    static final Set<String> THROTTLING = Set.of("RequestLimitExceeded", "Throttling", "ThrottlingException",
            "RequestThrottled", "TooManyRequestsException", "SlowDown");
    /** Missing permissions. */
    static final Set<String> DENIED = Set.of("UnauthorizedOperation", "AccessDenied", "AccessDeniedException");
    /** Bad or expired credentials. */
    static final Set<String> BAD_CREDENTIALS = Set.of("AuthFailure", "InvalidClientTokenId", "SignatureDoesNotMatch",
            "ExpiredToken", "RequestExpired");
    /**
     * Client errors that pass with time: AWS is eventually consistent (a VPC just made is not found yet)
     * and deletions wait on dependents (an NLB's interfaces leave a subnet minutes after it is deleted).
     */
    static final Set<String> TRANSIENT = Set.of("DependencyViolation", "IncorrectState", "IncorrectInstanceState",
            "ResourceInUse", "InvalidRouteTableID.NotFound", "InvalidVpcID.NotFound", "InvalidSubnetID.NotFound",
            "InvalidGroup.NotFound", "InvalidInternetGatewayID.NotFound",
            "InvalidAMIID.NotFound", "InvalidAMIID.Unavailable", "OperationNotPermitted", "PendingVerification");

    private static final String ENCODED_MESSAGE = "Encoded authorization failure message:";

    private AwsErrors() {
    }

    /**
     * Maps a failure of one AWS call.
     *
     * @param permissionPrefix the IAM service prefix, {@code ec2} or {@code elasticloadbalancing}
     * @param action the API action, e.g. {@code RunInstances}
     * @param failure what the call failed with
     * @return the typed error
     */
    public static PaletteException map(String permissionPrefix, String action, Throwable failure) {
        Throwable t = unwrap(failure);
        if (t instanceof PaletteException pe) {
            return pe;
        }
        if (t instanceof AwsServiceException e) {
            return service(permissionPrefix, action, e);
        }
        if (t instanceof SdkClientException e) {
            // No answer (connection refused, timeout): the call may or may not have happened; the caller's
            // idempotency (tags, client tokens) makes a retry safe.
            return new ProviderException(action + " did not reach AWS: " + e.getMessage(), null, true, e);
        }
        if (t instanceof SdkException e) {
            return new ProviderException(action + " failed: " + e.getMessage(), null, e.retryable(), e);
        }
        String msg = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        return new ProviderException(action + " failed: " + msg, null, true, t);
    }

    private static PaletteException service(String prefix, String action, AwsServiceException e) {
        String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
        String message = e.awsErrorDetails() == null || e.awsErrorDetails().errorMessage() == null
                ? e.getMessage() : e.awsErrorDetails().errorMessage().strip();
        int status = e.statusCode();
        if (code != null && QUOTA.contains(code)) {
            return new QuotaExceededException(message, code);
        }
        if (code != null && DENIED.contains(code) || status == 403 && !isBadCredentials(code)) {
            String permission = prefix + ":" + action;
            return new AccessDeniedException(permission, "AWS refused " + action + ": the credentials lack the IAM permission "
                    + permission + " (" + code + ": " + withoutEncodedMessage(message) + ")");
        }
        if (isBadCredentials(code)) {
            return new AccessDeniedException("credentials", "AWS did not accept the credentials for " + action + " ("
                    + code + ": " + message + ")");
        }
        boolean retryable = code != null && (THROTTLING.contains(code) || TRANSIENT.contains(code))
                || e.isThrottlingException() || status >= 500;
        return new ProviderException(action + ": " + message + (code == null ? "" : " (" + code + ")"), code, retryable, e);
    }

    private static boolean isBadCredentials(String code) {
        return code != null && BAD_CREDENTIALS.contains(code);
    }

    /** The encoded part is a long opaque blob for {@code sts:DecodeAuthorizationMessage}; it helps no reader here. */
    private static String withoutEncodedMessage(String message) {
        int i = message.indexOf(ENCODED_MESSAGE);
        return i < 0 ? message : message.substring(0, i).strip();
    }

    /**
     * Whether a failure was throttling, which is safe to retry for any call.
     *
     * @param t the mapped failure
     * @return {@code true} for throttling
     */
    public static boolean isThrottling(Throwable t) {
        return t instanceof ProviderException pe && pe.errorCode().map(THROTTLING::contains).orElse(false);
    }

    /**
     * The error code of an AWS failure, if it is one.
     *
     * @param failure the failure, possibly wrapped
     * @return the code, or empty
     */
    public static String code(Throwable failure) {
        Throwable t = unwrap(failure);
        if (t instanceof AwsServiceException e && e.awsErrorDetails() != null && e.awsErrorDetails().errorCode() != null) {
            return e.awsErrorDetails().errorCode();
        }
        if (t instanceof ProviderException pe) {
            return pe.errorCode().orElse("");
        }
        return "";
    }

    /**
     * Whether a failure says a resource does not exist ({@code *.NotFound}, {@code *NotFound}).
     *
     * @param failure the failure
     * @return {@code true} if it is a not-found error
     */
    public static boolean isNotFound(Throwable failure) {
        String code = code(failure);
        return code.endsWith(".NotFound") || code.endsWith("NotFound") || code.endsWith("NotFoundException");
    }

    static Throwable unwrap(Throwable t) {
        Throwable c = t;
        while ((c instanceof CompletionException || c instanceof ExecutionException) && c.getCause() != null) {
            c = c.getCause();
        }
        return c;
    }
}
