package dev.palette.sdk.core.pack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.palette.sdk.api.error.ValidationException;
import dev.palette.sdk.api.model.ClusterProfile;
import dev.palette.sdk.api.model.Layer;
import dev.palette.sdk.api.model.Pack;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ValuesMergerTest {
    @Test
    void mapsMergeListsAndScalarsReplaceAndNullRemoves() {
        Map<String, Object> defaults = Map.of("a", Map.of("x", 1, "y", List.of(1, 2), "z", "keep"), "b", "old", "gone", 1);
        Map<String, Object> profile = Map.of("a", Map.of("x", 2, "y", List.of(9)), "b", "profile");
        java.util.HashMap<String, Object> cluster = new java.util.HashMap<>(Map.of("b", "cluster"));
        cluster.put("gone", null);
        Map<String, Object> merged = ValuesMerger.merge(defaults, profile, cluster);
        assertThat(merged).containsEntry("a", Map.of("x", 2, "y", List.of(9), "z", "keep")).containsEntry("b", "cluster")
                .doesNotContainKey("gone");
        assertThat(defaults.get("a")).isEqualTo(Map.of("x", 1, "y", List.of(1, 2), "z", "keep"));
    }

    @Test
    void resolvesAProfileWithClusterVariablesWinningAndReportsUndefinedOnes() {
        Pack app = Pack.builder().name("hello").version("1.0").layer(Layer.ADDON)
                .values(Map.of("replicas", "{{.spectro.var.app_replicas}}", "image", Map.of("tag", "{{ .spectro.var.tag }}")))
                .build();
        ClusterProfile p = ClusterProfile.builder().name("p").version("1").addPack(app)
                .variable("app_replicas", "2").variable("tag", "v1").build();
        ResolvedProfile r = ResolvedProfile.of(p, Map.of(), Map.of("tag", "v2"));
        assertThat(r.layers().get(0).values()).containsEntry("replicas", "2").containsEntry("image", Map.of("tag", "v2"));

        ClusterProfile missing = ClusterProfile.builder().name("p").version("1").addPack(app).build();
        assertThatThrownBy(() -> ResolvedProfile.of(missing, Map.of(), Map.of()))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.violations()).extracting(Object::toString)
                        .containsExactlyInAnyOrder("packs.hello.values.replicas: variable 'app_replicas' is not defined",
                                "packs.hello.values.image.tag: variable 'tag' is not defined"));
    }
}
