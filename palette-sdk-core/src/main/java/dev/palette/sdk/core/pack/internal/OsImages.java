package dev.palette.sdk.core.pack.internal;

import dev.palette.sdk.api.model.ImageReference;
import dev.palette.sdk.api.model.Pack;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The VM image references of an OS pack, from its annotations, as custom OS packs publish them:
 * <ul>
 *   <li>AWS: {@code imageId} (an AMI) with {@code cloudRegion} and {@code imageOwner};</li>
 *   <li>Azure: {@code imagePublisher}, {@code imageOffer}, {@code imageSKU} (and {@code imageVersion}), or
 *       a {@code vhdUrl};</li>
 *   <li>vSphere: an OVA URL in {@code ovaUrl}, {@code imageUrl}, or an {@code imageId} ending in
 *       {@code .ova};</li>
 *   <li>any other cloud (e.g. {@code sim}): {@code imageId} with {@code cloudRegion}.</li>
 * </ul>
 * A published custom OS pack targets one cloud and uses the plain keys. A pack for several clouds
 * prefixes them with the cloud type ({@code aws.imageId}, {@code azure.imagePublisher},
 * {@code vsphere.ovaUrl}, {@code sim.imageId}); a prefixed key wins over the plain one for its cloud.
 */
public final class OsImages {
    private OsImages() {
    }

    /**
     * The image references of an OS pack.
     *
     * @param annotations the pack's annotations
     * @param cloudTypes the pack's cloud types
     * @return one reference per cloud that has one, in cloud-type order
     */
    public static List<ImageReference> of(Map<String, String> annotations, List<String> cloudTypes) {
        Set<String> clouds = new LinkedHashSet<>();
        boolean all = cloudTypes.isEmpty();
        for (String c : cloudTypes) {
            String lc = c.toLowerCase(Locale.ROOT);
            if (lc.equals(Pack.ALL_CLOUDS)) {
                all = true;
            } else {
                clouds.add(lc);
            }
        }
        for (String key : annotations.keySet()) {
            int dot = key.indexOf('.');
            if (dot > 0 && isImageKey(key.substring(dot + 1))) {
                clouds.add(key.substring(0, dot).toLowerCase(Locale.ROOT));
            }
        }
        if (all) {
            // "all" names no cloud: infer the clouds the plain keys are meant for from their kind
            if (annotations.getOrDefault("imageId", "").startsWith("ami-")) {
                clouds.add("aws");
            }
            if (annotations.containsKey("imagePublisher") || annotations.containsKey("vhdUrl")) {
                clouds.add("azure");
            }
            if (!ova(annotations).isEmpty()) {
                clouds.add("vsphere");
            }
        }
        List<ImageReference> out = new ArrayList<>();
        for (String cloud : clouds) {
            ImageReference ref = forCloud(cloud, keysFor(cloud, annotations));
            if (ref != null) {
                out.add(ref);
            }
        }
        return out;
    }

    private static boolean isImageKey(String k) {
        return switch (k) {
            case "imageId", "cloudRegion", "imageOwner", "imagePublisher", "imageOffer", "imageSKU", "imageVersion",
                 "vhdUrl", "ovaUrl", "imageUrl", "location" -> true;
            default -> false;
        };
    }

    /** The plain keys, overlaid with the ones prefixed for this cloud. */
    private static Map<String, String> keysFor(String cloud, Map<String, String> annotations) {
        Map<String, String> keys = new LinkedHashMap<>();
        annotations.forEach((k, v) -> {
            if (k.indexOf('.') < 0) {
                keys.put(k, v);
            }
        });
        String prefix = cloud + ".";
        annotations.forEach((k, v) -> {
            if (k.toLowerCase(Locale.ROOT).startsWith(prefix)) {
                keys.put(k.substring(prefix.length()), v);
            }
        });
        return keys;
    }

    private static ImageReference forCloud(String cloud, Map<String, String> a) {
        switch (cloud) {
            case "azure": {
                if (!a.getOrDefault("imagePublisher", "").isBlank()) {
                    Map<String, String> attrs = new LinkedHashMap<>();
                    attrs.put("publisher", a.get("imagePublisher"));
                    attrs.put("offer", a.getOrDefault("imageOffer", ""));
                    attrs.put("sku", a.getOrDefault("imageSKU", ""));
                    attrs.put("version", a.getOrDefault("imageVersion", "latest"));
                    String id = String.join(":", attrs.values());
                    return new ImageReference("azure", a.getOrDefault("location", ""), id, attrs);
                }
                String vhd = a.getOrDefault("vhdUrl", "");
                return vhd.isBlank() ? null : new ImageReference("azure", a.getOrDefault("location", ""), vhd, Map.of("vhdUrl", vhd));
            }
            case "vsphere": {
                String url = ova(a);
                return url.isEmpty() ? null : new ImageReference("vsphere", "", url, Map.of("ovaUrl", url));
            }
            default: {
                String id = a.getOrDefault("imageId", "");
                if (id.isBlank()) {
                    return null;
                }
                Map<String, String> attrs = new LinkedHashMap<>();
                if (!a.getOrDefault("imageOwner", "").isBlank()) {
                    attrs.put("owner", a.get("imageOwner"));
                }
                return new ImageReference(cloud, a.getOrDefault("cloudRegion", ""), id, attrs);
            }
        }
    }

    private static String ova(Map<String, String> a) {
        for (String k : List.of("ovaUrl", "imageUrl")) {
            if (!a.getOrDefault(k, "").isBlank()) {
                return a.get(k).trim();
            }
        }
        String id = a.getOrDefault("imageId", "").trim();
        return id.toLowerCase(Locale.ROOT).endsWith(".ova") ? id : "";
    }
}
