package dev.palette.sdk.core.pack.internal;

import dev.palette.sdk.api.error.Violation;
import java.util.List;
import java.util.Map;

/** One kind of values schema: Palette's schema expressions, or a JSON Schema. */
public interface SchemaRules {
    /**
     * Checks values.
     *
     * @param values the values tree
     * @param pathPrefix the path of the values in messages
     * @return every violation found
     */
    List<Violation> validate(Map<String, Object> values, String pathPrefix);

    /**
     * The described fields and what each must be, for display.
     *
     * @return path to description
     */
    Map<String, String> describe();
}
