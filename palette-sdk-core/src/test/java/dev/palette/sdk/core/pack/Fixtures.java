package dev.palette.sdk.core.pack;

import static org.assertj.core.api.Assertions.fail;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/** Where the test files are: the project's own (test resources) and the real published ones (shared/fixtures). */
public final class Fixtures {
    private Fixtures() {
    }

    /**
     * The real published files, found by walking up from the working directory to a folder
     * {@code shared/fixtures}. Skips the calling test when absent, except under {@code CI=true}, where it fails.
     */
    public static Path shared(String testName) {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            Path candidate = dir.resolve("shared/fixtures");
            if (Files.isDirectory(candidate)) {
                System.out.println(testName + ": running over the real fixtures in " + candidate);
                return candidate;
            }
            dir = dir.getParent();
        }
        if ("true".equals(System.getenv("CI"))) {
            fail("shared/fixtures not found above " + Path.of("").toAbsolutePath() + "; CI must have it beside the project");
        }
        System.out.println(testName + ": shared/fixtures not found; skipping the sweep over real files");
        Assumptions.abort("shared/fixtures not found");
        return null;
    }

    /** A folder or file of this module's test resources. */
    public static Path resource(String name) {
        try {
            return Path.of(Fixtures.class.getResource("/" + name).toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("test resource " + name + " is missing", e);
        }
    }
}
