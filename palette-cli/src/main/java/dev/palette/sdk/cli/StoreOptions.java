package dev.palette.sdk.cli;

import dev.palette.sdk.api.store.ClusterStore;
import dev.palette.sdk.api.store.SecretStore;
import dev.palette.sdk.core.store.InMemoryClusterStore;
import dev.palette.sdk.core.store.InMemorySecretStore;
import dev.palette.sdk.jdbc.JdbcStores;
import dev.palette.sdk.jdbc.SecretKeyRing;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import picocli.CommandLine.Option;

/**
 * {@code --store [JDBC_URL]}: where the command keeps clusters. Without the option, in memory (gone when the
 * command ends); with it alone, an H2 file under {@code ~/.palette}; with a URL, that database (H2 or
 * PostgreSQL, e.g. {@code jdbc:postgresql://127.0.0.1:5432/test?user=postgres}). Secrets are encrypted with
 * the key in {@code PALETTE_SECRET_KEY} (base64 of 32 bytes), or with one made once in
 * {@code ~/.palette/secret.key} (readable by its owner only).
 */
final class StoreOptions {
    static final String DEFAULT_URL = "jdbc:h2:file:" + home().resolve("state").toString().replace('\\', '/');
    private static final String DEFAULT = "default";

    @Option(names = "--store", arity = "0..1", fallbackValue = DEFAULT, paramLabel = "JDBC_URL",
            description = "Keep clusters in a database so they survive between runs (default when given alone: an H2 file "
                    + "under ~/.palette).")
    String url;

    /** The stores, and what closes them. */
    record Stores(ClusterStore clusters, SecretStore secrets, AutoCloseable closer) implements AutoCloseable {
        @Override
        public void close() throws Exception {
            closer.close();
        }
    }

    boolean persistent() {
        return url != null;
    }

    /** The database URL, the default file resolved. */
    String url() {
        return DEFAULT.equals(url) ? DEFAULT_URL : url;
    }

    Stores open() {
        if (url == null) {
            return new Stores(new InMemoryClusterStore(), new InMemorySecretStore(), () -> { });
        }
        JdbcStores jdbc = JdbcStores.builder().url(url()).secretKeys(SecretKeyRing.of("cli", key())).build();
        return new Stores(jdbc.clusters(), jdbc.secrets(), jdbc);
    }

    private static Path home() {
        return Path.of(System.getProperty("user.home"), ".palette");
    }

    /** The secret key: from the environment, else the one kept under ~/.palette, made on first use. */
    static byte[] key() {
        String env = System.getenv("PALETTE_SECRET_KEY");
        if (env != null && !env.isBlank()) {
            return Base64.getDecoder().decode(env.trim());
        }
        Path file = home().resolve("secret.key");
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(file.getParent());
                byte[] k = new byte[32];
                new SecureRandom().nextBytes(k);
                Files.writeString(file, Base64.getEncoder().encodeToString(k));
                try {
                    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
                } catch (UnsupportedOperationException e) {
                    // not a POSIX file system: left to the user's profile directory permissions
                }
            }
            return Base64.getDecoder().decode(Files.readString(file).trim());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the secret key " + file, e);
        }
    }
}
