package dev.palette.sdk.core.pack;

import dev.palette.sdk.api.error.ValidationException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * A version, or a range of versions, as profiles and hosts write them:
 * <ul>
 *   <li>an exact version: {@code 1.27.5} (also {@code =1.27.5}; a leading {@code v} is ignored);</li>
 *   <li>a wildcard: {@code 1.27.x}, {@code 1.27.*}, {@code 1.x}, {@code *}, {@code latest};</li>
 *   <li>a caret range, same left-most non-zero part: {@code ^1.27.0} is {@code >=1.27.0 <2};</li>
 *   <li>a tilde range, same minor: {@code ~1.27.0} is {@code >=1.27.0 <1.28};</li>
 *   <li>comparisons joined by spaces, all of which must hold: {@code >=1.27.0 <1.29.0} (the pre-releases
 *       of 1.29.0 are not below it);</li>
 *   <li>a hyphen range {@code 1.27.0 - 1.29.4}, and alternatives joined by {@code ||}.</li>
 * </ul>
 * Published pack versions are not all semantic versions ({@code 22.04}, {@code 7.7.1908},
 * {@code 1.0.0-58eadf5}), so versions are compared loosely: part by part, numbers as numbers (1.9 before
 * 1.10, 22.04 equal to 22.4), missing parts as zero, and a version with a {@code -suffix} before the same
 * version without one. Semantic-version libraries refuse or rewrite such versions, hence this class.
 */
public final class VersionRange {
    /**
     * Orders versions the way people read them: 1.9 before 1.10, a pre-release before its release.
     * Versions that compare equal but are written differently ({@code 22.04}, {@code 22.4}) are ordered by
     * their text, so the order is consistent with {@code equals}.
     */
    public static final Comparator<String> ORDER = (a, b) -> {
        int c = compare(a, b);
        return c != 0 ? c : a.compareTo(b);
    };

    private static final Pattern NUMBER = Pattern.compile("\\d+");

    private final String text;
    private final Predicate<String> test;

    private VersionRange(String text, Predicate<String> test) {
        this.text = text;
        this.test = test;
    }

    /**
     * Parses a version or range.
     *
     * @param text the text
     * @return the range
     * @throws ValidationException for an empty range, an unknown operator or a malformed version
     */
    public static VersionRange parse(String text) {
        String t = text == null ? "" : text.trim();
        if (t.isEmpty()) {
            throw new ValidationException("version", "empty version or range");
        }
        List<Predicate<String>> alternatives = new ArrayList<>();
        for (String alt : t.split("\\|\\|")) {
            alternatives.add(alternative(alt.trim(), t));
        }
        return new VersionRange(t, v -> alternatives.stream().anyMatch(p -> p.test(v)));
    }

    private static Predicate<String> alternative(String alt, String whole) {
        String lower = alt.toLowerCase(Locale.ROOT);
        if (lower.isEmpty() || lower.equals("*") || lower.equals("x") || lower.equals("latest")) {
            return v -> true;
        }
        String[] hyphen = alt.split("\\s+-\\s+");
        if (hyphen.length == 2) {
            String lo = version(hyphen[0], whole);
            String hi = version(hyphen[1], whole);
            return v -> compare(v, lo) >= 0 && compare(v, hi) <= 0;
        }
        List<Predicate<String>> all = new ArrayList<>();
        // ">= 1.27.0" is ">=1.27.0": glue an operator written apart to its version
        for (String part : alt.replaceAll("(>=|<=|>|<|=|\\^|~)\\s+", "$1").split("\\s+")) {
            all.add(comparator(part, whole));
        }
        return v -> all.stream().allMatch(p -> p.test(v));
    }

    private static Predicate<String> comparator(String p, String whole) {
        for (String op : List.of(">=", "<=", ">", "<", "=", "^", "~")) {
            if (p.startsWith(op)) {
                String b = version(p.substring(op.length()), whole);
                return switch (op) {
                    case ">=" -> v -> compare(v, b) >= 0;
                    case "<=" -> v -> compare(v, b) <= 0;
                    case ">" -> v -> compare(v, b) > 0;
                    case "<" -> v -> below(v, b);
                    case "=" -> v -> compare(v, b) == 0;
                    case "^" -> caret(b);
                    default -> tilde(b);
                };
            }
        }
        String[] parts = strip(p).split("\\.");
        int wild = -1;
        for (int i = 0; i < parts.length; i++) {
            if (parts[i].equals("x") || parts[i].equals("X") || parts[i].equals("*")) {
                wild = i;
                break;
            }
        }
        if (wild >= 0) {
            String[] fixed = java.util.Arrays.copyOfRange(parts, 0, wild);
            for (String f : fixed) {
                if (!NUMBER.matcher(f).matches()) {
                    throw new ValidationException("version", "'" + whole + "': malformed wildcard '" + p + "'");
                }
            }
            return v -> hasPrefix(v, fixed);
        }
        String exact = version(p, whole);
        return v -> compare(v, exact) == 0;
    }

    private static String version(String s, String whole) {
        String v = s.trim();
        if (v.isEmpty() || !Character.isLetterOrDigit(v.charAt(0))) {
            throw new ValidationException("version", "'" + whole + "': unknown operator or malformed version '" + s + "'"
                    + " (use e.g. 1.27.5, 1.27.x, ^1.27.0, ~1.27.0, >=1.27.0 <1.29.0)");
        }
        return v;
    }

    /** {@code <1.29.0} reads "below 1.29": its pre-releases ({@code 1.29.0-rc.1}) are not below it. */
    private static boolean below(String v, String bound) {
        if (compare(v, bound) >= 0) {
            return false;
        }
        String sv = strip(v);
        String sb = strip(bound);
        return pre(sb).isEmpty() == pre(sv).isEmpty() || compareParts(main(sv).split("\\."), main(sb).split("\\."), true) != 0;
    }

    /** {@code ^1.27.3}: below the next increment of the left-most non-zero part (2, or 0.3 for ^0.2.1). */
    private static Predicate<String> caret(String base) {
        long[] n = numbers(base);
        int k = 0;
        while (k < n.length - 1 && n[k] == 0) {
            k++;
        }
        String upper = bump(n, k);
        return v -> compare(v, base) >= 0 && compare(v, upper) < 0;
    }

    /** {@code ~1.27.3}: below the next minor (1.28); {@code ~1}: below the next major. */
    private static Predicate<String> tilde(String base) {
        long[] n = numbers(base);
        String upper = bump(n, n.length > 1 ? 1 : 0);
        return v -> compare(v, base) >= 0 && compare(v, upper) < 0;
    }

    private static String bump(long[] n, int index) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i <= index; i++) {
            sb.append(i == 0 ? "" : ".").append(i == index ? n[i] + 1 : n[i]);
        }
        return sb.toString() + "-0"; // -0: the lowest pre-release of the bump, so 2.0.0-rc1 is excluded too
    }

    private static long[] numbers(String v) {
        String[] parts = main(strip(v)).split("\\.");
        long[] out = new long[parts.length];
        for (int i = 0; i < parts.length; i++) {
            out[i] = NUMBER.matcher(parts[i]).matches() ? Long.parseLong(parts[i]) : 0;
        }
        return out;
    }

    private static boolean hasPrefix(String v, String[] fixed) {
        String[] parts = main(strip(v)).split("\\.");
        for (int i = 0; i < fixed.length; i++) {
            if (i >= parts.length || !NUMBER.matcher(parts[i]).matches()
                    || new BigInteger(parts[i]).compareTo(new BigInteger(fixed[i])) != 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether a version is in the range.
     *
     * @param version the version
     * @return {@code true} if it is
     */
    public boolean matches(String version) {
        return version != null && !version.isBlank() && test.test(version.trim());
    }

    /**
     * The highest version in the range.
     *
     * @param versions the candidates
     * @return the highest match, if any
     */
    public Optional<String> highest(Collection<String> versions) {
        return versions.stream().filter(this::matches).max(ORDER);
    }

    /**
     * The range as written.
     *
     * @return the text
     */
    @Override
    public String toString() {
        return text;
    }

    /**
     * Compares two versions loosely (see the class comment).
     *
     * @param a a version
     * @param b another version
     * @return negative, zero or positive as {@code a} is lower than, equal to or higher than {@code b}
     */
    public static int compare(String a, String b) {
        String x = strip(a);
        String y = strip(b);
        int c = compareParts(main(x).split("\\."), main(y).split("\\."), true);
        if (c != 0) {
            return c;
        }
        String px = pre(x);
        String py = pre(y);
        if (px.isEmpty() || py.isEmpty()) {
            return px.isEmpty() == py.isEmpty() ? 0 : (px.isEmpty() ? 1 : -1);
        }
        return compareParts(px.split("\\."), py.split("\\."), false);
    }

    private static int compareParts(String[] x, String[] y, boolean missingIsZero) {
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            String p = i < x.length ? x[i] : (missingIsZero ? "0" : null);
            String q = i < y.length ? y[i] : (missingIsZero ? "0" : null);
            if (p == null || q == null) {
                return p == null ? -1 : 1; // a shorter pre-release list sorts first
            }
            boolean pn = NUMBER.matcher(p).matches();
            boolean qn = NUMBER.matcher(q).matches();
            int c = pn && qn ? new BigInteger(p).compareTo(new BigInteger(q)) : pn != qn ? (pn ? -1 : 1) : p.compareTo(q);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    private static String strip(String v) {
        String s = v.trim();
        if (s.length() > 1 && (s.charAt(0) == 'v' || s.charAt(0) == 'V') && Character.isDigit(s.charAt(1))) {
            s = s.substring(1);
        }
        int plus = s.indexOf('+');
        return plus < 0 ? s : s.substring(0, plus);
    }

    private static String main(String v) {
        int dash = v.indexOf('-');
        return dash < 0 ? v : v.substring(0, dash);
    }

    private static String pre(String v) {
        int dash = v.indexOf('-');
        return dash < 0 ? "" : v.substring(dash + 1);
    }
}
