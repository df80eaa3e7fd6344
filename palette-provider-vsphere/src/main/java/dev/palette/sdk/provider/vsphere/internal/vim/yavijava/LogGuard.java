package dev.palette.sdk.provider.vsphere.internal.vim.yavijava;

import dev.palette.sdk.provider.vsphere.internal.vim.VimFault;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.slf4j.LoggerFactory;

/**
 * Refuses to talk to vCenter while yavijava's SOAP loggers are at TRACE: at that level yavijava writes every
 * request whole to the log, the login's password and each clone's cloud-init user data (the cluster's tokens
 * and keys) included, and its session cookie. Its loggers are static and final, so they cannot be quietened
 * from here; a host that turns them to TRACE gets this fault, naming the loggers, instead of a leak. DEBUG
 * and above are safe (checked by SecretsNotLoggedTest).
 */
final class LogGuard {
    /** yavijava's loggers that write payloads at TRACE (they reach SLF4J through log4j-over-slf4j). */
    static final List<String> PAYLOAD_LOGGERS = List.of("com.vmware.vim25.ws.WSClient", "com.vmware.vim25.ws.SoapClient",
            "com.vmware.vim25.ws.XmlGenDom");

    private final BooleanSupplier tracing;

    /** A guard over the host's SLF4J configuration (the loggers are looked up once; their levels on every check). */
    LogGuard() {
        this(tracing(PAYLOAD_LOGGERS.stream().map(LoggerFactory::getLogger).toList()));
    }

    private static BooleanSupplier tracing(List<org.slf4j.Logger> loggers) {
        return () -> loggers.stream().anyMatch(org.slf4j.Logger::isTraceEnabled);
    }

    /**
     * A guard over a given check.
     *
     * @param tracing whether the payload loggers are at TRACE now
     */
    LogGuard(BooleanSupplier tracing) {
        this.tracing = tracing;
    }

    /**
     * Throws while the payload loggers are at TRACE.
     *
     * @throws VimFault {@code LoggingUnsafe}
     */
    void check() {
        if (tracing.getAsBoolean()) {
            throw new VimFault("LoggingUnsafe", "the loggers com.vmware.vim25.ws.* are at TRACE, at which yavijava logs "
                    + "every vCenter request whole, passwords and user data included; set them to DEBUG or above", null);
        }
    }
}
