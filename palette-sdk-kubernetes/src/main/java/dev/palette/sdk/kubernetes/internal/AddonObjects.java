package dev.palette.sdk.kubernetes.internal;

import dev.palette.sdk.api.error.AddonException;
import dev.palette.sdk.api.model.Manifest;
import dev.palette.sdk.api.workload.AddonRelease;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A pack's objects in a cluster, on the fabric8 client: applied with server-side apply under the field
 * manager {@code palette} (conflicts forced: the pack owns what it sets), each labelled with the pack and
 * its version; and a record of the release in a ConfigMap {@code palette-addon-<pack>} in
 * {@code kube-system} — its digest and the objects it made — so that an upgrade deletes what the new
 * release no longer has and a removal deletes exactly the pack's objects, even from another engine.
 * Blocking: called on the access's pool.
 */
final class AddonObjects {
    static final String NAMESPACE = "kube-system";
    static final String PACK_LABEL = "palette.dev/pack";
    static final String VERSION_LABEL = "palette.dev/pack-version";
    static final String RECORD_LABEL = "palette.dev/addon-record";
    static final String FIELD_MANAGER = "palette";
    private static final String DIGEST = "digest";
    private static final String VERSION = "version";
    private static final String OBJECTS = "objects";

    private AddonObjects() {
    }

    /** Pack name to the digest of its recorded release. */
    static Map<String, String> recorded(KubernetesClient c) {
        Map<String, String> out = new LinkedHashMap<>();
        for (ConfigMap cm : c.configMaps().inNamespace(NAMESPACE).withLabel(RECORD_LABEL).list().getItems()) {
            String pack = cm.getMetadata().getLabels().get(RECORD_LABEL);
            if (pack != null && cm.getData() != null && cm.getData().get(DIGEST) != null) {
                out.put(pack, cm.getData().get(DIGEST));
            }
        }
        return out;
    }

    static void apply(KubernetesClient c, AddonRelease r) {
        List<HasMetadata> objects = parse(c, r);
        Set<String> applied = new LinkedHashSet<>();
        for (HasMetadata o : objects) {
            Map<String, String> labels = new LinkedHashMap<>(o.getMetadata().getLabels() == null ? Map.of() : o.getMetadata().getLabels());
            labels.put(PACK_LABEL, labelValue(r.pack()));
            labels.put(VERSION_LABEL, labelValue(r.version()));
            o.getMetadata().setLabels(labels);
            try {
                HasMetadata out = c.resource(o).fieldManager(FIELD_MANAGER).forceConflicts().serverSideApply();
                applied.add(reference(out == null ? o : out, o));
            } catch (RuntimeException e) {
                int code = KubernetesErrors.httpStatus(e);
                boolean retryable = code < 0 || code >= 500 || code == 429 || code == 409;
                throw new AddonException(r.pack(), describe(o), KubernetesErrors.serverMessage(e), retryable, e);
            }
        }
        List<String> previous = objectsOf(record(c, r.pack()));
        for (String ref : previous) {
            if (!applied.contains(ref)) {
                delete(c, r.pack(), ref);
            }
        }
        ConfigMap record = new ConfigMapBuilder().withNewMetadata().withName(recordName(r.pack())).withNamespace(NAMESPACE)
                .addToLabels(RECORD_LABEL, labelValue(r.pack())).endMetadata()
                .addToData(DIGEST, r.digest()).addToData(VERSION, r.version()).addToData(OBJECTS, String.join("\n", applied))
                .build();
        c.resource(record).fieldManager(FIELD_MANAGER).forceConflicts().serverSideApply();
    }

    static void remove(KubernetesClient c, String pack) {
        ConfigMap record = record(c, pack);
        if (record == null) {
            return;
        }
        List<String> objects = new ArrayList<>(objectsOf(record));
        java.util.Collections.reverse(objects); // the reverse of the order they were made in: dependants first
        for (String ref : objects) {
            delete(c, pack, ref);
        }
        c.configMaps().inNamespace(NAMESPACE).withName(recordName(pack)).delete();
    }

    private static List<HasMetadata> parse(KubernetesClient c, AddonRelease r) {
        List<HasMetadata> out = new ArrayList<>();
        for (Manifest m : r.manifests()) {
            try {
                out.addAll(c.load(new ByteArrayInputStream(m.content().getBytes(StandardCharsets.UTF_8))).items());
            } catch (RuntimeException e) {
                throw new AddonException(r.pack(), "", "manifest " + m.name() + " cannot be read: " + e.getMessage(), false, e);
            }
        }
        out.removeIf(o -> o == null || o.getMetadata() == null);
        return out;
    }

    private static ConfigMap record(KubernetesClient c, String pack) {
        return c.configMaps().inNamespace(NAMESPACE).withName(recordName(pack)).get();
    }

    private static List<String> objectsOf(ConfigMap record) {
        if (record == null || record.getData() == null || record.getData().get(OBJECTS) == null
                || record.getData().get(OBJECTS).isBlank()) {
            return List.of();
        }
        return List.of(record.getData().get(OBJECTS).split("\n"));
    }

    /** {@code apiVersion|kind|namespace|name}: enough to find the object again. */
    private static String reference(HasMetadata applied, HasMetadata sent) {
        String ns = applied.getMetadata().getNamespace() != null ? applied.getMetadata().getNamespace()
                : sent.getMetadata().getNamespace() == null ? "" : sent.getMetadata().getNamespace();
        return sent.getApiVersion() + "|" + sent.getKind() + "|" + ns + "|" + sent.getMetadata().getName();
    }

    private static void delete(KubernetesClient c, String pack, String ref) {
        String[] p = ref.split("\\|", -1);
        if (p.length != 4) {
            return; // not written by this class: leave it
        }
        String yaml = "apiVersion: " + p[0] + "\nkind: " + p[1] + "\nmetadata:\n  name: " + p[3] + "\n"
                + (p[2].isEmpty() ? "" : "  namespace: " + p[2] + "\n");
        HasMetadata o = c.getKubernetesSerialization().unmarshal(yaml);
        try {
            c.resource(o).delete();
        } catch (RuntimeException e) {
            if (!KubernetesErrors.isNotFound(e)) {
                throw new AddonException(pack, p[1] + " " + (p[2].isEmpty() ? "" : p[2] + "/") + p[3],
                        "cannot delete: " + KubernetesErrors.serverMessage(e), true, e);
            }
        }
    }

    private static String describe(HasMetadata o) {
        String ns = o.getMetadata().getNamespace();
        return o.getKind() + " " + (ns == null || ns.isEmpty() ? "" : ns + "/") + o.getMetadata().getName();
    }

    /** A ConfigMap name from a pack name: lower case, characters outside {@code [a-z0-9.-]} as '-'. */
    static String recordName(String pack) {
        String n = "palette-addon-" + pack.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9.-]", "-");
        return n.length() > 253 ? n.substring(0, 253) : n;
    }

    /** A label value: at most 63 characters of {@code [A-Za-z0-9_.-]}, starting and ending alphanumeric. */
    static String labelValue(String v) {
        String s = v.replaceAll("[^A-Za-z0-9_.-]", "-");
        s = s.length() > 63 ? s.substring(0, 63) : s;
        return s.replaceAll("^[^A-Za-z0-9]+", "").replaceAll("[^A-Za-z0-9]+$", "");
    }
}
