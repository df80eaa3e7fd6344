package dev.palette.sdk.core.pack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.palette.sdk.api.error.ValidationException;
import dev.palette.sdk.api.error.Violation;
import dev.palette.sdk.api.model.ClusterProfile;
import dev.palette.sdk.api.model.Layer;
import dev.palette.sdk.api.model.Pack;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The real published packs and profiles of {@code shared/fixtures}: every pack loads or fails naming its
 * file, line and what is wrong; every profile reads in its shape and survives read, write, read.
 */
class FixtureSweepTest {

    @Test
    void everyFixturePackLoadsOrFailsNamingTheFileLineAndProblem() throws Exception {
        Path packs = Fixtures.shared("FixtureSweepTest.packs").resolve("packs");
        Map<String, String> outcome = new TreeMap<>();
        try (Stream<Path> dirs = Files.list(packs)) {
            for (Path dir : dirs.filter(Files::isDirectory).toList()) {
                String folder = dir.getFileName().toString();
                try {
                    Pack p = PackReader.read(dir);
                    outcome.put(folder, "ok " + p.coordinates() + " " + p.layer());
                } catch (ValidationException e) {
                    for (Violation v : e.violations()) {
                        assertThat(v.path()).as("a failure names the file").startsWith(folder + "/");
                    }
                    outcome.put(folder, "failed " + e.getMessage());
                }
            }
        }
        outcome.forEach((k, v) -> System.out.println("  " + k + ": " + v));
        assertThat(outcome).hasSize(15)
                .containsEntry("antrea-1.9.0", "ok antrea:1.9.0 CNI")
                .containsEntry("cks-kubebench-0.16.7", "ok kubebench:0.16.7 ADDON")
                .containsEntry("csi-driver-nfs", "ok csi-driver-nfs:4.13.2 CSI")
                .containsEntry("golden-centos-aws-7.7.1908", "ok golden-centos-aws:7.7.1908 OS")
                .containsEntry("golden-centos-azure-7.7.1908", "ok golden-centos-azure:7.7.1908 OS")
                .containsEntry("hello-universe-1.3.1", "ok hello-universe:1.3.1 ADDON")
                .containsEntry("kyverno-1.12.2", "ok kyverno:1.12.2 ADDON")
                .containsEntry("ovn-kubernetes-1.2.0", "ok ovn-kubernetes:1.2.0 CNI")
                .containsEntry("permission-manager-1.0.0", "ok permission-manager:1.0.0 ADDON")
                .containsEntry("piraeus-operator-2.9.0", "ok piraeus-operator:2.9.0 CSI")
                .containsEntry("vsphere_noprovisioner_csi_1.0.0", "ok csi-vsphere-noprovisioner:1.0.0 CSI");
        // pack.json parses despite its trailing comma, but lacks the pack's identity: all three reported at once
        assertThat(outcome.get("nvidia-dra-driver-25.8.1")).isEqualTo("failed 3 violations: "
                + "nvidia-dra-driver-25.8.1/pack.json:1:1: missing \"name\"; "
                + "nvidia-dra-driver-25.8.1/pack.json:1:1: missing \"version\"; "
                + "nvidia-dra-driver-25.8.1/pack.json:1:1: missing \"layer\"");
        // values-only packs: published without pack.json
        for (String valuesOnly : new String[] {"kubernetes-1.27.5", "ubuntu-vsphere-20.04", "dell-csm-operator-1.11.2"}) {
            assertThat(outcome.get(valuesOnly)).startsWith("failed 1 violation: " + valuesOnly + "/pack.json: missing;");
        }

        // ... which load when the caller knows what they are
        Pack k8s = PackReader.read(packs.resolve("kubernetes-1.27.5"), "kubernetes", "1.27.5", Layer.KUBERNETES);
        assertThat(k8s.values()).containsKey("kubeadmconfig");
        assertThat(((Map<?, ?>) k8s.values().get("pack")).get("k8sHardening")).as("Python-style True").isEqualTo(true);
        Pack nvidia = PackReader.read(packs.resolve("nvidia-dra-driver-25.8.1"), "nvidia-dra-driver", "25.8.1", Layer.ADDON);
        assertThat(nvidia.annotations()).containsEntry("contributor", "isc");
        assertThat(nvidia.cloudTypes()).containsExactly(Pack.ALL_CLOUDS);

        Pack aws = PackReader.read(packs.resolve("golden-centos-aws-7.7.1908"));
        assertThat(aws.images()).singleElement().satisfies(i -> {
            assertThat(i.cloud()).isEqualTo("aws");
            assertThat(i.region()).isEqualTo("us-east-1");
            assertThat(i.id()).isEqualTo("ami-071f6fc516c53fca1");
            assertThat(i.attributes()).containsEntry("owner", "421085264799");
        });
        assertThat(aws.skipK8sInstall()).isFalse();
        Pack azure = PackReader.read(packs.resolve("golden-centos-azure-7.7.1908"));
        assertThat(azure.images()).singleElement().satisfies(i -> {
            assertThat(i.cloud()).isEqualTo("azure");
            assertThat(i.attributes()).containsEntry("publisher", "OpenLogic").containsEntry("offer", "CentOS")
                    .containsEntry("sku", "7.7");
        });
        assertThat(azure.skipK8sInstall()).isTrue();
        Pack kyverno = PackReader.read(packs.resolve("kyverno-1.12.2"));
        assertThat(kyverno.charts()).singleElement().satisfies(c -> {
            assertThat(c.name()).isEqualTo("kyverno");
            assertThat(c.version()).as("the chart's version, not the pack's").isEqualTo("3.2.3");
        });
        assertThat(kyverno.schema()).as("an empty schema.yaml is no schema").isEmpty();
        assertThat(PackReader.read(packs.resolve("piraeus-operator-2.9.0")).charts()).hasSize(4);
        assertThat(PackReader.read(packs.resolve("cks-kubebench-0.16.7")).values()).isEmpty();
        Pack hello = PackReader.read(packs.resolve("hello-universe-1.3.1"));
        assertThat(hello.manifests()).singleElement().satisfies(m -> {
            assertThat(m.name()).isEqualTo("manifests/hello-universe.yaml");
            assertThat(m.content()).as("listed but not published beside it").isEmpty();
        });
        PackSchema schema = PackSchema.parse("hello-universe/schema.yaml", hello.schema().orElseThrow());
        assertThat(schema.size()).isEqualTo(21);
        assertThat(schema.validate(hello.values(), "v")).as("the published defaults satisfy the published schema").isEmpty();
        Map<String, Object> bad = ValuesMerger.merge(hello.values(), Map.of("manifests", Map.of("hello-universe",
                Map.of("port", "eighty", "ui", Map.of("tolerations", Map.of("effect", "Sometimes"))))));
        assertThat(schema.validate(bad, "v")).extracting(Violation::toString).containsExactly(
                "v.manifests.hello-universe.port: must be a number (got 'eighty')",
                "v.manifests.hello-universe.ui.tolerations.effect: must be one of PreferNoSchedule, NoSchedule, NoExecute (got 'Sometimes')");
    }

    @Test
    void everyFixtureProfileReadsInItsShapeAndSurvivesWriteAndReadBack() throws Exception {
        Path profiles = Fixtures.shared("FixtureSweepTest.profiles").resolve("profiles");
        Map<String, ProfileFormat> formats = new TreeMap<>();
        try (Stream<Path> files = Files.list(profiles)) {
            for (Path f : files.sorted().toList()) {
                ProfileDocument doc = ProfileReader.read(f);
                formats.put(f.getFileName().toString(), doc.format());
                String written = ProfileWriter.write(doc);
                ProfileDocument again = ProfileReader.parse(f.getFileName().toString(), written);
                assertThat(again).as("read, write, read of " + f.getFileName()).isEqualTo(doc);
            }
        }
        System.out.println("  " + formats);
        assertThat(formats).containsExactlyInAnyOrderEntriesOf(Map.of(
                "cluster-template-profile-aws.json", ProfileFormat.PALETTE_JSON,
                "edge-apps-web-2.0.0.yaml", ProfileFormat.CHART_LIST_YAML,
                "ehl-dicom-addon-export.yaml", ProfileFormat.TERRAFORM_YAML,
                "ml-ops-addon-profile-import.json", ProfileFormat.PALETTE_JSON,
                "withcredentials-full-tf-vsphere.yaml", ProfileFormat.TERRAFORM_YAML,
                "withoutcreds-full-edge.yaml", ProfileFormat.TERRAFORM_YAML));

        ClusterProfile vsphere = ProfileReader.readProfile(profiles.resolve("withcredentials-full-tf-vsphere.yaml"));
        assertThat(vsphere.packs()).extracting(Pack::coordinates).containsExactly(
                "ubuntu-vsphere:18.04", "kubernetes:1.21.8", "cni-calico:3.19.0", "csi-vsphere-csi:2.3.0");
        assertThat(ProfileRules.validate(vsphere, false)).isEmpty();
        ClusterProfile edge = ProfileReader.readProfile(profiles.resolve("withoutcreds-full-edge.yaml"));
        assertThat(edge.osPack().orElseThrow().version()).as("unquoted 20.04, a float to YAML").isEqualTo("20.04");
        assertThat(edge.osPack().orElseThrow().valuesYaml()).as("values text kept verbatim").contains("# ");

        ClusterProfile aws = ProfileReader.readProfile(profiles.resolve("cluster-template-profile-aws.json"));
        assertThat(aws.cloudType()).isEqualTo("aws");
        assertThat(aws.variables()).containsExactly(Map.entry("app_replicas", "1"));
        assertThat(aws.packs()).extracting(Pack::registry).containsExactly(
                "Public Repo", "Public Repo", "Public Repo", "Public Repo", "Palette Community Registry");
        assertThat(aws.packs().get(4).annotations()).containsEntry(ProfileReader.PACK_TYPE, "oci");

        ClusterProfile dicom = ProfileReader.readProfile(profiles.resolve("ehl-dicom-addon-export.yaml"));
        assertThat(dicom.cloudType()).isEqualTo(Pack.ALL_CLOUDS);
        assertThat(ProfileRules.isAddOnProfile(dicom)).isTrue();
        assertThat(ProfileRules.validate(dicom, true)).isEmpty();
        assertThat(ProfileRules.validate(dicom, false)).extracting(Violation::message)
                .contains("missing an OS layer (os)", "missing a Kubernetes layer (k8s)", "missing a CNI layer (cni)");
        assertThat(dicom.packs()).hasSize(11).allSatisfy(p -> assertThat(p.registry()).isEqualTo("helm-blr-ees"));

        ProfileDocument web = ProfileReader.read(profiles.resolve("edge-apps-web-2.0.0.yaml"));
        ClusterProfile hipster = web.profile();
        assertThat(hipster.packs()).extracting(Pack::coordinates).containsExactly("hello-world:0.1.0", "mongodb:6.0.1", "hipster:0.2.0");
        assertThat(hipster.packs().get(1).valuesYaml()).as("Terraform placeholder kept").contains("replicaCount: ${mongoreplicas}");

        ClusterProfile mlops = ProfileReader.readProfile(profiles.resolve("ml-ops-addon-profile-import.json"));
        assertThat(mlops.name()).isEqualTo("ML Ops");
        assertThat(mlops.packs()).allSatisfy(p -> assertThat(p.layer()).isEqualTo(Layer.ADDON));
    }

    @Test
    void theAwsExportResolvesAgainstTheFixturePacksNamingWhatIsMissing() throws Exception {
        Path fixtures = Fixtures.shared("FixtureSweepTest.resolve");
        ClusterProfile aws = ProfileReader.readProfile(fixtures.resolve("profiles/cluster-template-profile-aws.json"));
        InMemoryPackRegistry registry = InMemoryPackRegistry.of("fixtures",
                java.util.List.of(PackReader.read(fixtures.resolve("packs/hello-universe-1.3.1"))));
        assertThatThrownBy(() -> new ProfileResolver(registry).resolve(aws)).isInstanceOf(ValidationException.class)
                .satisfies(e -> assertThat(((ValidationException) e).violations()).extracting(Violation::toString)
                        .contains("profile.packs[4]: hello-universe 1.3.0 not found; available: 1.3.1",
                                "profile.packs[0]: pack 'ubuntu-aws' not found in registry 'fixtures'; available packs: hello-universe"));
        ClusterProfile pinnedToWhatExists = aws.toBuilder().packs(java.util.List.of(
                aws.packs().get(4).toBuilder().version("1.3.x").build())).build();
        ResolvedProfile r = new ProfileResolver(registry).resolve(pinnedToWhatExists);
        Map<?, ?> app = (Map<?, ?>) ((Map<?, ?>) r.layers().get(0).values().get("manifests")).get("hello-universe");
        assertThat(app.get("replicas")).as("the profile variable's default, substituted").isEqualTo("1");
        assertThat(app.get("image")).isNull();
        assertThat(r.layers().get(0).pack().version()).isEqualTo("1.3.1");
    }
}
