package dev.palette.sdk.api.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.palette.sdk.api.error.ValidationException;
import dev.palette.sdk.api.error.Violation;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** A provider's settings read with every violation and its path. */
class CloudPropertiesTest {
    @Test
    void everyProblemIsCollectedWithItsPath() {
        Map<String, Object> raw = new LinkedHashMap<>();
        raw.put("zone", "moon-1a");
        raw.put("pubic", true);
        raw.put("public", "maybe");
        raw.put("tags", Map.of("owner:x", "a", "team", List.of("b")));
        CloudProperties p = new CloudProperties(raw, "lab", List.of("zone", "public", "tags", "id"));
        assertThat(p.requiredString(p.get("zone"), "properties.zone", Pattern.compile("lab-\\d[a-z]"), "a lab zone such as lab-1a"))
                .isNull();
        assertThat(p.requiredString(p.get("id"), "properties.id", null, "a machine id")).isNull();
        assertThat(p.optionalString(p.get("nothing"), "properties.nothing", null, null)).isEmpty();
        assertThat(p.bool(p.get("public"), "properties.public", true)).isTrue();
        Map<String, String> tags = p.tags(p.get("tags"), "properties.tags", "keys", 10, "the lab allows 10",
                k -> k.contains(":") ? "no colons" : null);
        assertThat(tags).containsOnlyKeys("owner:x");
        assertThat(p.violations()).extracting(Violation::toString).containsExactlyInAnyOrder(
                "properties.pubic: unknown property; the lab provider understands zone, public, tags, id",
                "properties.zone: 'moon-1a' is not a lab zone such as lab-1a",
                "properties.id: is required: a machine id",
                "properties.public: must be true or false",
                "properties.tags.owner:x: no colons",
                "properties.tags.team: tag values are strings");
        assertThatThrownBy(p::check).isInstanceOf(ValidationException.class).hasMessageContaining("6 violations");
    }

    @Test
    void aLongValueIsShownShortenedAndTooManyTagsAreNamed() {
        CloudProperties p = new CloudProperties(Map.of(), "lab", List.of());
        p.requiredString("x".repeat(100), "properties.id", Pattern.compile("m-\\d+"), "a machine id");
        Map<String, Object> many = new LinkedHashMap<>();
        for (int i = 0; i < 3; i++) {
            many.put("k" + i, "v".repeat(i == 2 ? 257 : 1));
        }
        p.tags(many, "properties.tags", "names", 2, "the lab allows 2", k -> null);
        assertThat(p.violations()).extracting(Violation::toString).containsExactly(
                "properties.id: '" + "x".repeat(57) + "...' is not a machine id",
                "properties.tags: at most 2 tags (the lab allows 2)",
                "properties.tags.k2: tag values have at most 256 characters");
    }
}
