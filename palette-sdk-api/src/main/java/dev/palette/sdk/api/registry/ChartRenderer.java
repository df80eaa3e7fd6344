package dev.palette.sdk.api.registry;

import dev.palette.sdk.api.model.ChartReference;
import java.util.Map;

/**
 * Renders a pack's Helm chart into Kubernetes manifests ({@code helm template}), so that the engine applies
 * chart packs the way it applies manifest packs. {@code palette-sdk-helm} provides one on Helm itself; an
 * engine without one shows chart packs as failing add-ons with that reason.
 */
public interface ChartRenderer {
    /**
     * Renders a chart.
     *
     * @param chart the chart, as the pack lists it
     * @param archive the chart's {@code .tgz}
     * @param releaseName the release name
     * @param namespace the release namespace
     * @param values the values, over the chart's own defaults
     * @return multi-document YAML
     * @throws dev.palette.sdk.api.error.ValidationException if the chart cannot be rendered with these values,
     *     with Helm's message
     */
    String render(ChartReference chart, byte[] archive, String releaseName, String namespace, Map<String, Object> values);
}
