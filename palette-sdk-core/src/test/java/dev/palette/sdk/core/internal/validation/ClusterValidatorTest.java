package dev.palette.sdk.core.internal.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.palette.sdk.api.error.ValidationException;
import dev.palette.sdk.api.error.Violation;
import dev.palette.sdk.api.model.ClusterProfile;
import dev.palette.sdk.api.model.ClusterSpec;
import dev.palette.sdk.api.model.Layer;
import dev.palette.sdk.api.model.MachinePoolSpec;
import dev.palette.sdk.api.model.Pack;
import dev.palette.sdk.api.model.Taint;
import dev.palette.sdk.api.model.UpgradePolicy;
import dev.palette.sdk.api.provider.CloudProvider;
import dev.palette.sdk.api.provider.ProviderMetadata;
import dev.palette.sdk.core.ProviderRegistry;
import dev.palette.sdk.core.testing.TestSpecs;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClusterValidatorTest {
    private final ClusterValidator validator = new ClusterValidator(registry());

    private static ProviderRegistry registry() {
        CloudProvider p = mock(CloudProvider.class);
        when(p.metadata()).thenReturn(new ProviderMetadata("fake", "fake", "Fake", Map.of(), Map.of()));
        when(p.validate(org.mockito.ArgumentMatchers.any())).thenReturn(List.of());
        CloudProvider aws = mock(CloudProvider.class);
        when(aws.metadata()).thenReturn(new ProviderMetadata("aws", "aws", "AWS", Map.of(), Map.of()));
        when(aws.validate(org.mockito.ArgumentMatchers.any()))
                .thenReturn(List.of(Violation.of("region", "is required")));
        return ProviderRegistry.of(List.of(p, aws), false, ClusterValidatorTest.class.getClassLoader());
    }

    @Test
    void acceptsAValidSpec() {
        validator.requireValid("demo-1", TestSpecs.spec("fake", 3, 2));
    }

    @Test
    void reportsEveryViolationWithItsPath() {
        ClusterProfile noOs = ClusterProfile.builder().name("p").version("1").cloudType("fake")
                .addPack(TestSpecs.pack("kubernetes", "1.33.6", Layer.KUBERNETES))
                .addPack(TestSpecs.pack("cni", "1", Layer.CNI)).build();
        ClusterSpec bad = TestSpecs.spec("fake", 2, 1).toBuilder().profile(noOs)
                .workerPools(List.of(
                        MachinePoolSpec.builder().name("workers").count(1).instanceType("m").build(),
                        MachinePoolSpec.builder().name("workers").count(-1).instanceType("").diskGiB(5)
                                .zones(List.of("a", "a")).taints(List.of(new Taint("k", "v", "Never"))).build()))
                .upgrade(UpgradePolicy.of(0, 0))
                .build();
        assertThatThrownBy(() -> validator.requireValid("Bad_Name", bad))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.violations()).extracting(Violation::toString)
                        .containsExactlyInAnyOrder(
                                "metadata.name: must be at most 63 lower-case letters, digits and '-', starting and ending with a letter or digit",
                                "spec.profile.packs: missing an OS layer (os)",
                                "spec.controlPlane.count: must be odd and >= 1 (1, 3 or 5) to keep etcd quorum",
                                "spec.workerPools[1].count: must be >= 0",
                                "spec.workerPools[1].instanceType: is required",
                                "spec.workerPools[1].diskGiB: must be >= 10",
                                "spec.workerPools[1].zones[1]: duplicate zone 'a'",
                                "spec.workerPools[1].taints[0].effect: must be NoSchedule, PreferNoSchedule or NoExecute",
                                "spec.workerPools[1].name: duplicate pool name 'workers'",
                                "spec.upgrade: maxSurge and maxUnavailable must not both be 0"));
    }

    @Test
    void unknownProviderNamesTheKnownOnes() {
        assertThatThrownBy(() -> validator.requireValid("demo", TestSpecs.spec("gcp", 1, 0)))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("spec.cloud.provider: unknown provider 'gcp' (known: aws, fake)");
    }

    @Test
    void providerViolationsArePrefixedAndPackCloudSupportIsChecked() {
        Pack vsphereOnly = Pack.builder().name("antrea").version("1.9.0").layer(Layer.CNI).cloudTypes(List.of("vsphere")).build();
        ClusterProfile p = TestSpecs.profile().toBuilder().packs(List.of(
                TestSpecs.profile().packs().get(0), TestSpecs.profile().packs().get(1), vsphereOnly)).build();
        ClusterSpec spec = TestSpecs.spec("aws", 1, 0).toBuilder().profile(p).build();
        assertThatThrownBy(() -> validator.requireValid("demo", spec))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.violations()).extracting(Violation::toString)
                        .containsExactlyInAnyOrder("spec.cloud.region: is required",
                                "spec.profile.packs[2]: pack 'antrea' does not support cloud type 'aws' (supports: vsphere)"));
    }

    @Test
    void layersOutOfOrderAndReservedPoolNameAreRefused() {
        ClusterProfile p = TestSpecs.profile().toBuilder().packs(List.of(
                TestSpecs.pack("kubernetes", "1.33.6", Layer.KUBERNETES), TestSpecs.pack("ubuntu", "22.04", Layer.OS),
                TestSpecs.pack("cni", "1", Layer.CNI))).build();
        ClusterSpec spec = TestSpecs.spec("fake", 1, 0).toBuilder().profile(p)
                .workerPools(List.of(MachinePoolSpec.builder().name("control-plane").count(1).instanceType("m").build())).build();
        assertThatThrownBy(() -> validator.requireValid("demo", spec))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.violations()).extracting(Violation::path)
                        .containsExactlyInAnyOrder("spec.profile.packs[1].layer", "spec.workerPools[0].name"));
    }
}
