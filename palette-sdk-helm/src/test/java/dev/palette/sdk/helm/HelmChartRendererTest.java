package dev.palette.sdk.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.marcnuri.helm.Helm;
import dev.palette.sdk.api.error.ValidationException;
import dev.palette.sdk.api.model.ChartReference;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Charts rendered by Helm itself, offline, from an archive made by Helm in the test. */
class HelmChartRendererTest {
    @TempDir
    Path tmp;

    /** A chart of one ConfigMap whose data comes from the values. */
    static byte[] greeterChart(Path tmp, String template) throws IOException {
        Path chart = Files.createDirectories(tmp.resolve("greeter"));
        Files.writeString(chart.resolve("Chart.yaml"), "apiVersion: v2\nname: greeter\nversion: 0.1.0\n");
        Files.writeString(chart.resolve("values.yaml"), "greeting: hello\nreplicas: 1\n");
        Files.createDirectories(chart.resolve("templates"));
        Files.writeString(chart.resolve("templates/configmap.yaml"), template);
        Path dist = Files.createDirectories(tmp.resolve("dist"));
        new Helm(chart).packageIt().withDestination(dist).call();
        return Files.readAllBytes(dist.resolve("greeter-0.1.0.tgz"));
    }

    static final String TEMPLATE = """
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: {{ .Release.Name }}-greeting
              namespace: {{ .Release.Namespace }}
            data:
              greeting: {{ .Values.greeting | quote }}
              replicas: {{ .Values.replicas | quote }}
            """;

    @Test
    void aChartIsRenderedWithTheValuesOverItsDefaultsIntoTheNamespace() throws IOException {
        byte[] archive = greeterChart(tmp, TEMPLATE);
        String yaml = new HelmChartRenderer().render(new ChartReference("charts/greeter-0.1.0.tgz", "greeter", "0.1.0"), archive,
                "greeter", "demo", Map.of("greeting", "hola"));
        assertThat(yaml).contains("name: greeter-greeting").contains("namespace: demo").contains("greeting: \"hola\"")
                .as("the chart's own default where the values say nothing").contains("replicas: \"1\"");
    }

    @Test
    void aTemplateThatFailsOnTheValuesIsAValidationErrorWithHelmsMessage() throws IOException {
        byte[] archive = greeterChart(tmp, TEMPLATE.replace(".Values.greeting", ".Values.missing.deeper"));
        assertThatThrownBy(() -> new HelmChartRenderer().render(new ChartReference("charts/greeter-0.1.0.tgz", "greeter", "0.1.0"),
                archive, "greeter", "demo", Map.of())).isInstanceOf(ValidationException.class)
                .hasMessageContaining("charts.greeter: Helm cannot render charts/greeter-0.1.0.tgz")
                .hasMessageContaining("nil pointer evaluating interface {}.deeper");
    }
}
