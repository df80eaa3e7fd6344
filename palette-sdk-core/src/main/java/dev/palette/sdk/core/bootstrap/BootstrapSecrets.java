package dev.palette.sdk.core.bootstrap;

import dev.palette.sdk.api.store.Secret;
import dev.palette.sdk.api.store.SecretStore;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The secrets nodes join with: a kubeadm bootstrap token ({@code [a-z0-9]{6}.[a-z0-9]{16}}) and the key
 * that encrypts the control-plane certificates kubeadm uploads for joining control-plane nodes. Kept in
 * the host's secret store under {@code clusters/<id>/bootstrap}; {@code toString} never prints them.
 *
 * @param token the bootstrap token
 * @param certificateKey 64 hex digits
 */
public record BootstrapSecrets(String token, String certificateKey) {
    private static final char[] TOKEN_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    /**
     * Loads a cluster's bootstrap secrets, making and storing them on first use (first writer wins).
     *
     * @param secrets the host's secret store
     * @param clusterId the cluster
     * @return the secrets
     */
    public static BootstrapSecrets ensure(SecretStore secrets, String clusterId) {
        String key = "clusters/" + clusterId + "/bootstrap";
        Secret s = secrets.get(key).orElseGet(() -> {
            Map<String, String> data = new LinkedHashMap<>();
            data.put("token", random(6) + "." + random(16));
            byte[] ck = new byte[32];
            RANDOM.nextBytes(ck);
            data.put("certificateKey", HexFormat.of().formatHex(ck));
            return secrets.putIfAbsent(key, new Secret(data));
        });
        return new BootstrapSecrets(s.get("token").orElseThrow(), s.get("certificateKey").orElseThrow());
    }

    private static String random(int n) {
        StringBuilder sb = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            sb.append(TOKEN_ALPHABET[RANDOM.nextInt(TOKEN_ALPHABET.length)]);
        }
        return sb.toString();
    }

    /**
     * Names nothing secret.
     *
     * @return a redacted rendering
     */
    @Override
    public String toString() {
        return "BootstrapSecrets[redacted]";
    }
}
