package dev.palette.sdk.provider.vsphere.internal;

import dev.palette.sdk.api.error.AccessDeniedException;
import dev.palette.sdk.api.provider.Credentials;
import dev.palette.sdk.provider.vsphere.VsphereCloudConfig;
import dev.palette.sdk.provider.vsphere.internal.vim.VimClient;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One logged-in client per vCenter, user and trust, shared by every cluster that uses them. A rotated password
 * logs in anew and logs the old session out; only a hash of the password is kept here, the password itself only
 * by the client that logs in with it. Logins are made one at a time.
 */
public final class Sessions implements AutoCloseable {
    /** The credentials key of the vCenter user. */
    public static final String USERNAME = "username";
    /** The credentials key of the user's password. */
    public static final String PASSWORD = "password";

    private final VimConnector connector;
    private final Duration timeout;
    private final Credentials fallback;
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();

    /** A logged-in client and the hash of the password it logged in with. */
    private record Session(String password, VimClient client) {
    }

    /**
     * Uses a connector.
     *
     * @param connector logs in
     * @param timeout the timeout of each call
     * @param fallback the credentials of clusters that name none, or {@link Credentials#NONE}
     */
    public Sessions(VimConnector connector, Duration timeout, Credentials fallback) {
        this.connector = connector;
        this.timeout = timeout;
        this.fallback = fallback;
    }

    /**
     * The client of a vCenter and user, logging in on first use (a blocking call).
     *
     * @param cfg the cluster's settings
     * @param credentials the cluster's credentials
     * @return the client
     * @throws AccessDeniedException without a username and password
     */
    public VimClient client(VsphereCloudConfig cfg, Credentials given) {
        Credentials credentials = given.isEmpty() ? fallback : given;
        String user = credentials.get(USERNAME).orElse("");
        String password = credentials.get(PASSWORD).orElse("");
        if (user.isBlank() || password.isEmpty()) {
            throw new AccessDeniedException("login", "vSphere needs credentials: a secret named by the cloud config's "
                    + "credentialsRef with 'username' and 'password' (or the provider's default credentials)");
        }
        String key = cfg.server() + "\n" + user + "\n" + cfg.trust().thumbprint().orElse("")
                + cfg.trust().caCertificate().map(Sessions::digest).orElse("") + cfg.trust().insecure();
        String secret = digest(password);
        Session current = sessions.get(key);
        if (current != null && current.password().equals(secret)) {
            return current.client();
        }
        synchronized (this) {
            current = sessions.get(key);
            if (current != null && current.password().equals(secret)) {
                return current.client();
            }
            VimClient made;
            try {
                made = connector.connect(new URL(cfg.server()), user, password, Trusts.of(cfg.trust()), timeout);
            } catch (java.net.MalformedURLException e) {
                throw new IllegalArgumentException("properties.server: " + e.getMessage(), e);
            }
            sessions.put(key, new Session(secret, made));
            if (current != null) {
                current.client().close(); // the password was rotated: the old session goes
            }
            return made;
        }
    }

    private static String digest(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Logs every client out. */
    @Override
    public void close() {
        sessions.values().forEach(x -> x.client().close());
        sessions.clear();
    }
}
