package dev.palette.sdk.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.palette.sdk.api.workload.PodLog;
import dev.palette.sdk.api.workload.WorkloadCluster;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What a support bundle reads through the real client: container logs, and the objects with Secrets by name only. */
class Fabric8SupportDataTest {
    private static final String PLANTED = "c3VwZXItc2VjcmV0LXBhc3N3b3Jk";
    @RegisterExtension
    final ConnectedCluster connected = new ConnectedCluster();
    private final MockApiServer api = connected.api;
    private final WorkloadCluster cluster = connected.cluster;

    @Test
    void everyContainersLogIsReadAndOneThatFailsIsListedWithWhy() {
        api.client().resource(new PodBuilder().withNewMetadata().withName("etcd-cp-0").withNamespace("kube-system").endMetadata()
                .withNewSpec().addNewContainer().withName("etcd").withImage("etcd").endContainer()
                .addNewContainer().withName("backup").withImage("busybox").endContainer().endSpec().build()).create();
        api.server().expect().get().withPath("/api/v1/namespaces/kube-system/pods/etcd-cp-0/log?pretty=false&container=etcd&sinceSeconds=3600")
                .andReturn(200, "etcd serving on :2379\n").always();
        api.server().expect().get().withPath("/api/v1/namespaces/kube-system/pods/etcd-cp-0/log?pretty=false&container=backup&sinceSeconds=3600")
                .andReturn(400, "{\"kind\":\"Status\",\"status\":\"Failure\",\"code\":400,\"message\":\"container \\\"backup\\\" in pod "
                        + "\\\"etcd-cp-0\\\" is waiting to start: ContainerCreating\"}").always();

        List<PodLog> logs = cluster.podLogs("kube-system", Duration.ofHours(1)).toCompletableFuture().join();

        assertThat(logs).extracting(PodLog::container).containsExactly("etcd", "backup");
        assertThat(logs.get(0).text()).isEqualTo("etcd serving on :2379\n");
        assertThat(logs.get(1).error()).contains("is waiting to start: ContainerCreating");
    }

    @Test
    void theDescriptionListsSecretsByNameOnly() {
        api.client().resource(new SecretBuilder().withNewMetadata().withName("db").withNamespace("shop").endMetadata()
                .withType("Opaque").addToData("password", PLANTED).build()).create();
        api.client().resource(new ConfigMapBuilder().withNewMetadata().withName("settings").withNamespace("shop").endMetadata()
                .addToData("mode", "production").build()).create();

        String yaml = cluster.describeObjects().toCompletableFuture().join();

        assertThat(yaml).contains("# Secrets").contains("name: \"db\"").contains("type: \"Opaque\"").doesNotContain(PLANTED)
                .doesNotContain("password");
        assertThat(yaml).contains("# ConfigMaps").contains("mode: \"production\"").contains("# Nodes").contains("# Events");
    }
}
