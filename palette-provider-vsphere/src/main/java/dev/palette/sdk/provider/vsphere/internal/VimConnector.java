package dev.palette.sdk.provider.vsphere.internal;

import dev.palette.sdk.provider.vsphere.internal.vim.VimClient;
import java.net.URL;
import java.time.Duration;
import javax.net.ssl.TrustManager;

/** Logs in to a vCenter: the one place the SOAP library behind {@link VimClient} is chosen. */
@FunctionalInterface
public interface VimConnector {
    /**
     * Logs in.
     *
     * @param url the SDK URL
     * @param username the user
     * @param password the password
     * @param trust the trust manager for vCenter's certificate
     * @param timeout the timeout of each call
     * @return a client with a session
     */
    VimClient connect(URL url, String username, String password, TrustManager trust, Duration timeout);
}
