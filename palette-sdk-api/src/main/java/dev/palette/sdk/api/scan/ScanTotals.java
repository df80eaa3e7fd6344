package dev.palette.sdk.api.scan;

/**
 * Counts of checks by outcome.
 *
 * @param pass passed
 * @param fail failed
 * @param warn to look at by hand
 * @param info for information
 */
public record ScanTotals(int pass, int fail, int warn, int info) {
    /** No checks. */
    public static final ScanTotals NONE = new ScanTotals(0, 0, 0, 0);

    /**
     * The sum of two totals.
     *
     * @param o the other
     * @return the sum
     */
    public ScanTotals plus(ScanTotals o) {
        return new ScanTotals(pass + o.pass, fail + o.fail, warn + o.warn, info + o.info);
    }
}
