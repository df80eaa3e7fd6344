package dev.palette.sdk.jdbc;

import dev.palette.sdk.api.error.PaletteException;
import dev.palette.sdk.api.store.Secret;
import dev.palette.sdk.api.store.SecretStore;
import dev.palette.sdk.jdbc.internal.ClusterJson;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.sql.DataSource;

/**
 * A {@link SecretStore} on H2 or PostgreSQL whose values are encrypted at rest with AES-GCM (a fresh
 * 96-bit nonce per write, the secret's key as associated data so a value cannot be moved to another
 * key). A value found under an older key of the {@link SecretKeyRing} is re-encrypted with the newest on
 * read.
 */
public final class JdbcSecretStore implements SecretStore {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int TAG_BITS = 128;

    private final DataSource ds;
    private final SecretKeyRing keys;

    JdbcSecretStore(DataSource ds, SecretKeyRing keys) {
        this.ds = ds;
        this.keys = keys;
    }

    @Override
    public Optional<Secret> get(String key) {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT key_id, nonce, ciphertext FROM palette_secret WHERE secret_key = ?")) {
            ps.setString(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                String keyId = rs.getString(1);
                SecretKey k = keys.key(keyId).orElseThrow(() -> new PaletteException(
                        "secret '" + key + "' is encrypted with key '" + keyId + "', which the key ring lacks", false));
                Secret s = new Secret(ClusterJson.mapFromBytes(crypt(Cipher.DECRYPT_MODE, k, rs.getBytes(2), key, rs.getBytes(3))));
                if (!keyId.equals(keys.newestId())) {
                    rewrap(c, key, s, keyId);
                }
                return Optional.of(s);
            }
        } catch (SQLException e) {
            throw new PaletteException("cannot read secret '" + key + "': " + e.getMessage(), true, e);
        }
    }

    /** Re-encrypts a value under the newest key, unless someone changed it meanwhile. */
    private void rewrap(Connection c, String key, Secret s, String oldKeyId) throws SQLException {
        byte[] nonce = nonce();
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE palette_secret SET key_id = ?, nonce = ?, ciphertext = ? WHERE secret_key = ? AND key_id = ?")) {
            ps.setString(1, keys.newestId());
            ps.setBytes(2, nonce);
            ps.setBytes(3, crypt(Cipher.ENCRYPT_MODE, keys.newestKey(), nonce, key, ClusterJson.mapToBytes(s.data())));
            ps.setString(4, key);
            ps.setString(5, oldKeyId);
            ps.executeUpdate();
        }
    }

    @Override
    public void put(String key, Secret secret) {
        byte[] nonce = nonce();
        byte[] ct = crypt(Cipher.ENCRYPT_MODE, keys.newestKey(), nonce, key, ClusterJson.mapToBytes(secret.data()));
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement up = c.prepareStatement(
                    "UPDATE palette_secret SET key_id = ?, nonce = ?, ciphertext = ? WHERE secret_key = ?")) {
                up.setString(1, keys.newestId());
                up.setBytes(2, nonce);
                up.setBytes(3, ct);
                up.setString(4, key);
                if (up.executeUpdate() == 0) {
                    insert(c, key, nonce, ct);
                }
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new PaletteException("cannot store secret '" + key + "': " + e.getMessage(), true, e);
        }
    }

    @Override
    public Secret putIfAbsent(String key, Secret secret) {
        byte[] nonce = nonce();
        byte[] ct = crypt(Cipher.ENCRYPT_MODE, keys.newestKey(), nonce, key, ClusterJson.mapToBytes(secret.data()));
        try (Connection c = ds.getConnection()) {
            insert(c, key, nonce, ct);
            return secret;
        } catch (SQLException e) {
            if (JdbcClusterStore.isUniqueViolation(e)) {
                return get(key).orElseThrow(() -> new PaletteException("secret '" + key + "' vanished while stored", true));
            }
            throw new PaletteException("cannot store secret '" + key + "': " + e.getMessage(), true, e);
        }
    }

    private void insert(Connection c, String key, byte[] nonce, byte[] ct) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO palette_secret (secret_key, key_id, nonce, ciphertext) VALUES (?, ?, ?, ?)")) {
            ps.setString(1, key);
            ps.setString(2, keys.newestId());
            ps.setBytes(3, nonce);
            ps.setBytes(4, ct);
            ps.executeUpdate();
        }
    }

    @Override
    public void delete(String key) {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("DELETE FROM palette_secret WHERE secret_key = ?")) {
            ps.setString(1, key);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new PaletteException("cannot delete secret '" + key + "': " + e.getMessage(), true, e);
        }
    }

    @Override
    public List<String> keys(String prefix) {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT secret_key FROM palette_secret WHERE secret_key LIKE ? ESCAPE '!' ORDER BY secret_key")) {
            ps.setString(1, prefix.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%");
            List<String> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new PaletteException("cannot list secrets: " + e.getMessage(), true, e);
        }
    }

    /**
     * The raw row of a secret, for tests that check nothing is stored in the clear.
     *
     * @param key the secret key
     * @return the stored ciphertext, if any
     */
    Optional<byte[]> storedCiphertext(String key) {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT ciphertext FROM palette_secret WHERE secret_key = ?")) {
            ps.setString(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getBytes(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new PaletteException(e.getMessage(), true, e);
        }
    }

    private static byte[] nonce() {
        byte[] n = new byte[12];
        RANDOM.nextBytes(n);
        return n;
    }

    private static byte[] crypt(int mode, SecretKey k, byte[] nonce, String aad, byte[] in) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(mode, k, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(aad.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return cipher.doFinal(in);
        } catch (GeneralSecurityException e) {
            throw new PaletteException("secret encryption failed (wrong key?)", false, e);
        }
    }
}
