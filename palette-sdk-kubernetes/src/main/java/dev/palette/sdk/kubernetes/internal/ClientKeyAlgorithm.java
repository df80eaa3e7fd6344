package dev.palette.sdk.kubernetes.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Optional;

/**
 * Tells the algorithm of a kubeconfig's client key. A kubeconfig does not say it, and fabric8 7 reads a
 * PKCS#8 key ({@code BEGIN PRIVATE KEY}) as RSA unless told otherwise, so the engine's own admin
 * kubeconfig (an EC P-256 key, as kubeadm makes) would give no client at all.
 */
final class ClientKeyAlgorithm {
    private ClientKeyAlgorithm() {
    }

    /**
     * The algorithm of a client key.
     *
     * @param clientKeyData the kubeconfig's {@code client-key-data}: a base64-encoded PEM key
     * @return {@code EC} or {@code RSA}, or empty when it cannot tell (fabric8's default then applies)
     */
    static Optional<String> of(String clientKeyData) {
        if (clientKeyData == null || clientKeyData.isBlank()) {
            return Optional.empty();
        }
        String pem;
        try {
            pem = new String(Base64.getMimeDecoder().decode(clientKeyData.trim()), StandardCharsets.US_ASCII);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (pem.contains("BEGIN EC PRIVATE KEY")) {
            return Optional.of("EC");
        }
        if (pem.contains("BEGIN RSA PRIVATE KEY")) {
            return Optional.of("RSA");
        }
        if (!pem.contains("BEGIN PRIVATE KEY")) {
            return Optional.empty();
        }
        byte[] der;
        try {
            String body = pem.substring(pem.indexOf("-----", pem.indexOf("BEGIN PRIVATE KEY")) + 5, pem.indexOf("-----END"));
            der = Base64.getMimeDecoder().decode(body.trim());
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            return Optional.empty();
        }
        for (String algorithm : new String[] {"EC", "RSA"}) {
            try {
                KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
                return Optional.of(algorithm);
            } catch (GeneralSecurityException e) {
                // not this algorithm
            }
        }
        return Optional.empty();
    }
}
