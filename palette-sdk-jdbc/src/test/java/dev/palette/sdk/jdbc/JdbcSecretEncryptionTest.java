package dev.palette.sdk.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.palette.sdk.api.store.Secret;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Secrets are encrypted at rest, and a rotated key re-encrypts values as they are read. */
class JdbcSecretEncryptionTest {
    private static byte[] key() {
        byte[] k = new byte[32];
        new SecureRandom().nextBytes(k);
        return k;
    }

    @Test
    void valuesAreNotStoredInTheClearAndKeyRotationReEncryptsOnRead() {
        String url = "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        SecretKeyRing ring = SecretKeyRing.of("2026-01", key());
        String planted = "-----BEGIN PRIVATE KEY-----planted-secret-value";
        try (JdbcStores first = JdbcStores.builder().url(url).secretKeys(ring).build()) {
            first.secrets().put("clusters/c-1/pki/ca", Secret.of("key", planted));
            byte[] raw = first.secrets().storedCiphertext("clusters/c-1/pki/ca").orElseThrow();
            assertThat(new String(raw, StandardCharsets.ISO_8859_1)).doesNotContain("planted-secret-value");
        }
        SecretKeyRing rotated = ring.withNewestKey("2026-06", key());
        try (JdbcStores second = JdbcStores.builder().url(url).secretKeys(rotated).build()) {
            byte[] before = second.secrets().storedCiphertext("clusters/c-1/pki/ca").orElseThrow();
            assertThat(second.secrets().get("clusters/c-1/pki/ca").orElseThrow().get("key")).contains(planted);
            byte[] after = second.secrets().storedCiphertext("clusters/c-1/pki/ca").orElseThrow();
            assertThat(after).as("re-encrypted under the newest key on read").isNotEqualTo(before);
        }
        SecretKeyRing onlyNew = SecretKeyRing.of("2026-06", new byte[32]);
        assertThat(rotated.toString()).doesNotContain("[B@").contains("2026-06");
        assertThat(onlyNew.toString()).contains("2026-06");
    }
}
