package dev.palette.sdk.core.pack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.palette.sdk.api.error.ValidationException;
import dev.palette.sdk.api.error.Violation;
import dev.palette.sdk.api.model.ClusterProfile;
import dev.palette.sdk.api.model.Layer;
import dev.palette.sdk.api.model.Pack;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Values checked against a Palette-style schema.yaml (our own, shaped like the published ones). */
class PackSchemaTest {
    static final String SCHEMA = """
            manifests.web-app.namespace:
              # The namespace to deploy into.
              schema: '{{ required | format "${string}" | hints "Enter the namespace."}}'
            manifests.web-app.port:
              schema: '{{ required | format "${number}" | hints "Enter the port."}}'
            manifests.web-app.apiEnabled:
              schema: '{{ format "${boolean}" | hints "Deploy the API?"}}'
            manifests.web-app.tolerations.effect:
              schema: '{{ format "${list:[PreferNoSchedule,NoSchedule,NoExecute]}"  | hints "Effect."}}'
            charts.db.cluster.masterPassphrase.value:
              schema: '{{ format "${password}" | hints "Passphrase" }}'
            """;

    @Test
    void reportsEveryViolationWithItsPath() {
        PackSchema schema = PackSchema.parse("web-app/schema.yaml", SCHEMA);
        assertThat(schema.size()).isEqualTo(5);
        Map<String, Object> values = Map.of("manifests", Map.of("web-app", Map.of("port", "eighty", "apiEnabled", "yes",
                "tolerations", Map.of("effect", "Sometimes"))));
        assertThat(schema.validate(values, "packs.web-app.values")).extracting(Violation::toString).containsExactly(
                "packs.web-app.values.manifests.web-app.namespace: is required",
                "packs.web-app.values.manifests.web-app.port: must be a number (got 'eighty')",
                "packs.web-app.values.manifests.web-app.apiEnabled: must be true or false (got 'yes')",
                "packs.web-app.values.manifests.web-app.tolerations.effect: must be one of PreferNoSchedule, NoSchedule, NoExecute (got 'Sometimes')");
        Map<String, Object> good = Map.of("manifests", Map.of("web-app", Map.of("namespace", "web", "port", 8080,
                "apiEnabled", false, "tolerations", Map.of("effect", "NoSchedule"))));
        assertThat(schema.validate(good, "v")).isEmpty();
    }

    @Test
    void aClusterOverrideIsCheckedAgainstThePacksSchema() {
        Pack app = Pack.builder().name("web-app").version("1.0.0").layer(Layer.ADDON).schema(SCHEMA)
                .values(Map.of("manifests", Map.of("web-app", Map.of("namespace", "web", "port", 8080)))).build();
        ClusterProfile p = ClusterProfile.builder().name("p").version("1").addPack(app).build();
        assertThat(ResolvedProfile.of(p, Map.of(), Map.of()).layers()).hasSize(1);
        assertThatThrownBy(() -> ResolvedProfile.of(p, Map.of("web-app", Map.of("manifests", Map.of("web-app",
                Map.of("port", "http")))), Map.of())).isInstanceOfSatisfying(ValidationException.class, e ->
                assertThat(e.violations()).extracting(Violation::path).containsExactly("packs.web-app.values.manifests.web-app.port"));
    }

    @Test
    void aMalformedSchemaFailsWithItsLine() {
        assertThatThrownBy(() -> PackSchema.parse("x/schema.yaml", "a.b:\n  schema: '{{ required }}\n"))
                .isInstanceOf(ValidationException.class).hasMessageContaining("x/schema.yaml:");
    }
}
