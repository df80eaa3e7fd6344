package dev.palette.sdk.provider.azure.internal;

import dev.palette.sdk.api.provider.ProviderContext;
import dev.palette.sdk.api.provider.ResourceTags;
import dev.palette.sdk.provider.azure.AzureCloudConfig;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Tags, the provider's memory: every resource carries the cluster id (machines their name, pool and role),
 * and everything is found again by them. Azure forbids {@code / < > % & \ ?} in tag names, so the SDK's
 * {@code palette.dev/...} keys are written as {@code palette.dev_...} and read back under their own names.
 */
public final class Tags {
    /** The prefix of the SDK's keys ({@link ResourceTags}). */
    static final String SDK_PREFIX = "palette.dev/";
    /** How the prefix is written on Azure. */
    static final String AZURE_PREFIX = "palette.dev_";
    /** The {@link ResourceTags#ROLE} of image builder machines. */
    public static final String IMAGE_BUILDER = "image-builder";
    /** The {@link ResourceTags#ROLE} of the API load balancer and its public IP. */
    public static final String LOAD_BALANCER = "load-balancer";
    /** The VHD (blob URL) a managed image was made from. */
    public static final String SOURCE_IMAGE = "palette.dev/source-image";
    /** The root disk size of a machine as asked for (Azure may round it up). */
    public static final String DISK_GIB = "palette.dev/disk-gib";
    /** Azure allows 50 tags per resource. */
    static final int MAX_TAGS = 50;

    private Tags() {
    }

    /**
     * The tags every resource of a cluster gets: the user's config tags, then the engine's (cluster id,
     * managed-by, the cluster's labels), then the given extras; in Azure's form.
     *
     * @param ctx the cluster
     * @param cfg its Azure settings
     * @param extra further tags in the SDK's form, may be empty
     * @return the tags as Azure stores them
     */
    public static Map<String, String> of(ProviderContext ctx, AzureCloudConfig cfg, Map<String, String> extra) {
        Map<String, String> t = new LinkedHashMap<>(cfg.tags());
        t.putAll(ctx.tags());
        t.put(ResourceTags.CLUSTER_ID, ctx.clusterId());
        t.putAll(extra);
        return toAzure(t);
    }

    /**
     * The SDK's tag names in the characters Azure accepts; later entries win over earlier ones that map to
     * the same name, and at most {@value #MAX_TAGS} are kept (the SDK's own first).
     *
     * @param tags tags in the SDK's form
     * @return tags as Azure stores them
     */
    public static Map<String, String> toAzure(Map<String, String> tags) {
        Map<String, String> sdk = new LinkedHashMap<>();
        Map<String, String> other = new LinkedHashMap<>();
        tags.forEach((k, v) -> (k.startsWith(SDK_PREFIX) ? sdk : other).put(azureKey(k), v == null ? "" : truncate(v, 256)));
        Map<String, String> out = new LinkedHashMap<>(sdk);
        other.forEach((k, v) -> {
            if (out.size() < MAX_TAGS) {
                out.putIfAbsent(k, v);
            }
        });
        return out;
    }

    /**
     * Reads Azure tags back into the SDK's names.
     *
     * @param tags the tags as Azure returns them, may be {@code null}
     * @return the tags with {@code palette.dev/} keys
     */
    public static Map<String, String> fromAzure(Map<String, String> tags) {
        Map<String, String> out = new LinkedHashMap<>();
        if (tags != null) {
            tags.forEach((k, v) -> out.put(k.startsWith(AZURE_PREFIX) ? SDK_PREFIX + k.substring(AZURE_PREFIX.length()) : k,
                    v == null ? "" : v));
        }
        return out;
    }

    /**
     * Whether a resource's Azure tags carry a cluster's id.
     *
     * @param azureTags the tags as Azure returns them, may be {@code null}
     * @param clusterId the cluster
     * @return {@code true} if the resource is the cluster's
     */
    public static boolean ofCluster(Map<String, String> azureTags, String clusterId) {
        return clusterId.equals(fromAzure(azureTags).get(ResourceTags.CLUSTER_ID));
    }

    /**
     * One tag of a resource, by its SDK name.
     *
     * @param azureTags the tags as Azure returns them, may be {@code null}
     * @param key the SDK's name of the tag
     * @return the value, or {@code ""}
     */
    public static String get(Map<String, String> azureTags, String key) {
        return fromAzure(azureTags).getOrDefault(key, "");
    }

    static String azureKey(String key) {
        String k = key.startsWith(SDK_PREFIX) ? AZURE_PREFIX + key.substring(SDK_PREFIX.length()) : key;
        return truncate(k.replaceAll("[<>%&\\\\?/]", "_"), 512);
    }

    private static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }
}
