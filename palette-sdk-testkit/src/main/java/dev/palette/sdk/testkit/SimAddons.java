package dev.palette.sdk.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.palette.sdk.api.error.AddonException;
import dev.palette.sdk.api.model.Manifest;
import dev.palette.sdk.api.workload.AddonRelease;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The add-on objects of a {@link SimCloud}'s workload clusters: what each pack applied (its objects, by
 * {@code Kind namespace/name}, and its release digest), kept with the cloud so that it outlives an engine,
 * as a real cluster's objects do; and failures a test arranges, as an API server refusing an object.
 * Thread-safe.
 */
public final class SimAddons {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private record Applied(String digest, String version, List<String> objects) {
    }

    private final Map<String, Map<String, Applied>> byCluster = new LinkedHashMap<>();
    private final Map<String, String> failures = new LinkedHashMap<>();
    private final Map<String, Integer> applies = new LinkedHashMap<>();
    private final Map<String, String> readFailures = new LinkedHashMap<>();

    SimAddons() {
    }

    /**
     * Makes every later apply of a pack to a cluster fail, as the API server refusing its first object.
     *
     * @param clusterId the cluster
     * @param pack the pack
     * @param message the API server's message
     */
    public synchronized void failApply(String clusterId, String pack, String message) {
        failures.put(clusterId + "/" + pack, message);
    }

    /**
     * Makes reading a cluster's add-on records fail (as an API server refusing the list), or read again.
     *
     * @param clusterId the cluster
     * @param message the API server's message, or {@code null} to read again
     */
    public synchronized void failReads(String clusterId, String message) {
        if (message == null) {
            readFailures.remove(clusterId);
        } else {
            readFailures.put(clusterId, message);
        }
    }

    /**
     * Lets a pack apply again.
     *
     * @param clusterId the cluster
     * @param pack the pack
     */
    public synchronized void clearFailure(String clusterId, String pack) {
        failures.remove(clusterId + "/" + pack);
    }

    /**
     * The objects in a cluster, by pack, each as {@code Kind namespace/name}, in pack name order.
     *
     * @param clusterId the cluster
     * @return the objects
     */
    public synchronized Map<String, List<String>> objects(String clusterId) {
        Map<String, List<String>> out = new TreeMap<>();
        byCluster.getOrDefault(clusterId, Map.of()).forEach((p, a) -> out.put(p, a.objects()));
        return out;
    }

    /**
     * The version of each pack applied to a cluster.
     *
     * @param clusterId the cluster
     * @return pack name to version
     */
    public synchronized Map<String, String> versions(String clusterId) {
        Map<String, String> out = new TreeMap<>();
        byCluster.getOrDefault(clusterId, Map.of()).forEach((p, a) -> out.put(p, a.version()));
        return out;
    }

    /**
     * How many times packs were applied to a cluster, successfully or not.
     *
     * @param clusterId the cluster
     * @return the count
     */
    public synchronized int applies(String clusterId) {
        return applies.getOrDefault(clusterId, 0);
    }

    synchronized Map<String, String> digests(String clusterId) {
        String failure = readFailures.get(clusterId);
        if (failure != null) {
            throw new dev.palette.sdk.api.error.PaletteException(failure, true);
        }
        Map<String, String> out = new LinkedHashMap<>();
        byCluster.getOrDefault(clusterId, Map.of()).forEach((p, a) -> out.put(p, a.digest()));
        return out;
    }

    synchronized void apply(String clusterId, AddonRelease release) {
        applies.merge(clusterId, 1, Integer::sum);
        List<String> objects = objectsOf(release);
        String failure = failures.get(clusterId + "/" + release.pack());
        if (failure != null) {
            throw new AddonException(release.pack(), objects.isEmpty() ? "" : objects.get(0), failure, true, null);
        }
        // The new release's objects replace the old one's; what it no longer has is gone.
        byCluster.computeIfAbsent(clusterId, k -> new LinkedHashMap<>()).put(release.pack(),
                new Applied(release.digest(), release.version(), objects));
    }

    synchronized void remove(String clusterId, String pack) {
        Map<String, Applied> packs = byCluster.get(clusterId);
        if (packs != null) {
            packs.remove(pack);
        }
    }

    synchronized void forget(String clusterId) {
        byCluster.remove(clusterId);
    }

    private static List<String> objectsOf(AddonRelease release) {
        List<String> out = new ArrayList<>();
        for (Manifest m : release.manifests()) {
            try (MappingIterator<JsonNode> docs = YAML.readerFor(JsonNode.class).readValues(m.content())) {
                while (docs.hasNext()) {
                    JsonNode d = docs.next();
                    if (d == null || d.isNull() || d.isMissingNode() || !d.has("kind")) {
                        continue;
                    }
                    String ns = d.path("metadata").path("namespace").asText("");
                    out.add(d.get("kind").asText() + " " + (ns.isEmpty() ? "" : ns + "/") + d.path("metadata").path("name").asText());
                }
            } catch (IOException e) {
                throw new AddonException(release.pack(), "", "manifest " + m.name() + " is not valid YAML: " + e.getMessage(),
                        false, e);
            }
        }
        return out;
    }
}
