package dev.palette.sdk.kubernetes;

import dev.palette.sdk.api.provider.ResourceTags;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.NodeConditionBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.TaintBuilder;
import java.time.Instant;
import java.util.Map;

/** Node and pod objects as a kubelet and controllers would register them. */
final class TestObjects {
    private TestObjects() {
    }

    /** A Ready node of a machine, kubelet v1.33.6, with a label and a taint another controller set. */
    static Node node(String name, String machine, Instant readySince) {
        return new NodeBuilder().withNewMetadata().withName(name)
                .withLabels(Map.of(ResourceTags.MACHINE, machine, "kubernetes.io/hostname", name)).endMetadata()
                .withNewSpec().addToTaints(taint("vendor.example/gpu", "present", "PreferNoSchedule")).endSpec()
                .withNewStatus()
                .addToConditions(new NodeConditionBuilder().withType("Ready").withStatus("True").withReason("KubeletReady")
                        .withMessage("kubelet is posting ready status").withLastTransitionTime(readySince.toString())
                        .withLastHeartbeatTime(readySince.toString()).build())
                .addToConditions(new NodeConditionBuilder().withType("DiskPressure").withStatus("False")
                        .withLastTransitionTime(readySince.minusSeconds(60).toString()).build())
                .withNewNodeInfo().withKubeletVersion("v1.33.6").endNodeInfo()
                .endStatus().build();
    }

    static Taint taint(String key, String value, String effect) {
        return new TaintBuilder().withKey(key).withValue(value).withEffect(effect).build();
    }

    /** A pod of a ReplicaSet, bound to a node. */
    static Pod pod(String namespace, String name, String node) {
        return new PodBuilder().withNewMetadata().withName(name).withNamespace(namespace)
                .addNewOwnerReference().withApiVersion("apps/v1").withKind("ReplicaSet").withName(name + "-rs")
                .withUid("uid-" + name).withController(true).endOwnerReference().endMetadata()
                .withNewSpec().withNodeName(node).addNewContainer().withName("app").withImage("nginx").endContainer().endSpec()
                .build();
    }

    /** A pod of a DaemonSet, bound to a node. */
    static Pod daemonSetPod(String namespace, String name, String node) {
        Pod p = pod(namespace, name, node);
        p.getMetadata().getOwnerReferences().get(0).setKind("DaemonSet");
        return p;
    }

    /** The API mirror of a kubelet's static pod. */
    static Pod mirrorPod(String namespace, String name, String node) {
        Pod p = pod(namespace, name, node);
        p.getMetadata().setOwnerReferences(java.util.List.of());
        p.getMetadata().setAnnotations(Map.of("kubernetes.io/config.mirror", "3f2a"));
        return p;
    }
}
