package dev.palette.sdk.provider.azure.fake;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A self-signed certificate for {@code localhost}, made once per build with the JDK's keytool (azure-core
 * sends a bearer token only over HTTPS), and a client context that trusts exactly it.
 */
final class Tls {
    static final String PASSWORD = "changeit";
    private static Path keystore;

    private Tls() {
    }

    /** The PKCS#12 key store WireMock serves HTTPS with. */
    static synchronized Path keystore() {
        if (keystore != null) {
            return keystore;
        }
        Path dir = Path.of("target", "tls");
        Path p12 = dir.resolve("wiremock.p12");
        try {
            Files.createDirectories(dir);
            if (!Files.exists(p12)) {
                Path tmp = dir.resolve("wiremock-" + ProcessHandle.current().pid() + ".p12");
                Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                        "-genkeypair", "-alias", "wiremock", "-keyalg", "RSA", "-keysize", "2048", "-validity", "3650",
                        "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-keystore", tmp.toString(),
                        "-storetype", "PKCS12", "-storepass", PASSWORD, "-keypass", PASSWORD).redirectErrorStream(true).start();
                String out = new String(keytool.getInputStream().readAllBytes());
                if (keytool.waitFor() != 0) {
                    throw new IllegalStateException("keytool failed: " + out);
                }
                Files.move(tmp, p12, java.nio.file.StandardCopyOption.ATOMIC_MOVE, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        keystore = p12;
        return p12;
    }

    /** A TLS context trusting only the fake's certificate. */
    static SSLContext clientContext() {
        try (InputStream in = Files.newInputStream(keystore())) {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(in, PASSWORD.toCharArray());
            Certificate cert = ks.getCertificate("wiremock");
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("wiremock", cert);
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, tmf.getTrustManagers(), null);
            return ctx;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
