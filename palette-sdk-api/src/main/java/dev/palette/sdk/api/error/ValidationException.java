package dev.palette.sdk.api.error;

import java.util.List;
import java.util.stream.Collectors;

/**
 * An input was refused; carries every violation found, each with its field path. Never retryable:
 * the same input fails the same way. Nothing is stored when this is thrown.
 */
public class ValidationException extends PaletteException {
    /** Every violation found. */
    private final List<Violation> violations;

    /**
     * Creates the exception.
     *
     * @param violations every violation found; at least one
     */
    public ValidationException(List<Violation> violations) {
        super(render(violations), false);
        if (violations.isEmpty()) {
            throw new IllegalArgumentException("a ValidationException needs at least one violation");
        }
        this.violations = List.copyOf(violations);
    }

    /**
     * Creates the exception for one violation.
     *
     * @param path the field path
     * @param message what is wrong
     */
    public ValidationException(String path, String message) {
        this(List.of(Violation.of(path, message)));
    }

    /**
     * Every violation found, in the order they were found.
     *
     * @return the violations, never empty
     */
    public List<Violation> violations() {
        return violations;
    }

    private static String render(List<Violation> violations) {
        return violations.size() + " violation" + (violations.size() == 1 ? "" : "s") + ": "
                + violations.stream().map(Violation::toString).collect(Collectors.joining("; "));
    }
}
