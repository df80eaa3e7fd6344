package dev.palette.sdk.core.pack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.palette.sdk.api.error.Violation;
import dev.palette.sdk.api.model.ClusterProfile;
import dev.palette.sdk.api.model.Layer;
import dev.palette.sdk.api.model.Pack;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProfileRulesTest {
    private static Pack pack(String name, Layer layer, String... clouds) {
        return Pack.builder().name(name).version("1.0.0").layer(layer).cloudTypes(List.of(clouds)).build();
    }

    private static ClusterProfile profile(String cloud, Pack... packs) {
        return ClusterProfile.builder().name("p").version("1").cloudType(cloud).packs(List.of(packs)).build();
    }

    private static final Pack OS = pack("ubuntu-aws", Layer.OS, "aws");
    private static final Pack K8S = pack("kubernetes", Layer.KUBERNETES, "all");
    private static final Pack CNI = pack("cni-calico", Layer.CNI);
    private static final Pack CSI = pack("csi-aws-ebs", Layer.CSI, "aws", "eks");
    private static final Pack ADDON = pack("hello", Layer.ADDON);

    @Test
    void aFullStackInOrderPasses() {
        assertThat(ProfileRules.validate(profile("aws", OS, K8S, CNI, CSI, ADDON), false)).isEmpty();
        assertThat(ProfileRules.validate(profile("aws", OS, K8S, CNI), false)).as("CSI and add-ons are optional").isEmpty();
    }

    @Test
    void missingAndDoubledLayersAreNamed() {
        assertThat(ProfileRules.validate(profile("aws", K8S, ADDON), false)).extracting(Violation::toString).containsExactly(
                "profile.packs: missing an OS layer (os)",
                "profile.packs: missing a CNI layer (cni)");
        assertThat(ProfileRules.validate(profile("aws", OS, K8S, CNI, pack("cni-cilium", Layer.CNI), CSI,
                pack("csi-2", Layer.CSI)), false)).extracting(Violation::toString).containsExactly(
                "profile.packs: 2 packs in layer cni; exactly one allowed",
                "profile.packs: 2 packs in layer csi; at most one allowed");
    }

    @Test
    void layersOutOfOrderAreNamedWithTheirIndex() {
        assertThat(ProfileRules.validate(profile("aws", K8S, OS, CNI, ADDON, CSI), false)).extracting(Violation::toString)
                .containsExactly(
                        "profile.packs[1].layer: layer os of pack 'ubuntu-aws' comes after layer k8s; layers go os, k8s, cni, csi, addon",
                        "profile.packs[4].layer: layer csi of pack 'csi-aws-ebs' comes after layer addon; layers go os, k8s, cni, csi, addon");
    }

    @Test
    void aPackThatDoesNotSupportTheCloudIsRefusedByName() {
        assertThat(ProfileRules.validate(profile("azure", OS, K8S, CNI, CSI), false)).extracting(Violation::toString).containsExactly(
                "profile.packs[0]: pack 'ubuntu-aws' does not support cloud type 'azure' (supports: aws)",
                "profile.packs[3]: pack 'csi-aws-ebs' does not support cloud type 'azure' (supports: aws, eks)");
        assertThat(ProfileRules.check(profile("azure", OS, K8S, CNI), null, "spec.profile")).as("no cloud check").isEmpty();
    }

    @Test
    void addOnProfilesAreAllowedWhereAsked() {
        ClusterProfile addOns = profile("all", ADDON, pack("monitoring", Layer.ADDON));
        assertThat(ProfileRules.isAddOnProfile(addOns)).isTrue();
        assertThat(ProfileRules.validate(addOns, true)).isEmpty();
        assertThat(ProfileRules.validate(addOns, false)).extracting(Violation::message).containsExactly(
                "missing an OS layer (os)", "missing a Kubernetes layer (k8s)", "missing a CNI layer (cni)");
        assertThat(ProfileRules.isAddOnProfile(profile("all"))).isFalse();
        assertThat(ProfileRules.validate(profile("all"), true)).extracting(Violation::toString)
                .containsExactly("profile.packs: the profile has no packs");
    }

    @Test
    void aPackNameTwiceIsRefused() {
        assertThat(ProfileRules.validate(profile("aws", OS, K8S, CNI, ADDON, ADDON), false)).extracting(Violation::toString)
                .containsExactly("profile.packs[4].name: pack 'hello' is already in the profile at packs[3]");
    }
}
