package dev.palette.sdk.kubernetes.internal;

import dev.palette.sdk.api.workload.PodLog;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;

/**
 * What a support bundle reads from a cluster's API: every container's log in a namespace, and a YAML
 * description of its objects in which Secrets appear by name and type only. Blocking: called on the
 * access's pool. One object kind that cannot be listed is noted in the description, not fatal.
 */
final class SupportData {
    private SupportData() {
    }

    static List<PodLog> logs(KubernetesClient c, String namespace, Duration since) {
        List<PodLog> out = new ArrayList<>();
        List<Pod> pods = new ArrayList<>(c.pods().inNamespace(namespace).list().getItems());
        pods.sort(Comparator.comparing(p -> p.getMetadata().getName()));
        for (Pod p : pods) {
            List<Container> containers = p.getSpec() == null ? List.of() : p.getSpec().getContainers();
            for (Container k : containers) {
                String name = p.getMetadata().getName();
                try {
                    var log = c.pods().inNamespace(namespace).withName(name).inContainer(k.getName());
                    String text = since == null ? log.getLog() : log.sinceSeconds((int) Math.min(Integer.MAX_VALUE, since.toSeconds())).getLog();
                    out.add(new PodLog(namespace, name, k.getName(), text, ""));
                } catch (RuntimeException e) {
                    out.add(new PodLog(namespace, name, k.getName(), "", KubernetesErrors.serverMessage(e)));
                }
            }
        }
        return out;
    }

    static String describe(KubernetesClient c) {
        StringBuilder yaml = new StringBuilder();
        section(yaml, c, "CustomResourceDefinitions", () -> c.apiextensions().v1().customResourceDefinitions().list().getItems());
        section(yaml, c, "Nodes", () -> c.nodes().list().getItems());
        section(yaml, c, "Deployments", () -> c.apps().deployments().inAnyNamespace().list().getItems());
        section(yaml, c, "Pods", () -> c.pods().inAnyNamespace().list().getItems());
        section(yaml, c, "ConfigMaps", () -> c.configMaps().inAnyNamespace().list().getItems());
        section(yaml, c, "Events", () -> c.v1().events().inAnyNamespace().list().getItems());
        // Secrets by name and type only: their data never leaves the cluster.
        section(yaml, c, "Secrets", () -> c.secrets().inAnyNamespace().list().getItems().stream().map(SupportData::nameOnly).toList());
        return yaml.toString();
    }

    private static HasMetadata nameOnly(Secret s) {
        GenericKubernetesResource r = new GenericKubernetesResource();
        r.setApiVersion("v1");
        r.setKind("Secret");
        r.setMetadata(new ObjectMetaBuilder().withName(s.getMetadata().getName()).withNamespace(s.getMetadata().getNamespace()).build());
        r.setAdditionalProperty("type", s.getType());
        return r;
    }

    private static void section(StringBuilder yaml, KubernetesClient c, String what, Supplier<List<? extends HasMetadata>> list) {
        yaml.append("# ").append(what).append('\n');
        try {
            for (HasMetadata o : list.get()) {
                if (o.getMetadata() != null) {
                    o.getMetadata().setManagedFields(null); // noise, and large
                }
                String doc = c.getKubernetesSerialization().asYaml(o);
                yaml.append(doc.startsWith("---") ? doc : "---\n" + doc);
                if (!doc.endsWith("\n")) {
                    yaml.append('\n');
                }
            }
        } catch (RuntimeException e) {
            yaml.append("# ").append(what).append(" could not be listed: ").append(KubernetesErrors.serverMessage(e)).append('\n');
        }
    }
}
