package dev.palette.sdk.provider.vsphere.internal;

import dev.palette.sdk.api.error.ProviderException;
import dev.palette.sdk.provider.vsphere.VsphereCloudConfig.Trust;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.Locale;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/** The trust manager a cluster's {@link Trust} asks for. */
public final class Trusts {
    private Trusts() {
    }

    /**
     * A trust manager for vCenter's certificate.
     *
     * @param trust the cluster's choice
     * @return the trust manager
     */
    public static TrustManager of(Trust trust) {
        if (trust.insecure()) {
            return new Pinned(null);
        }
        if (trust.thumbprint().isPresent()) {
            return new Pinned(trust.thumbprint().get().replace(":", "").toLowerCase(Locale.ROOT));
        }
        try {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int i = 0;
            for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(
                    new ByteArrayInputStream(trust.caCertificate().orElseThrow().getBytes(StandardCharsets.US_ASCII)))) {
                store.setCertificateEntry("ca-" + i++, c);
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(store);
            return tmf.getTrustManagers()[0];
        } catch (Exception e) {
            throw new ProviderException("properties.caCertificate could not be read: " + e.getMessage(), "InvalidCertificate", false, e);
        }
    }

    /** Trusts one certificate by its SHA-256 or SHA-1 fingerprint; with none, every certificate (insecure). */
    private static final class Pinned implements X509TrustManager {
        private final String fingerprint;

        Pinned(String fingerprint) {
            this.fingerprint = fingerprint;
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            if (fingerprint == null) {
                return;
            }
            if (chain == null || chain.length == 0) {
                throw new CertificateException("vCenter presented no certificate");
            }
            String algorithm = fingerprint.length() == 40 ? "SHA-1" : "SHA-256";
            try {
                String actual = HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(chain[0].getEncoded()));
                if (!actual.equals(fingerprint)) {
                    throw new CertificateException("vCenter's certificate has the " + algorithm + " fingerprint " + actual
                            + ", not the one in properties.thumbprint");
                }
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new CertificateException(e);
            }
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("not a server");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
