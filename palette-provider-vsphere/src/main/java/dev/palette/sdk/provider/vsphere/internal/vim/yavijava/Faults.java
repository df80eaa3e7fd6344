package dev.palette.sdk.provider.vsphere.internal.vim.yavijava;

import com.vmware.vim25.LocalizedMethodFault;
import com.vmware.vim25.MethodFault;
import dev.palette.sdk.provider.vsphere.internal.vim.VimFault;
import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns what yavijava throws into {@link VimFault}s named by vim25 fault type.
 *
 * <p>yavijava maps a SOAP fault to its exception class by reflection into {@code java.lang.Throwable}; on
 * Java 17 that needs {@code --add-opens java.base/java.lang=ALL-UNNAMED}, which a host may not give. Without
 * it every fault arrives as a {@code RemoteException} whose message holds the fault's XML, so the type and
 * message are read from that text instead: the provider classifies faults the same way either way.
 */
final class Faults {
    private static final Pattern XSI_TYPE = Pattern.compile("xsi:type=\"(?:[A-Za-z0-9]+:)?([A-Za-z0-9_]+)\"");
    private static final Pattern FAULT_STRING = Pattern.compile("<faultstring>([^<]*)</faultstring>");

    private Faults() {
    }

    /**
     * The fault behind an exception.
     *
     * @param e what yavijava (or the JDK under it) threw
     * @return the fault
     */
    static VimFault of(Throwable e) {
        if (e instanceof VimFault f) {
            return f;
        }
        if (e instanceof MethodFault mf) {
            return new VimFault(mf.getClass().getSimpleName(), message(mf), e);
        }
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof MethodFault mf) {
                return new VimFault(mf.getClass().getSimpleName(), message(mf), e);
            }
            String text = c.getMessage();
            if (text != null && text.contains("Could not map the soap fault")) {
                Matcher type = XSI_TYPE.matcher(text);
                Matcher msg = FAULT_STRING.matcher(text);
                return new VimFault(type.find() ? type.group(1) : "SystemError", msg.find() ? unescape(msg.group(1)) : "", e);
            }
            if (c instanceof IOException && !(c.getCause() instanceof MethodFault)) {
                return new VimFault(VimFault.UNREACHABLE, "vCenter could not be reached: " + c.getClass().getSimpleName()
                        + (c.getMessage() == null ? "" : ": " + c.getMessage()), e);
            }
        }
        String text = e.getMessage() == null ? "" : e.getMessage();
        return new VimFault(e.getClass().getSimpleName(), text, e);
    }

    /**
     * The fault of a failed task or lease.
     *
     * @param error vCenter's description of the failure
     * @return the fault with vCenter's localized message
     */
    static VimFault of(LocalizedMethodFault error) {
        if (error == null) {
            return new VimFault("SystemError", "vCenter reported a failure without a fault", null);
        }
        String name = error.getFault() == null ? "SystemError" : error.getFault().getClass().getSimpleName();
        String message = error.getLocalizedMessage();
        // vcsim reports the Go type (*types.InvalidPowerState) where vCenter has a sentence: say the fault instead.
        if (message == null || message.isBlank() || message.startsWith("*types.")) {
            message = name;
        }
        return new VimFault(name, message, null);
    }

    private static String message(MethodFault mf) {
        if (mf.getFaultMessage() != null && mf.getFaultMessage().length > 0 && mf.getFaultMessage()[0].getMessage() != null) {
            return mf.getFaultMessage()[0].getMessage();
        }
        return mf.getMessage() == null ? "" : mf.getMessage();
    }

    private static String unescape(String s) {
        return s.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&apos;", "'").replace("&amp;", "&");
    }
}
