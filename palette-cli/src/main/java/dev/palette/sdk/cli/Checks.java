package dev.palette.sdk.cli;

import dev.palette.sdk.api.error.ValidationException;
import dev.palette.sdk.api.error.Violation;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

/** Runs a check over files, printing one line per good file and every problem of a bad one. */
final class Checks {
    private Checks() {
    }

    /**
     * Checks every input.
     *
     * @param inputs the files or folders
     * @param noun what they are, for the summary line ("pack", "profile")
     * @param check describes a good input, or throws {@link ValidationException} for a bad one
     * @return the exit code: 0 when every input is good, 1 otherwise
     */
    static int run(List<Path> inputs, String noun, Function<Path, String> check) {
        int bad = 0;
        for (Path in : inputs) {
            try {
                System.out.printf("ok      %s  %s%n", in, check.apply(in));
            } catch (ValidationException e) {
                bad++;
                printProblems(in, e);
            }
        }
        System.out.printf("%d %s(s), %d invalid%n", inputs.size(), noun, bad);
        return bad == 0 ? 0 : 1;
    }

    static void printProblems(Path in, ValidationException e) {
        System.out.printf("invalid %s%n", in);
        for (Violation v : e.violations()) {
            System.out.printf("        %s: %s%n", v.path(), v.message());
        }
    }
}
