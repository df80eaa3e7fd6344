package dev.palette.sdk.jdbc;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The AES keys secrets are encrypted with, by id. New values are always written with the newest key;
 * a value found under an older key is re-encrypted with the newest when it is read, so rotating keys is:
 * add a new key, make it the newest, keep the old ones until every secret has been read once.
 */
public final class SecretKeyRing {
    private final Map<String, SecretKey> keys;
    private final String newest;

    private SecretKeyRing(Map<String, SecretKey> keys, String newest) {
        this.keys = Map.copyOf(keys);
        this.newest = newest;
    }

    /**
     * A ring of one key.
     *
     * @param id the key's id (stored beside each value)
     * @param aesKey 16, 24 or 32 bytes
     * @return the ring
     */
    public static SecretKeyRing of(String id, byte[] aesKey) {
        return new SecretKeyRing(Map.of(id, key(aesKey)), id);
    }

    /**
     * A copy with another key, made the newest.
     *
     * @param id the key's id
     * @param aesKey 16, 24 or 32 bytes
     * @return the new ring
     */
    public SecretKeyRing withNewestKey(String id, byte[] aesKey) {
        Map<String, SecretKey> m = new LinkedHashMap<>(keys);
        m.put(id, key(aesKey));
        return new SecretKeyRing(m, id);
    }

    private static SecretKey key(byte[] aesKey) {
        Objects.requireNonNull(aesKey, "aesKey");
        if (aesKey.length != 16 && aesKey.length != 24 && aesKey.length != 32) {
            throw new IllegalArgumentException("an AES key has 16, 24 or 32 bytes");
        }
        return new SecretKeySpec(aesKey.clone(), "AES");
    }

    String newestId() {
        return newest;
    }

    SecretKey newestKey() {
        return keys.get(newest);
    }

    Optional<SecretKey> key(String id) {
        return Optional.ofNullable(keys.get(id));
    }

    /**
     * Names the key ids, never the keys.
     *
     * @return a redacted rendering
     */
    @Override
    public String toString() {
        return "SecretKeyRing" + keys.keySet() + " newest=" + newest;
    }
}
