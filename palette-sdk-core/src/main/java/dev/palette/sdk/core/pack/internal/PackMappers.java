package dev.palette.sdk.core.pack.internal;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.dataformat.yaml.util.StringQuotingChecker;

/**
 * The Jackson mappers for published pack and profile files, configured for what those files really
 * contain: trailing commas and comments in {@code pack.json}, YAML with comments and multi-line strings,
 * unquoted decimals that must keep their digits.
 */
public final class PackMappers {
    /** Lenient JSON: trailing commas, comments, single quotes, unquoted control characters. */
    public static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_TRAILING_COMMA)
            .enable(JsonReadFeature.ALLOW_JAVA_COMMENTS)
            .enable(JsonReadFeature.ALLOW_YAML_COMMENTS)
            .enable(JsonReadFeature.ALLOW_SINGLE_QUOTES)
            .enable(JsonReadFeature.ALLOW_UNESCAPED_CONTROL_CHARS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    /** YAML; decimals stay {@code BigDecimal} so that an unquoted {@code 20.10} keeps its digits. */
    public static final ObjectMapper YAML = YAMLMapper.builder(new YAMLFactory())
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();

    /**
     * YAML as written back: no document marker, quotes only where a reader would otherwise see another
     * type ({@code "0600"}, {@code "true"} stay strings), multi-line text as literal blocks.
     */
    public static final ObjectMapper YAML_WRITER = YAMLMapper.builder(YAMLFactory.builder()
                    .stringQuotingChecker(new RoundTripQuoting()).build())
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .enable(YAMLGenerator.Feature.LITERAL_BLOCK_STYLE)
            .build();

    /** Indented JSON as written back. */
    public static final ObjectMapper JSON_WRITER = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private PackMappers() {
    }

    /**
     * Quotes a string whenever {@link #YAML} would read it back as something else: Jackson's own checker
     * misses forms such as {@code 1e3} and {@code 0x1F}, which its parser reads as numbers.
     */
    private static final class RoundTripQuoting extends StringQuotingChecker.Default {
        private static final long serialVersionUID = 1L;

        @Override
        public boolean needToQuoteValue(String value) {
            if (super.needToQuoteValue(value)) {
                return true;
            }
            if (value.isEmpty() || value.indexOf('\n') >= 0) {
                return false; // multi-line text is written as a literal block, always a string
            }
            try {
                return !value.equals(YAML.readValue(value, Object.class));
            } catch (JsonProcessingException e) {
                return true;
            }
        }
    }

    /**
     * {@code file:line:column} of a parse error, for messages.
     *
     * @param file the file name as the user knows it
     * @param e the parse error
     * @return the location
     */
    public static String location(String file, JsonProcessingException e) {
        JsonLocation loc = e.getLocation();
        return loc == null || loc.getLineNr() < 1 ? file : file + ":" + loc.getLineNr() + ":" + loc.getColumnNr();
    }

    /**
     * The parser's own message without its location suffix or source excerpt.
     *
     * @param e the parse error
     * @return the message
     */
    public static String reason(JsonProcessingException e) {
        String m = e.getOriginalMessage();
        if (m == null) {
            return e.getClass().getSimpleName();
        }
        int nl = m.indexOf('\n');
        return (nl < 0 ? m : m.substring(0, nl)).trim();
    }
}
