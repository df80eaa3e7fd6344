package dev.palette.sdk.core.pack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.palette.sdk.api.error.ValidationException;
import dev.palette.sdk.api.error.Violation;
import dev.palette.sdk.api.model.CloudConfig;
import dev.palette.sdk.api.model.ClusterProfile;
import dev.palette.sdk.api.model.ClusterSpec;
import dev.palette.sdk.api.model.Layer;
import dev.palette.sdk.api.model.Pack;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Our export-aws.json profile resolved against our test packs. */
class ProfileResolverTest {
    private final DirectoryPackRegistry packs = DirectoryPackRegistry.open("Public Repo", Fixtures.resource("packs"));
    private final ProfileResolver resolver = new ProfileResolver(packs);
    private final ClusterProfile profile = ProfileReader.read(Fixtures.resource("profiles/export-aws.json")).profile();

    private static List<String> violations(Runnable r) {
        try {
            r.run();
        } catch (ValidationException e) {
            return e.violations().stream().map(Violation::toString).toList();
        }
        throw new AssertionError("no violation");
    }

    @SuppressWarnings("unchecked")
    private static Object at(Map<String, Object> tree, String... path) {
        Object node = tree;
        for (String p : path) {
            node = ((Map<String, Object>) node).get(p);
        }
        return node;
    }

    @Test
    void packsComeFromTheRegistryAndValuesMergeDefaultsProfileAndClusterWithVariables() {
        ResolvedProfile r = resolver.resolve(profile, Map.of("kubernetes",
                Map.of("kubeadmconfig", Map.of("apiServer", Map.of("extraArgs", Map.of("audit-log-maxage", "90"))))),
                Map.of("replicas", "5"));
        assertThat(r.layers()).extracting(l -> l.pack().coordinates()).containsExactly(
                "golden-rocky-aws:9.2", "kubernetes:1.31.2", "cni-flannel:0.25.1", "nfs-provisioner:4.0.18", "greeter:2.0.1");
        assertThat(r.layers()).allSatisfy(l -> assertThat(l.pack().registry()).isEqualTo("Public Repo"));
        Map<String, Object> k8s = r.layer(Layer.KUBERNETES).orElseThrow().values();
        assertThat(at(k8s, "pack", "podCIDR")).as("profile override, its variable's default").isEqualTo("10.244.0.0/16");
        assertThat(at(k8s, "pack", "serviceClusterIpRange")).as("pack default").isEqualTo("10.96.0.0/12");
        assertThat(at(k8s, "kubeadmconfig", "apiServer", "extraArgs")).isEqualTo(Map.of(
                "anonymous-auth", "false", "profiling", "false", "audit-log-maxage", "90"));
        assertThat(r.layer(Layer.KUBERNETES).orElseThrow().valuesYaml()).contains("podCIDR: 10.244.0.0/16")
                .contains("audit-log-maxage: \"90\"");
        assertThat(at(r.pack("greeter").orElseThrow().values(), "manifests", "greeter", "replicas"))
                .as("the cluster's variable wins").isEqualTo("5");
        assertThat(at(r.layer(Layer.CNI).orElseThrow().values(), "charts", "flannel", "podCidr"))
                .as("a variable in a pack's own defaults").isEqualTo("10.244.0.0/16");
        assertThat(r.layer(Layer.CSI).orElseThrow().valuesYaml()).as("untouched values keep the pack's text")
                .isEqualTo(packs.get("nfs-provisioner", "4.0.18").orElseThrow().valuesYaml());
    }

    @Test
    void completingAProfileGivesTheSelfContainedFormAClusterHolds() {
        ClusterProfile complete = resolver.complete(profile);
        assertThat(complete.packs()).extracting(Pack::coordinates).containsExactlyElementsOf(
                profile.packs().stream().map(Pack::coordinates).toList());
        assertThat(complete.kubernetesPack().orElseThrow().values()).containsKey("kubeadmconfig");
        assertThat(complete.packValues()).containsOnlyKeys("kubernetes", "greeter");
        assertThat(ProfileRules.validate(complete, false)).isEmpty();
        ResolvedProfile viaSpec = ResolvedProfile.of(ClusterSpec.builder().profile(complete).cloud(CloudConfig.of("aws", "eu-west-1"))
                .controlPlane(1, "m5.large").build());
        assertThat(viaSpec.layers()).extracting(ResolvedProfile.ResolvedPack::values)
                .containsExactlyElementsOf(resolver.resolve(profile).layers().stream().map(ResolvedProfile.ResolvedPack::values).toList());
        assertThat(resolver.resolve(complete).layers()).as("resolving a complete profile again changes nothing")
                .isEqualTo(resolver.resolve(profile).layers());
        assertThat(ProfileResolver.withoutRegistry().complete(profile)).isSameAs(profile);
    }

    @Test
    void missingPacksAndVersionsAreNamedWithWhatExists() {
        ClusterProfile wrong = profile.toBuilder().packs(List.of(
                profile.packs().get(0).toBuilder().name("ubuntu-aws").build(),
                profile.packs().get(1).toBuilder().version("1.40.0").build(),
                profile.packs().get(2).toBuilder().version(">>1").build(),
                profile.packs().get(3).toBuilder().layer(Layer.ADDON).build())).build();
        assertThat(violations(() -> resolver.resolve(wrong))).containsExactly(
                "profile.packs[0]: pack 'ubuntu-aws' not found in registry 'Public Repo'; available packs: cni-flannel, "
                        + "golden-rocky-aws, golden-rocky-azure, golden-rocky-vsphere, greeter, kbscan, kubernetes, "
                        + "nfs-provisioner, policy-guard, weave-net",
                "profile.packs[1]: kubernetes 1.40.0 not found; available: 1.30.4, 1.31.2",
                "profile.packs[2].version: '>>1': unknown operator or malformed version '>1' (use e.g. 1.27.5, 1.27.x, ^1.27.0, ~1.27.0, >=1.27.0 <1.29.0)",
                "profile.packs[3].layer: 'addon' in the profile, but nfs-provisioner:4.0.18 is a csi pack");
    }

    @Test
    void aProfileMayAskForARangeAndGetsTheHighestMatch() {
        ClusterProfile ranged = profile.toBuilder().packs(List.of(profile.packs().get(1).toBuilder().version("~1.30.0").build())).build();
        assertThat(resolver.resolve(ranged).layers().get(0).pack().version()).isEqualTo("1.30.4");
        ClusterProfile caret = profile.toBuilder().packs(List.of(profile.packs().get(1).toBuilder().version("^1.30.0").build())).build();
        assertThat(resolver.resolve(caret).layers().get(0).pack().version()).isEqualTo("1.31.2");
    }

    @Test
    void undefinedVariablesSchemaViolationsAndStrayOverridesAreAllReported() {
        ClusterProfile noDefaults = profile.toBuilder().variables(Map.of())
                .packValues("no-such-pack", Map.of("a", 1)).build();
        assertThat(violations(() -> resolver.resolve(noDefaults, Map.of("greeter",
                Map.of("manifests", Map.of("greeter", Map.of("port", "http")))), Map.of()))).containsExactly(
                "profile.packValues.no-such-pack: the profile has no pack 'no-such-pack'",
                "profile.packs[1].values.pack.podCIDR: variable 'pod_cidr' is not defined",
                "profile.packs[2].values.charts.flannel.podCidr: variable 'pod_cidr' is not defined",
                "profile.packs[4].values.manifests.greeter.replicas: variable 'replicas' is not defined",
                "profile.packs[4].values.manifests.greeter.port: must be a number (got 'http')");
    }

    @Test
    void aClusterSpecIsResolvedWithPathsUnderSpec() {
        ClusterSpec spec = ClusterSpec.builder().profile(resolver.complete(profile)).cloud(CloudConfig.of("aws", "eu-west-1"))
                .controlPlane(1, "m5.large").packValues("greter", Map.of("x", 1)).variable("replicas", "zero").build();
        assertThat(violations(() -> resolver.resolve(spec))).containsExactly(
                "spec.packValues.greter: the profile has no pack 'greter'",
                "spec.profile.packs[4].values.manifests.greeter.replicas: must be a number (got 'zero')");
    }
}
