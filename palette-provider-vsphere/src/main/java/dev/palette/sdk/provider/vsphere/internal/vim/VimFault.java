package dev.palette.sdk.provider.vsphere.internal.vim;

/**
 * A fault vCenter reported, by the name of its vim25 type ({@code InsufficientResourcesFault},
 * {@code DuplicateName}, {@code NotAuthenticated}, …) with vCenter's message; or a failure to reach vCenter
 * ({@link #UNREACHABLE}).
 */
public final class VimFault extends RuntimeException {
    private static final long serialVersionUID = 1L;
    /** The fault name of a failure to reach vCenter at all (connection refused, reset, timed out). */
    public static final String UNREACHABLE = "Unreachable";

    /** The vim25 type name of the fault. */
    private final String fault;

    /**
     * A fault.
     *
     * @param fault the vim25 type name
     * @param message vCenter's message, may be empty
     * @param cause the library's exception, may be {@code null}
     */
    public VimFault(String fault, String message, Throwable cause) {
        super(message == null || message.isBlank() ? fault : message, cause);
        this.fault = fault;
    }

    /**
     * The vim25 type name of the fault.
     *
     * @return the name
     */
    public String fault() {
        return fault;
    }

    /**
     * Whether the fault is of a type, by name.
     *
     * @param names names to compare with
     * @return true if one matches
     */
    public boolean is(String... names) {
        for (String n : names) {
            if (n.equals(fault)) {
                return true;
            }
        }
        return false;
    }
}
