package dev.palette.sdk.provider.vsphere.internal;

import dev.palette.sdk.api.error.AccessDeniedException;
import dev.palette.sdk.api.error.PaletteException;
import dev.palette.sdk.api.error.ProviderException;
import dev.palette.sdk.api.error.QuotaExceededException;
import dev.palette.sdk.provider.vsphere.internal.vim.VimFault;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * Maps vCenter's faults to the engine's exceptions: capacity to {@link QuotaExceededException} with vCenter's
 * message, permissions and logins to {@link AccessDeniedException}, transient faults to a retryable
 * {@link ProviderException}; everything else to a permanent one naming the fault.
 */
public final class VsphereErrors {
    /** Faults meaning the compute resource or datastore has no room (vim25 names, subclasses included by name). */
    private static final Set<String> CAPACITY = Set.of("InsufficientResourcesFault", "InsufficientCpuResourcesFault",
            "InsufficientMemoryResourcesFault", "InsufficientHostCapacityFault", "InsufficientHostCpuCapacityFault",
            "InsufficientHostMemoryCapacityFault", "InsufficientStorageSpace", "InsufficientDisks", "NoDiskSpace",
            "InsufficientFailoverResourcesFault", "NotEnoughResourcesToStartVmEvent", "VmFaultToleranceTooManyVMsOnHost",
            "NumVirtualCpusExceedsLimit", "OutOfBounds");
    private static final Set<String> TRANSIENT = Set.of(VimFault.UNREACHABLE, "Timedout", "TaskInProgress", "ConcurrentAccess",
            "SystemError", "HostCommunication", "HostNotConnected", "HostNotReachable", "RequestCanceled",
            "ResourceInUse", "InvalidState", "NotAuthenticated", "ServiceUnavailable");

    private VsphereErrors() {
    }

    /**
     * The engine's exception for a failure.
     *
     * @param what what was being done, e.g. {@code cloning workers-a}
     * @param failure the failure (wrapped or not)
     * @return the exception
     */
    public static PaletteException map(String what, Throwable failure) {
        Throwable t = unwrap(failure);
        if (t instanceof PaletteException p) {
            return p;
        }
        if (!(t instanceof VimFault f)) {
            return new ProviderException(what + ": " + t, "Internal", false, t);
        }
        String message = what + ": " + f.getMessage();
        if (CAPACITY.contains(f.fault())) {
            return new QuotaExceededException("vCenter: " + f.getMessage() + " (" + f.fault() + ", " + what + ")", f.fault());
        }
        if (f.is("NoPermission", "InvalidLogin", "NotSupportedHost") || f.fault().equals("NoPermissionFault")) {
            return new AccessDeniedException(f.fault(), message);
        }
        if (TRANSIENT.contains(f.fault())) {
            return new ProviderException(message, f.fault(), true, f);
        }
        return new ProviderException(message, f.fault(), false, f);
    }

    /**
     * A completion handler that lets faults meaning "already so" pass (an earlier attempt did the work) and maps
     * any other failure: {@code .handle(tolerating("powering on x", "InvalidPowerState"))}.
     *
     * @param what what was being done
     * @param faults the vim25 fault names that count as done
     * @param <T> the stage's result
     * @return the handler; completes with {@code null}
     */
    public static <T> java.util.function.BiFunction<T, Throwable, Void> tolerating(String what, String... faults) {
        return (r, e) -> {
            if (e != null && !is(e, faults)) {
                throw map(what, e);
            }
            return null;
        };
    }

    /**
     * The failure inside completion wrappers.
     *
     * @param t a failure
     * @return its cause while it is a wrapper
     */
    public static Throwable unwrap(Throwable t) {
        Throwable c = t;
        while ((c instanceof CompletionException || c instanceof ExecutionException) && c.getCause() != null) {
            c = c.getCause();
        }
        return c;
    }

    /**
     * Whether a failure is a vCenter fault of a type.
     *
     * @param t the failure
     * @param names fault names
     * @return true if it is
     */
    public static boolean is(Throwable t, String... names) {
        return unwrap(t) instanceof VimFault f && f.is(names);
    }
}
