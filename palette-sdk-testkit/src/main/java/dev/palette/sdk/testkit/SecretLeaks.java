package dev.palette.sdk.testkit;

import dev.palette.sdk.api.store.SecretStore;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Finds secrets in text a test captured (a log file, events, a support bundle): the parts of a secret value long
 * and random enough to be recognised wherever they went — a PEM's body lines, a token, a password — without the
 * short or common lines that would match by chance.
 *
 * <pre>{@code
 * List<String> planted = new ArrayList<>(SecretLeaks.recognisable(secrets, "clusters/" + c.id() + "/"));
 * assertThat(SecretLeaks.foundIn(Files.readString(log), planted)).isEmpty();
 * }</pre>
 */
public final class SecretLeaks {
    private SecretLeaks() {
    }

    /**
     * The recognisable parts of one secret value: its lines of 20 or more characters without spaces or colons
     * that are not PEM armour, or, for a single-line value without such lines, the whole value if it has 16 or
     * more characters.
     *
     * @param value the secret value
     * @return its recognisable parts, possibly none
     */
    public static List<String> recognisable(String value) {
        List<String> out = new ArrayList<>();
        for (String line : value.split("\n")) {
            String t = line.trim();
            if (t.length() >= 20 && !t.startsWith("-----") && !t.contains(" ") && !t.contains(":")) {
                out.add(t);
            }
        }
        if (out.isEmpty() && value.length() >= 16 && !value.contains("\n")) {
            out.add(value);
        }
        return out;
    }

    /**
     * The recognisable parts of every value of every secret whose key starts with a prefix.
     *
     * @param store the secret store
     * @param prefix the key prefix, e.g. {@code clusters/<id>/}
     * @return the parts
     */
    public static List<String> recognisable(SecretStore store, String prefix) {
        List<String> out = new ArrayList<>();
        for (String key : store.keys(prefix)) {
            store.get(key).ifPresent(s -> s.data().values().forEach(v -> out.addAll(recognisable(v))));
        }
        return out;
    }

    /**
     * The secrets a text holds.
     *
     * @param text the captured text
     * @param secrets the secrets or their recognisable parts
     * @return those found in the text, in the order given; empty when none leaked
     */
    public static List<String> foundIn(String text, Collection<String> secrets) {
        return secrets.stream().filter(text::contains).toList();
    }
}
