package dev.palette.sdk.samples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.palette.sdk.api.model.ClusterProfile;
import dev.palette.sdk.api.model.Layer;
import dev.palette.sdk.api.model.Pack;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SamplePacksTest {
    @Test
    void theQuickstartProfileStacksFourLayersFromThePackFiles() {
        ClusterProfile p = SamplePacks.quickstartProfile();
        assertThat(p.name()).isEqualTo("quickstart-sim");
        assertThat(p.cloudType()).isEqualTo("sim");
        assertThat(p.packs()).extracting(Pack::layer).containsExactly(Layer.OS, Layer.KUBERNETES, Layer.CNI, Layer.CSI);
        assertThat(p.packs()).extracting(Pack::coordinates)
                .containsExactly("ubuntu-sim:22.04", "kubernetes:1.33.6", "cni-calico:3.31.2", "csi-sim:1.0.0");
        Pack os = p.osPack().orElseThrow();
        assertThat(os.skipK8sInstall()).isTrue();
        assertThat(os.imageFor("sim", "sim-east-1").orElseThrow().id()).isEqualTo("ubuntu-sim-22.04");
        Pack k8s = p.kubernetesPack().orElseThrow();
        @SuppressWarnings("unchecked")
        Map<String, Object> apiServer = (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) k8s.values()
                .get("kubeadmconfig")).get("apiServer")).get("extraArgs");
        assertThat(apiServer).containsEntry("anonymous-auth", "false").containsEntry("profiling", "false");
        assertThat(p.pack(Layer.CSI).orElseThrow().manifests().get(0).content()).contains("kind: StorageClass");
        assertThat(p.pack(Layer.CNI).orElseThrow().charts().get(0).name()).isEqualTo("tigera-operator");
        assertThat(p.packValues()).containsKey("kubernetes");
    }
}
