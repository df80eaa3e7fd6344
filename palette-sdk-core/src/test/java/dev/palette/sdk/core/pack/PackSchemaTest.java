package dev.palette.sdk.core.pack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.palette.sdk.api.error.ValidationException;
import dev.palette.sdk.api.error.Violation;
import dev.palette.sdk.api.model.Pack;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PackSchemaTest {
    private final Pack greeter = PackReader.read(Fixtures.resource("packs/greeter-2.0.1"));
    private final PackSchema schema = PackSchema.parse("greeter/schema.yaml", greeter.schema().orElseThrow());

    @Test
    void paletteSchemaExpressionsAreUnderstood() {
        assertThat(schema.describe()).containsEntry("manifests.greeter.port", "required number")
                .containsEntry("manifests.greeter.tolerations.effect", "list:[PreferNoSchedule,NoSchedule,NoExecute]")
                .containsEntry("manifests.greeter.adminPassword", "password").hasSize(6);
        assertThat(schema.validate(greeter.values(), "v")).as("the defaults conform").isEmpty();
    }

    @Test
    void everyViolationIsReportedWithItsPathAndPasswordsAreNeverShown() {
        Map<String, Object> values = ValuesMerger.merge(greeter.values(), ValuesYaml.parse("""
                manifests:
                  greeter:
                    namespace: ""
                    port: eighty
                    replicas: "3"
                    apiEnabled: maybe
                    tolerations: {effect: Sometimes}
                    adminPassword: {nested: s3cr3t-value}
                """));
        assertThat(schema.validate(values, "profile.packs[4].values")).extracting(Violation::toString).containsExactly(
                "profile.packs[4].values.manifests.greeter.namespace: is required",
                "profile.packs[4].values.manifests.greeter.port: must be a number (got 'eighty')",
                "profile.packs[4].values.manifests.greeter.apiEnabled: must be true or false (got 'maybe')",
                "profile.packs[4].values.manifests.greeter.tolerations.effect: must be one of PreferNoSchedule, NoSchedule, NoExecute (got 'Sometimes')",
                "profile.packs[4].values.manifests.greeter.adminPassword: must be a single value, not a map");
        assertThat(schema.validate(values, "p").toString()).doesNotContain("s3cr3t");
    }

    @Test
    void keysWithDotsInThemAreFound() {
        PackSchema s = PackSchema.parse("s.yaml", """
                pack.spectrocloud.com/install-priority:
                  schema: '{{ required | format "${number}" }}'
                """);
        assertThat(s.validate(ValuesYaml.parse("pack:\n  spectrocloud.com/install-priority: \"700\"\n"), "v")).isEmpty();
        assertThat(s.validate(ValuesYaml.parse("pack: {}\n"), "v")).extracting(Violation::toString)
                .containsExactly("v.pack.spectrocloud.com/install-priority: is required");
    }

    @Test
    void aJsonSchemaIsCheckedWithEveryViolationAtItsPath() {
        PackSchema s = PackSchema.parse("schema.yaml", """
                $schema: https://json-schema.org/draft/2020-12/schema
                type: object
                required: [replicas, image]
                properties:
                  replicas: {type: integer, minimum: 1}
                  image: {type: string, pattern: "^[a-z0-9./-]+:[A-Za-z0-9._-]+$"}
                  service:
                    type: object
                    properties:
                      type: {enum: [ClusterIP, NodePort, LoadBalancer]}
                      ports: {type: array, items: {type: integer}}
                """);
        assertThat(s.describe()).containsEntry("replicas", "integer").containsEntry("service", "object");
        assertThat(s.validate(ValuesYaml.parse("replicas: 2\nimage: r.example.com/app:1.0\n"), "v")).isEmpty();
        assertThat(s.validate(ValuesYaml.parse("""
                replicas: 0
                service: {type: Ingress, ports: [80, "http"]}
                """), "profile.packs[1].values")).extracting(Violation::path).containsExactlyInAnyOrder(
                "profile.packs[1].values.image",
                "profile.packs[1].values.replicas",
                "profile.packs[1].values.service.type",
                "profile.packs[1].values.service.ports[1]");
    }

    @Test
    void aMalformedSchemaFailsNamingItsFileAndLine() {
        assertThatThrownBy(() -> PackSchema.parse("x/schema.yaml", "a:\n  schema: '{{ required }}'\n b: c\n"))
                .isInstanceOf(ValidationException.class).hasMessageContaining("x/schema.yaml:3:");
        assertThat(PackSchema.parse("empty.yaml", "").size()).isZero();
        assertThat(PackSchema.parse("empty.yaml", "").validate(Map.of("a", 1), "v")).isEmpty();
    }
}
