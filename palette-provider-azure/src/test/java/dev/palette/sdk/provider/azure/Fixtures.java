package dev.palette.sdk.provider.azure;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The shared, published ARM examples ({@code shared/fixtures/cloud-api/azure}), read where they are: found by
 * walking up from the working directory. Without them a test is skipped and says so, except on CI
 * ({@code CI=true}), where a missing fixture fails the test.
 */
final class Fixtures {
    private Fixtures() {
    }

    static String read(String relative) {
        Path root = Path.of("").toAbsolutePath();
        for (Path p = root; p != null; p = p.getParent()) {
            Path f = p.resolve("shared/fixtures/cloud-api/azure").resolve(relative);
            if (Files.isRegularFile(f)) {
                try {
                    return Files.readString(f, StandardCharsets.UTF_8);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        String msg = "fixture shared/fixtures/cloud-api/azure/" + relative + " not found above " + root;
        if ("true".equals(System.getenv("CI"))) {
            throw new AssertionError(msg + " (required on CI)");
        }
        System.err.println("SKIPPED: " + msg);
        assumeTrue(false, msg);
        return "";
    }
}
