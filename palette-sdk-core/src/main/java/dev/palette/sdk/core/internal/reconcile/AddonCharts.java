package dev.palette.sdk.core.internal.reconcile;

import dev.palette.sdk.api.error.PaletteException;
import dev.palette.sdk.api.model.ChartReference;
import dev.palette.sdk.api.model.Pack;
import dev.palette.sdk.api.registry.ChartRenderer;
import dev.palette.sdk.api.registry.PackRegistry;
import dev.palette.sdk.core.internal.cache.Lru;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;

/**
 * How a pack's Helm charts become manifests: the chart archive from the pack registry, rendered with the
 * pack's merged values for that chart ({@code charts.<chart name>} in Palette's values layout) into the
 * pack's namespace ({@code pack.namespace}, else {@code default}). Renderings are cached by pack, chart and
 * values, so an unchanged pack costs no Helm call on later passes.
 */
public final class AddonCharts {
    /** No registry and no renderer: a chart pack fails with that reason. */
    public static final AddonCharts NONE = new AddonCharts(null, null);
    private static final int CACHED = 256;

    private final PackRegistry registry;
    private final ChartRenderer renderer;
    private final Map<String, String> rendered = Lru.of(CACHED);

    /**
     * Charts from a registry, rendered by a renderer.
     *
     * @param registry where chart archives are, may be {@code null}
     * @param renderer what renders them, may be {@code null}
     */
    public AddonCharts(PackRegistry registry, ChartRenderer renderer) {
        this.registry = registry;
        this.renderer = renderer;
    }

    /**
     * One chart of a pack as YAML.
     *
     * @param pack the pack
     * @param chart one of its charts
     * @param packValues the pack's merged values
     * @return the rendered manifests
     * @throws PaletteException (not retryable) naming what is missing or what Helm said
     */
    String render(Pack pack, ChartReference chart, Map<String, Object> packValues) {
        if (renderer == null) {
            throw new PaletteException("needs a chart renderer; the engine has none (add palette-sdk-helm)", false);
        }
        byte[] archive = registry == null ? null : registry.chartArchive(pack, chart).orElse(null);
        if (archive == null) {
            throw new PaletteException("its archive is not in the pack registry", false);
        }
        Map<String, Object> values = child(child(packValues, "charts"), chart.name().isEmpty() ? pack.name() : chart.name());
        Object ns = child(packValues, "pack").get("namespace");
        String namespace = ns instanceof String s && !s.isBlank() ? s : "default";
        String release = chart.name().isEmpty() ? pack.name() : chart.name();
        String key = pack.coordinates() + "/" + chart.path() + "/" + namespace + "/" + digest(values.toString()) + "/" + digest(archive);
        String cached = rendered.get(key);
        if (cached != null) {
            return cached;
        }
        String yaml = renderer.render(chart, archive, release, namespace, values);
        rendered.put(key, yaml);
        return yaml;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> child(Map<String, Object> m, String key) {
        Object v = m == null ? null : m.get(key);
        return v instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }

    private static String digest(String s) {
        return digest(s.getBytes(StandardCharsets.UTF_8));
    }

    private static String digest(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b), 0, 8);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
