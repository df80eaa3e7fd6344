package dev.palette.sdk.core.preflight;

import dev.palette.sdk.api.error.Violation;
import dev.palette.sdk.core.preflight.internal.PreflightRules;
import java.util.ArrayList;
import java.util.List;

/**
 * Basic credentials for a proxy. Neither value ever appears in {@link #toString()}, in a report, a log line
 * or an exception message.
 *
 * @param username the user name; no {@code ':'}
 * @param password the password
 */
public record ProxyCredentials(String username, String password) {
    /**
     * Validates the components.
     *
     * @param username the user name
     * @param password the password
     * @throws dev.palette.sdk.api.error.ValidationException naming {@code proxy.credentials.username} or
     *     {@code proxy.credentials.password}, never their values
     */
    public ProxyCredentials {
        List<Violation> out = new ArrayList<>();
        PreflightRules.credentials("proxy.credentials", username, password, out);
        PreflightRules.throwIfAny(out);
    }

    /**
     * Says that credentials are set, and nothing about them.
     *
     * @return {@code ProxyCredentials[redacted]}
     */
    @Override
    public String toString() {
        return "ProxyCredentials[redacted]";
    }
}
