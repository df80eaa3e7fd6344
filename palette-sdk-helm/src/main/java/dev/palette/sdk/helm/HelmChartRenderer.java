package dev.palette.sdk.helm;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.marcnuri.helm.Helm;
import dev.palette.sdk.api.error.ValidationException;
import dev.palette.sdk.api.model.ChartReference;
import dev.palette.sdk.api.registry.ChartRenderer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Renders charts with Helm itself ({@code helm template}, through helm-java's native library): the chart
 * archive and the values go to a private temporary folder that is removed afterwards. Helm's own errors —
 * a template that fails on the values, a broken archive — become a {@link ValidationException} naming the
 * chart. Renders one chart at a time (the native library is shared by the process); the engine caches what
 * it renders, so this runs when a chart or its values change.
 */
public final class HelmChartRenderer implements ChartRenderer {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /** A renderer. The first rendering in a process loads Helm's native library (under a second). */
    public HelmChartRenderer() {
    }

    @Override
    public synchronized String render(ChartReference chart, byte[] archive, String releaseName, String namespace,
                                      Map<String, Object> values) {
        Objects.requireNonNull(chart, "chart");
        Objects.requireNonNull(archive, "archive");
        Path dir = null;
        try {
            dir = Files.createTempDirectory("palette-chart-");
            Path tgz = Files.write(dir.resolve("chart.tgz"), archive);
            Path valuesFile = dir.resolve("values.yaml");
            YAML.writeValue(valuesFile.toFile(), values == null ? Map.of() : values);
            return new Helm(tgz).template().withName(releaseName).withNamespace(namespace).withValuesFile(valuesFile).call();
        } catch (IllegalStateException e) {
            throw new ValidationException("charts." + (chart.name().isEmpty() ? chart.path() : chart.name()),
                    "Helm cannot render " + chart.path() + ": " + e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot stage chart " + chart.path() + " for Helm", e);
        } finally {
            delete(dir);
        }
    }

    private static void delete(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary folder left behind is not worth failing a rendering for
        }
    }
}
