package dev.palette.sdk.api.scan;

import java.util.Objects;

/**
 * One check of a benchmark on one node type.
 *
 * @param id the check's number, e.g. {@code 1.1.1}
 * @param text what it checks
 * @param status its outcome
 * @param remediation how to fix a failure, as the benchmark says
 * @param scored whether the benchmark scores it
 */
public record CheckResult(String id, String text, CheckStatus status, String remediation, boolean scored) {
    /**
     * Validates the components.
     *
     * @param id the id
     * @param text the text
     * @param status the status
     * @param remediation the remediation, may be {@code null}
     * @param scored whether scored
     */
    public CheckResult {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(status, "status");
        remediation = remediation == null ? "" : remediation;
    }
}
