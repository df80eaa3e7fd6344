package dev.palette.sdk.core.internal.bundle;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes secrets from text bound for a support bundle: private keys in PEM, JSON web tokens (service
 * account tokens), bearer tokens, kubeadm bootstrap tokens, AWS access key ids, base64 key and certificate
 * data of kubeconfigs, and the value of any {@code key: value} or {@code key=value} whose key names a
 * password, secret, token or key. Errs on the side of removing: a support engineer can ask for a value,
 * but a leaked one cannot be taken back.
 */
public final class Redactor {
    /** What stands where a secret was. */
    public static final String REDACTED = "[redacted]";

    private record Rule(Pattern pattern, String replacement) {
    }

    private static final List<Rule> RULES = List.of(
            new Rule(Pattern.compile("-----BEGIN ([A-Z0-9 ]*PRIVATE KEY)-----.*?-----END \\1-----", Pattern.DOTALL),
                    "-----BEGIN $1----- " + REDACTED + " -----END $1-----"),
            new Rule(Pattern.compile("eyJ[A-Za-z0-9_-]{5,8192}\\.[A-Za-z0-9_-]{5,8192}\\.[A-Za-z0-9_-]{0,8192}"), REDACTED),
            new Rule(Pattern.compile("(?i)(bearer[ \\t]{1,8})[A-Za-z0-9._~+/=-]{8,8192}"), "$1" + REDACTED),
            new Rule(Pattern.compile("\\b[a-z0-9]{6}\\.[a-z0-9]{16}\\b"), REDACTED),
            new Rule(Pattern.compile("\\b(AKIA|ASIA)[0-9A-Z]{16}\\b"), REDACTED),
            new Rule(Pattern.compile("(?i)((?:client-key|client-certificate|certificate-authority|token)-data[\"']?[ \\t]{0,8}:[ \\t]{0,8}[\"']?)"
                    + "[A-Za-z0-9+/=]{16,65536}"), "$1" + REDACTED),
            // Bounded repetitions, and keys only where a word starts: a log line of megabytes must not make the
            // matcher backtrack at every position.
            new Rule(Pattern.compile("(?i)((?<![A-Za-z0-9_.-])\"?[A-Za-z0-9_.-]{0,40}(?:password|passwd|pwd|secret|token|api[_-]?key|access[_-]?key|"
                    + "private[_-]?key|credentials?)[A-Za-z0-9_.-]{0,40}\"?[ \\t]{0,8}[:=][ \\t]{0,8}[\"']?)(?!\\[redacted\\])"
                    + "[^\\s\"',}]{1,4096}"), "$1" + REDACTED));

    private Redactor() {
    }

    /**
     * The text with every secret it could find replaced by {@link #REDACTED}.
     *
     * @param text the text
     * @return the redacted text
     */
    public static String redact(String text) {
        String out = text;
        for (Rule r : RULES) {
            Matcher m = r.pattern().matcher(out);
            out = m.replaceAll(r.replacement());
        }
        return out;
    }
}
