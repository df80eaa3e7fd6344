package dev.palette.sdk.core.pack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.palette.sdk.api.error.ValidationException;
import dev.palette.sdk.api.model.ClusterProfile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Profiles read, written in their shape and read again are the same profile. */
class ProfileRoundTripTest {
    @TempDir
    Path tmp;

    private ClusterProfile roundTrip(ClusterProfile p, ProfileWriter.Shape shape, boolean json) throws Exception {
        Path out = tmp.resolve("out" + (json ? ".json" : ".yaml"));
        Files.writeString(out, json ? ProfileWriter.json(p, shape) : ProfileWriter.yaml(p, shape));
        return ProfileReader.readReferences(out);
    }

    @Test
    void ourOwnProfileSurvivesEveryShape() throws Exception {
        Path in = Files.writeString(tmp.resolve("in.yaml"), """
                name: web
                description: "web tier"
                cloudType: aws
                packs:
                  - name: ubuntu-aws
                    layer: os
                    registry: Public Repo
                    version: 22.04
                    values: |-
                      kubeadmconfig:
                        preKubeadmCommands: ["echo hi"]
                  - {name: kubernetes, layer: k8s, version: 1.33.6, values: "pack:\\n  podCIDR: 10.0.0.0/16\\n"}
                  - {name: cni-calico, layer: cni, version: 3.31.2, values: ""}
                """);
        ClusterProfile p = ProfileReader.readReferences(in);
        for (ProfileWriter.Shape shape : ProfileWriter.Shape.values()) {
            assertThat(roundTrip(p, shape, true)).as(shape + " json").isEqualTo(p);
            assertThat(roundTrip(p, shape, false)).as(shape + " yaml").isEqualTo(p);
        }
        assertThat(p.packs().get(0).version()).isEqualTo("22.04");
        assertThat(p.packs().get(0).registry()).isEqualTo("Public Repo");
    }

    @Test
    void everyFixtureProfileRoundTrips() throws Exception {
        Path fixtures = FixtureSweepTest.fixtures().resolve("profiles");
        Map<String, String> outcome = new TreeMap<>();
        try (Stream<Path> files = Files.list(fixtures)) {
            for (Path f : files.sorted().toList()) {
                String name = f.getFileName().toString();
                try {
                    ClusterProfile p = ProfileReader.readReferences(f);
                    ProfileWriter.Shape shape = Files.readString(f).contains("\"template\"") || Files.readString(f).contains("template:")
                            ? ProfileWriter.Shape.API : ProfileWriter.Shape.FLAT;
                    assertThat(roundTrip(p, shape, name.endsWith(".json"))).as(name).isEqualTo(p);
                    outcome.put(name, "round trip ok: " + p.packs().size() + " packs");
                } catch (ValidationException e) {
                    assertThat(e.getMessage()).contains(name);
                    outcome.put(name, "refused: " + e.getMessage().substring(0, Math.min(160, e.getMessage().length())));
                }
            }
        }
        outcome.forEach((k, v) -> System.out.println("  " + k + ": " + v));
        assertThat(outcome.get("cluster-template-profile-aws.json")).startsWith("round trip ok: 5 packs");
        assertThat(outcome.get("withcredentials-full-tf-vsphere.yaml")).startsWith("round trip ok");
        assertThat(outcome.get("withoutcreds-full-edge.yaml")).startsWith("round trip ok");
        assertThat(outcome.get("ml-ops-addon-profile-import.json")).startsWith("round trip ok");
        assertThat(outcome.get("edge-apps-web-2.0.0.yaml")).as("a list of one add-on profile reads as that profile")
                .startsWith("round trip ok: 3 packs");

        Path list = fixtures.resolve("edge-apps-web-2.0.0.yaml");
        java.util.List<ClusterProfile> all = ProfileReader.readAll(list);
        assertThat(all).hasSize(1);
        assertThat(all.get(0).packs()).extracting(p -> p.name() + ":" + p.version() + ":" + p.layer())
                .containsExactly("hello-world:0.1.0:ADDON", "mongodb:6.0.1:ADDON", "hipster:0.2.0:ADDON");
        assertThat(String.valueOf(all.get(0).packValues().get("mongodb"))).contains("${mongoreplicas}");
        Path out = tmp.resolve("list.yaml");
        Files.writeString(out, ProfileWriter.yamlList(all));
        assertThat(ProfileReader.readAll(out)).isEqualTo(all);
    }
}
