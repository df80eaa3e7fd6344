package dev.palette.sdk.api.error;

import java.util.Objects;

/**
 * One problem found in an input, located by a field path such as {@code spec.workerPools[1].count}.
 *
 * @param path the field path, dot-separated with list indices in brackets
 * @param message what is wrong, e.g. {@code must be >= 0}
 */
public record Violation(String path, String message) {
    /**
     * Validates the components.
     *
     * @param path the field path
     * @param message what is wrong
     */
    public Violation {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(message, "message");
    }

    /**
     * Creates a violation.
     *
     * @param path the field path
     * @param message what is wrong
     * @return the violation
     */
    public static Violation of(String path, String message) {
        return new Violation(path, message);
    }

    /**
     * Renders as {@code path: message}.
     *
     * @return the violation as one line
     */
    @Override
    public String toString() {
        return path + ": " + message;
    }
}
