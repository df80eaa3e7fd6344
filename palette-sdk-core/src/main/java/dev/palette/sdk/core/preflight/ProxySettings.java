package dev.palette.sdk.core.preflight;

import dev.palette.sdk.api.error.ValidationException;
import dev.palette.sdk.api.error.Violation;
import dev.palette.sdk.core.preflight.internal.PreflightRules;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The HTTP(S) proxy the platform's traffic leaves through: where it listens and, optionally, the basic
 * credentials it asks for. {@link #toString()} shows the address only.
 *
 * @param host the proxy's host name or address
 * @param port the proxy's port
 * @param credentials basic credentials, or {@code null} when the proxy asks for none
 */
public record ProxySettings(String host, int port, ProxyCredentials credentials) {
    /**
     * Validates the components.
     *
     * @param host the host
     * @param port the port
     * @param credentials the credentials, or {@code null}
     * @throws ValidationException naming {@code proxy.host} or {@code proxy.port}
     */
    public ProxySettings {
        PreflightRules.throwIfAny(violations(host, port));
    }

    /**
     * A proxy that asks for no credentials.
     *
     * @param host the host
     * @param port the port
     * @return the settings
     */
    public static ProxySettings of(String host, int port) {
        return new ProxySettings(host, port, null);
    }

    /**
     * Reads {@code host:port}, optionally as {@code http://host:port}, the way {@code HTTPS_PROXY} is usually written.
     * Credentials inside the address are refused (pass them with {@link #withCredentials}) and the text is
     * never repeated in the error, since it might carry them.
     *
     * @param text the address
     * @return the settings, without credentials
     * @throws ValidationException naming {@code proxy} when the text is no {@code host:port}
     */
    public static ProxySettings parse(String text) {
        String s = text == null ? "" : text.trim();
        URI uri;
        try {
            uri = new URI(s.contains("://") ? s : "http://" + s);
        } catch (URISyntaxException e) {
            throw new ValidationException("proxy", "must be host:port or http://host:port");
        }
        if (uri.getRawUserInfo() != null) {
            throw new ValidationException("proxy", "must not carry credentials; pass the user and password separately");
        }
        if (!"http".equalsIgnoreCase(uri.getScheme())) {
            // The preflight speaks plain HTTP to the proxy, as HTTPS_PROXY=http://... clients do; TLS to the proxy is not spoken.
            throw new ValidationException("proxy", "must be host:port or an http:// proxy address");
        }
        if (uri.getHost() == null || uri.getPort() < 0) {
            throw new ValidationException("proxy", "must be host:port or http://host:port");
        }
        return of(uri.getHost(), uri.getPort());
    }

    /**
     * A copy that sends basic credentials.
     *
     * @param username the user name
     * @param password the password
     * @return the copy
     */
    public ProxySettings withCredentials(String username, String password) {
        return new ProxySettings(host, port, new ProxyCredentials(username, password));
    }

    /**
     * The credentials, when set.
     *
     * @return the credentials, or empty
     */
    public Optional<ProxyCredentials> basicCredentials() {
        return Optional.ofNullable(credentials);
    }

    /**
     * The proxy as {@code host:port}.
     *
     * @return host and port
     */
    public String address() {
        return host + ":" + port;
    }

    /**
     * The address, and whether credentials are set; never the credentials.
     *
     * @return e.g. {@code ProxySettings[proxy.corp:3128, credentials redacted]}
     */
    @Override
    public String toString() {
        return "ProxySettings[" + address() + (credentials == null ? "" : ", credentials redacted") + "]";
    }

    static List<Violation> violations(String host, int port) {
        List<Violation> out = new ArrayList<>();
        PreflightRules.host("proxy.host", host, out);
        PreflightRules.port("proxy.port", port, out);
        return out;
    }
}
