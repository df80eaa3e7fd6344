package dev.palette.sdk.api.provider;

import dev.palette.sdk.api.error.ValidationException;
import dev.palette.sdk.api.error.Violation;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Reads a provider's settings from a cloud config's {@code properties} tree, collecting every violation with
 * its path ({@code properties.vpcId: 'x' is not a VPC id such as vpc-0abc1234}) instead of stopping at the
 * first, so that a user fixes them all at once. A provider plug-in's config parser keeps one of these, reads
 * each property through it, adds its own cross-field checks with {@link #add}, and builds its settings only
 * when {@link #violations()} is empty.
 */
public final class CloudProperties {
    private static final int SHOWN_VALUE = 60;
    private static final int MAX_TAG_VALUE = 256;

    private final Map<String, Object> properties;
    private final List<Violation> violations = new ArrayList<>();

    /**
     * Starts reading, and reports every property the provider does not know.
     *
     * @param properties the cloud config's properties
     * @param providerId the provider's id, named in the message about unknown properties
     * @param known the property names the provider understands
     */
    public CloudProperties(Map<String, Object> properties, String providerId, Collection<String> known) {
        this.properties = properties;
        for (String key : properties.keySet()) {
            if (!known.contains(key)) {
                add("properties." + key, "unknown property; the " + providerId + " provider understands " + String.join(", ", known));
            }
        }
    }

    /**
     * A property's raw value.
     *
     * @param name the property
     * @return its value, or {@code null}
     */
    public Object get(String name) {
        return properties.get(name);
    }

    /**
     * Records a violation.
     *
     * @param path the field path, e.g. {@code properties.subnets[1].zone}
     * @param message what is wrong
     */
    public void add(String path, String message) {
        violations.add(Violation.of(path, message));
    }

    /**
     * Every violation so far, in the order found.
     *
     * @return the violations
     */
    public List<Violation> violations() {
        return List.copyOf(violations);
    }

    /**
     * Throws when there were violations.
     *
     * @throws ValidationException naming every one
     */
    public void check() {
        if (!violations.isEmpty()) {
            throw new ValidationException(violations());
        }
    }

    /**
     * A string that must be there.
     *
     * @param value the raw value
     * @param path its path
     * @param pattern what it must match, or {@code null} for any non-blank string
     * @param what what it is, for the message (e.g. {@code a VPC id such as vpc-0abc1234}), may be {@code null}
     *     without a pattern
     * @return the string, or {@code null} after recording a violation
     */
    public String requiredString(Object value, String path, Pattern pattern, String what) {
        if (!(value instanceof String s) || s.isBlank()) {
            add(path, value == null ? "is required" + (what == null ? "" : ": " + what) : "must be " + (what == null ? "a string" : what));
            return null;
        }
        if (pattern != null && !pattern.matcher(s).matches()) {
            add(path, "'" + abbreviate(s) + "' is not " + what);
            return null;
        }
        return s;
    }

    /**
     * A string that may be absent.
     *
     * @param value the raw value
     * @param path its path
     * @param pattern what it must match, or {@code null}
     * @param what what it is, for the message
     * @return the string; empty when absent or invalid (then with a violation)
     */
    public Optional<String> optionalString(Object value, String path, Pattern pattern, String what) {
        if (value == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(requiredString(value, path, pattern, what));
    }

    /**
     * A boolean, as YAML or JSON gives it ({@code true}) or as a string ({@code "true"}).
     *
     * @param value the raw value
     * @param path its path
     * @param dflt the value when absent or invalid
     * @return the boolean
     */
    public boolean bool(Object value, String path, boolean dflt) {
        if (value == null) {
            return dflt;
        }
        if (value instanceof Boolean b) {
            return b;
        }
        if (value instanceof String s && (s.equals("true") || s.equals("false"))) {
            return Boolean.parseBoolean(s);
        }
        add(path, "must be true or false");
        return dflt;
    }

    /**
     * The user's tags for every resource: a map of strings, at most {@code max} of them, values of at most
     * 256 characters, each key checked by the cloud's own rules.
     *
     * @param value the raw value
     * @param path its path, e.g. {@code properties.tags}
     * @param noun what the cloud calls a tag's key ({@code keys}, {@code names}), for the messages
     * @param max the most tags
     * @param whyMax why that many, for the message (e.g. {@code AWS allows 50 per resource, the provider adds its own})
     * @param keyProblem what is wrong with a key, or {@code null} when nothing is
     * @return the tags; those with a bad value left out
     */
    public Map<String, String> tags(Object value, String path, String noun, int max, String whyMax,
                                    Function<String, String> keyProblem) {
        if (value == null) {
            return Map.of();
        }
        if (!(value instanceof Map<?, ?> m)) {
            add(path, "must be a map of tag " + noun + " to values");
            return Map.of();
        }
        if (m.size() > max) {
            add(path, "at most " + max + " tags (" + whyMax + ")");
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : m.entrySet()) {
            String key = String.valueOf(e.getKey());
            String keyPath = path + "." + key;
            String problem = keyProblem.apply(key);
            if (problem != null) {
                add(keyPath, problem);
            }
            Object v = e.getValue();
            if (v instanceof Map || v instanceof List) {
                add(keyPath, "tag values are strings");
            } else {
                String s = v == null ? "" : String.valueOf(v);
                if (s.length() > MAX_TAG_VALUE) {
                    add(keyPath, "tag values have at most " + MAX_TAG_VALUE + " characters");
                }
                out.put(key, s);
            }
        }
        return out;
    }

    private static String abbreviate(String s) {
        return s.length() <= SHOWN_VALUE ? s : s.substring(0, SHOWN_VALUE - 3) + "...";
    }
}
