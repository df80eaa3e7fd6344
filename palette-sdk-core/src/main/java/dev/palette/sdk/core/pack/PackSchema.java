package dev.palette.sdk.core.pack;

import dev.palette.sdk.api.error.ValidationException;
import dev.palette.sdk.api.error.Violation;
import dev.palette.sdk.core.pack.internal.JsonSchemaRules;
import dev.palette.sdk.core.pack.internal.PaletteSchema;
import dev.palette.sdk.core.pack.internal.SchemaRules;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A pack's values schema, in either of two forms, told apart by content:
 * <ul>
 *   <li>Palette's {@code schema.yaml}: each key a dotted path into the values, mapped to
 *       {@code schema: '{{ required | format "${number}" | hints "..." }}'}; understood are
 *       {@code required} and the formats {@code string}, {@code password}, {@code number}, {@code boolean}
 *       and {@code list:[a,b,c]};</li>
 *   <li>a JSON Schema (JSON or YAML; recognised by {@code $schema}, or by {@code type: object} with
 *       {@code properties}).</li>
 * </ul>
 * Validation reports every violation, each with its path under a given prefix (e.g.
 * {@code profile.packs[4].values.manifests.hello-universe.port: must be a number (got 'eighty')}).
 */
public final class PackSchema {
    private static final PackSchema EMPTY = new PackSchema(null);

    private final SchemaRules rules;

    private PackSchema(SchemaRules rules) {
        this.rules = rules;
    }

    /**
     * Parses a schema.
     *
     * @param fileName the file name for messages
     * @param text the schema text (may be empty: a schema with no rules)
     * @return the schema
     * @throws ValidationException naming the file and line when the text is malformed or is no schema
     */
    public static PackSchema parse(String fileName, String text) {
        if (text == null || text.isBlank()) {
            return EMPTY;
        }
        Map<String, Object> tree = ValuesYaml.parse(fileName, text);
        if (tree.isEmpty()) {
            return EMPTY;
        }
        if (JsonSchemaRules.accepts(tree)) {
            return new PackSchema(JsonSchemaRules.of(tree, fileName));
        }
        List<Violation> problems = new ArrayList<>();
        PackSchema schema = new PackSchema(PaletteSchema.of(tree, fileName, problems));
        if (!problems.isEmpty()) {
            throw new ValidationException(problems);
        }
        return schema;
    }

    /**
     * Checks values against the schema.
     *
     * @param values the merged values
     * @param pathPrefix the path of the values in messages, e.g. {@code profile.packs[4].values}
     * @return every violation found; empty when the values conform
     */
    public List<Violation> validate(Map<String, Object> values, String pathPrefix) {
        return rules == null ? List.of() : rules.validate(values, pathPrefix);
    }

    /**
     * The number of fields the schema describes.
     *
     * @return the count
     */
    public int size() {
        return describe().size();
    }

    /**
     * The schema's fields by path with what each must be, for display.
     *
     * @return {@code path -> "required number"} and the like
     */
    public Map<String, String> describe() {
        return rules == null ? Map.of() : rules.describe();
    }
}
