package dev.palette.sdk.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.palette.sdk.api.error.AddonException;
import dev.palette.sdk.api.model.Layer;
import dev.palette.sdk.api.model.Manifest;
import dev.palette.sdk.api.workload.AddonRelease;
import dev.palette.sdk.api.workload.WorkloadCluster;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import java.util.List;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Add-on packs through the real client and HTTP: server-side apply, labels, the release record, upgrade and removal. */
class Fabric8AddonsTest {
    private static final String ACCOUNT = """
            apiVersion: v1
            kind: ServiceAccount
            metadata:
              name: calico-node
              namespace: kube-system
            """;
    private static final String CONFIG = """
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: calico-config
              namespace: kube-system
              labels:
                app: calico
            data:
              veth_mtu: "%s"
            """;
    private static final String LEGACY = """
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: calico-legacy
              namespace: kube-system
            """;
    private static final String V1 = ACCOUNT + "---\n" + CONFIG.formatted("1440") + "---\n" + LEGACY;

    @RegisterExtension
    final ConnectedCluster connected = new ConnectedCluster();
    private final MockApiServer api = connected.api;
    private final WorkloadCluster cluster = connected.cluster;

    private static AddonRelease calico(String version, String yaml) {
        return new AddonRelease("cni-calico", version, Layer.CNI, List.of(new Manifest("calico.yaml", yaml)));
    }

    private ConfigMap configMap(String name) {
        return api.client().configMaps().inNamespace("kube-system").withName(name).get();
    }

    @Test
    void aPackIsAppliedLabelledAndRecordedThenUpgradedAndRemoved() {
        AddonRelease v1 = calico("3.31.2", V1);
        cluster.applyAddon(v1).toCompletableFuture().join();

        ConfigMap config = configMap("calico-config");
        assertThat(config.getData()).containsEntry("veth_mtu", "1440");
        assertThat(config.getMetadata().getLabels()).containsEntry("app", "calico")
                .containsEntry("palette.dev/pack", "cni-calico").containsEntry("palette.dev/pack-version", "3.31.2");
        ServiceAccount sa = api.client().serviceAccounts().inNamespace("kube-system").withName("calico-node").get();
        assertThat(sa.getMetadata().getLabels()).containsEntry("palette.dev/pack", "cni-calico");
        assertThat(api.requests()).anyMatch(r -> r.startsWith("PATCH /api/v1/namespaces/kube-system/configmaps/calico-config?")
                && r.contains("fieldManager=palette") && r.contains("force=true"));
        assertThat(cluster.addons().toCompletableFuture().join()).containsExactly(java.util.Map.entry("cni-calico", v1.digest()));

        // 3.31.3 drops the legacy ConfigMap and changes the MTU: applied in place, and the dropped object deleted.
        AddonRelease v2 = calico("3.31.3", ACCOUNT + "---\n" + CONFIG.formatted("1450"));
        cluster.applyAddon(v2).toCompletableFuture().join();
        assertThat(configMap("calico-config").getData()).containsEntry("veth_mtu", "1450");
        assertThat(configMap("calico-config").getMetadata().getLabels()).containsEntry("palette.dev/pack-version", "3.31.3");
        assertThat(configMap("calico-legacy")).as("what the new release no longer has is deleted").isNull();
        assertThat(cluster.addons().toCompletableFuture().join()).containsEntry("cni-calico", v2.digest());

        cluster.removeAddon("cni-calico").toCompletableFuture().join();
        assertThat(configMap("calico-config")).isNull();
        assertThat(api.client().serviceAccounts().inNamespace("kube-system").withName("calico-node").get()).isNull();
        assertThat(cluster.addons().toCompletableFuture().join()).isEmpty();
        cluster.removeAddon("cni-calico").toCompletableFuture().join(); // a pack already gone: nothing to do
    }

    @Test
    void anObjectTheApiServerRefusesIsNamedWithItsMessage() {
        api.refuseApply("/api/v1/namespaces/kube-system/configmaps/calico-config",
                "admission webhook \"validate.kyverno.svc\" denied the request: label team is required");
        assertThatThrownBy(() -> cluster.applyAddon(calico("3.31.2", V1)).toCompletableFuture().join())
                .isInstanceOf(CompletionException.class).cause().isInstanceOfSatisfying(AddonException.class, e -> {
                    assertThat(e.pack()).isEqualTo("cni-calico");
                    assertThat(e.object()).isEqualTo("ConfigMap kube-system/calico-config");
                    assertThat(e.detail()).contains("denied the request: label team is required");
                    assertThat(e.retryable()).as("a refusal needs a fix, not a retry").isFalse();
                });
        assertThat(cluster.addons().toCompletableFuture().join()).as("a failed release is not recorded").isEmpty();
    }

    @Test
    void aManifestThatIsNotYamlIsRefusedBeforeAnythingIsApplied() {
        assertThatThrownBy(() -> cluster.applyAddon(calico("3.31.2", "kind: [unclosed")).toCompletableFuture().join())
                .cause().isInstanceOfSatisfying(AddonException.class, e -> assertThat(e.getMessage())
                        .startsWith("cni-calico: manifest calico.yaml cannot be read"));
        assertThat(api.requests()).noneMatch(r -> r.startsWith("PATCH"));
    }
}
