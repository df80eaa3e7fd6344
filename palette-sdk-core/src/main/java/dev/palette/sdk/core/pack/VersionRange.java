package dev.palette.sdk.core.pack;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * A version or range of versions as profiles and hosts write them: an exact version ({@code 1.27.5}),
 * a wildcard ({@code 1.27.x}, {@code 1.x}, {@code *}, {@code latest}), a caret range ({@code ^1.27.0}:
 * same major), a tilde range ({@code ~1.27.0}: same minor), or comparisons joined by spaces
 * ({@code >=1.27.0 <1.29.0}). Versions compare numerically part by part, so 1.9 comes before 1.10.
 */
public final class VersionRange {
    /** Orders versions the way people read them: 1.9 before 1.10, a pre-release before its release. */
    public static final Comparator<String> ORDER = VersionRange::compare;

    private final String text;
    private final Predicate<String> test;

    private VersionRange(String text, Predicate<String> test) {
        this.text = text;
        this.test = test;
    }

    /**
     * Parses a range.
     *
     * @param text the range text
     * @return the range
     * @throws IllegalArgumentException for an empty range or an unknown operator
     */
    public static VersionRange parse(String text) {
        String t = text == null ? "" : text.trim();
        if (t.isEmpty()) {
            throw new IllegalArgumentException("empty version range");
        }
        String lower = t.toLowerCase(Locale.ROOT);
        if (lower.equals("*") || lower.equals("latest") || lower.equals("x")) {
            return new VersionRange(t, v -> true);
        }
        List<Predicate<String>> parts = new ArrayList<>();
        for (String p : t.split("\\s+")) {
            parts.add(part(p));
        }
        return new VersionRange(t, v -> parts.stream().allMatch(x -> x.test(v)));
    }

    private static Predicate<String> part(String p) {
        if (p.startsWith(">=")) {
            String b = p.substring(2);
            return v -> compare(v, b) >= 0;
        }
        if (p.startsWith("<=")) {
            String b = p.substring(2);
            return v -> compare(v, b) <= 0;
        }
        if (p.startsWith(">")) {
            String b = p.substring(1);
            return v -> compare(v, b) > 0;
        }
        if (p.startsWith("<")) {
            String b = p.substring(1);
            return v -> compare(v, b) < 0;
        }
        if (p.startsWith("^")) {
            String b = p.substring(1);
            String major = b.split("\\.")[0];
            return v -> compare(v, b) >= 0 && v.split("\\.")[0].equals(major);
        }
        if (p.startsWith("~")) {
            String b = p.substring(1);
            String[] s = b.split("\\.");
            String prefix = s.length > 1 ? s[0] + "." + s[1] + "." : s[0] + ".";
            return v -> compare(v, b) >= 0 && (v + ".").startsWith(prefix);
        }
        if (p.endsWith(".x") || p.endsWith(".*")) {
            String prefix = p.substring(0, p.length() - 1);
            return v -> v.startsWith(prefix);
        }
        if (p.startsWith("=")) {
            String b = p.substring(1);
            return v -> v.equals(b);
        }
        if (!Character.isLetterOrDigit(p.charAt(0))) {
            throw new IllegalArgumentException("unknown version operator in '" + p + "'");
        }
        return v -> v.equals(p);
    }

    /**
     * Whether a version is in the range.
     *
     * @param version the version
     * @return {@code true} if it is
     */
    public boolean matches(String version) {
        return test.test(version);
    }

    /**
     * The highest version in the range.
     *
     * @param versions the candidates
     * @return the highest match, or {@code null} if none matches
     */
    public String highest(List<String> versions) {
        return versions.stream().filter(this::matches).max(ORDER).orElse(null);
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

    static int compare(String a, String b) {
        String[] x = a.replaceFirst("^v", "").split("[.\\-+]");
        String[] y = b.replaceFirst("^v", "").split("[.\\-+]");
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            String p = i < x.length ? x[i] : "";
            String q = i < y.length ? y[i] : "";
            boolean pn = p.matches("\\d+");
            boolean qn = q.matches("\\d+");
            int c;
            if (pn && qn) {
                c = new java.math.BigInteger(p).compareTo(new java.math.BigInteger(q));
            } else if (p.isEmpty() || q.isEmpty()) {
                c = p.isEmpty() ? (qn ? -1 : 1) : (pn ? 1 : -1); // 1.0 < 1.0.1, but 1.0-rc1 < 1.0
            } else {
                c = p.compareTo(q);
            }
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }
}
