package dev.palette.sdk.core.pack.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonNodePath;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaException;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.SpecVersionDetector;
import com.networknt.schema.ValidationMessage;
import dev.palette.sdk.api.error.ValidationException;
import dev.palette.sdk.api.error.Violation;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A values schema written as JSON Schema (in JSON or YAML), checked with networknt's validator. The
 * dialect is taken from {@code $schema}, draft 2020-12 when absent.
 */
public final class JsonSchemaRules implements SchemaRules {
    private static final SchemaValidatorsConfig CONFIG = SchemaValidatorsConfig.builder()
            .locale(Locale.ENGLISH).pathType(PathType.JSON_PATH).formatAssertionsEnabled(true).build();

    private final JsonSchema schema;
    private final Map<String, Object> tree;

    private JsonSchemaRules(JsonSchema schema, Map<String, Object> tree) {
        this.schema = schema;
        this.tree = tree;
    }

    /**
     * Whether a parsed schema file is a JSON Schema: it names {@code $schema}, or is an object schema
     * with {@code properties}.
     *
     * @param tree the parsed file
     * @return {@code true} if it is
     */
    public static boolean accepts(Map<String, Object> tree) {
        return tree.containsKey("$schema") || ("object".equals(tree.get("type")) && tree.get("properties") instanceof Map);
    }

    /**
     * Compiles a schema.
     *
     * @param tree the parsed file
     * @param source the file name, for messages
     * @return the rules
     * @throws ValidationException when the schema itself is invalid
     */
    public static JsonSchemaRules of(Map<String, Object> tree, String source) {
        JsonNode node = PackMappers.JSON.valueToTree(tree);
        try {
            SpecVersion.VersionFlag flag = tree.containsKey("$schema")
                    ? SpecVersionDetector.detect(node) : SpecVersion.VersionFlag.V202012;
            return new JsonSchemaRules(JsonSchemaFactory.getInstance(flag).getSchema(node, CONFIG), tree);
        } catch (JsonSchemaException | IllegalArgumentException e) {
            throw new ValidationException(source, "not a usable JSON Schema: " + e.getMessage());
        }
    }

    @Override
    public List<Violation> validate(Map<String, Object> values, String pathPrefix) {
        List<ValidationMessage> messages = new ArrayList<>(schema.validate(PackMappers.JSON.valueToTree(values)));
        messages.sort(Comparator.comparing((ValidationMessage m) -> m.getInstanceLocation().toString())
                .thenComparing(ValidationMessage::getMessage));
        List<Violation> out = new ArrayList<>();
        for (ValidationMessage m : messages) {
            StringBuilder path = new StringBuilder(pathPrefix);
            JsonNodePath at = m.getInstanceLocation();
            for (int i = 0; i < at.getNameCount(); i++) {
                Object e = at.getElement(i);
                if (e instanceof Integer index) {
                    path.append('[').append(index).append(']');
                } else {
                    path.append(path.length() == 0 ? "" : ".").append(e);
                }
            }
            if ("required".equals(m.getType()) && m.getProperty() != null) {
                path.append(path.length() == 0 ? "" : ".").append(m.getProperty());
                out.add(Violation.of(path.toString(), "is required"));
            } else {
                out.add(Violation.of(path.length() == 0 ? "values" : path.toString(), m.getError()));
            }
        }
        return out;
    }

    @Override
    public Map<String, String> describe() {
        Map<String, String> out = new LinkedHashMap<>();
        if (tree.get("properties") instanceof Map<?, ?> props) {
            props.forEach((k, v) -> out.put(String.valueOf(k), v instanceof Map<?, ?> m && m.get("type") != null
                    ? String.valueOf(m.get("type")) : "any"));
        }
        return out;
    }
}
