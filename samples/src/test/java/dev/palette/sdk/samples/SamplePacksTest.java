package dev.palette.sdk.samples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.palette.sdk.api.model.ClusterProfile;
import dev.palette.sdk.api.model.ImageReference;
import dev.palette.sdk.api.model.Layer;
import dev.palette.sdk.api.model.Pack;
import dev.palette.sdk.api.registry.PackRegistry;
import dev.palette.sdk.core.pack.PackSignature;
import dev.palette.sdk.core.pack.ProfileFormat;
import dev.palette.sdk.core.pack.ProfileReader;
import dev.palette.sdk.core.pack.ProfileResolver;
import dev.palette.sdk.core.pack.ProfileRules;
import dev.palette.sdk.core.pack.ResolvedProfile;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SamplePacksTest {
    @Test
    void theRegistryHoldsTheFourSamplePacks() {
        PackRegistry r = SamplePacks.registry();
        assertThat(r.name()).isEqualTo("samples");
        assertThat(r.packNames()).containsExactly("cni-calico", "csi-sim", "kubernetes", "ubuntu-sim");
        Pack os = r.get("ubuntu-sim", "22.04").orElseThrow();
        assertThat(os.cloudTypes()).containsExactly("sim", "aws", "azure", "vsphere");
        assertThat(os.skipK8sInstall()).isTrue();
        assertThat(os.images()).extracting(ImageReference::cloud).containsExactly("sim", "aws", "azure", "vsphere");
        assertThat(os.imageFor("sim", "sim-east-1").orElseThrow().id()).isEqualTo("ubuntu-sim-22.04");
        assertThat(os.imageFor("aws", "us-east-1").orElseThrow().attributes()).containsKey("owner");
        assertThat(os.imageFor("azure", "westeurope").orElseThrow().attributes()).containsEntry("publisher", "Canonical");
        assertThat(os.imageFor("vsphere", "").orElseThrow().id()).endsWith(".ova");
        assertThat(PackSignature.of(os, "1.33.6")).hasSize(64);
        assertThat(r.get("csi-sim", "1.0.0").orElseThrow().manifests().get(0).content()).contains("kind: StorageClass");
        assertThat(r.get("cni-calico", "3.31.2").orElseThrow().manifests().get(0).content()).contains("name: calico-sample-settings");
        assertThat(r.get("kubernetes", "1.33.6").orElseThrow().schema()).isPresent();
    }

    @Test
    void theQuickstartProfileStacksFourLayersWithCisHardenedKubernetes() {
        ClusterProfile p = SamplePacks.quickstartProfile();
        assertThat(p.name()).isEqualTo("quickstart-sim");
        assertThat(p.cloudType()).isEqualTo("sim");
        assertThat(p.packs()).extracting(Pack::layer).containsExactly(Layer.OS, Layer.KUBERNETES, Layer.CNI, Layer.CSI);
        assertThat(p.packs()).extracting(Pack::coordinates)
                .containsExactly("ubuntu-sim:22.04", "kubernetes:1.33.6", "cni-calico:3.31.2", "csi-sim:1.0.0");
        assertThat(ProfileRules.validate(p, false)).isEmpty();
        assertThat(p.packValues()).containsOnlyKeys("kubernetes", "csi-sim");

        ResolvedProfile r = ProfileResolver.withoutRegistry().resolve(p);
        @SuppressWarnings("unchecked")
        Map<String, Object> apiServer = (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) r
                .layer(Layer.KUBERNETES).orElseThrow().values().get("kubeadmconfig")).get("apiServer")).get("extraArgs");
        assertThat(apiServer).containsEntry("anonymous-auth", "false").containsEntry("profiling", "false")
                .containsEntry("audit-policy-file", "/etc/kubernetes/audit-policy.yaml");
        assertThat(r.layer(Layer.KUBERNETES).orElseThrow().valuesYaml()).contains("kind: Policy").contains("protect-kernel-defaults");
    }

    @Test
    void theProfileFileIsATerraformExportThatSurvivesAWrite() {
        var doc = ProfileReader.parse("quickstart-sim.yaml", SamplePacks.quickstartProfileText());
        assertThat(doc.format()).isEqualTo(ProfileFormat.TERRAFORM_YAML);
        assertThat(ProfileReader.parse("q.yaml", dev.palette.sdk.core.pack.ProfileWriter.write(doc))).isEqualTo(doc);
    }
}
