package dev.palette.sdk.core.scan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.palette.sdk.api.error.ValidationException;
import dev.palette.sdk.api.scan.CheckResult;
import dev.palette.sdk.api.scan.CheckStatus;
import dev.palette.sdk.api.scan.ScanReport;
import dev.palette.sdk.api.scan.ScanSection;
import dev.palette.sdk.api.scan.ScanTotals;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * kube-bench's side of a scan: the benchmark for a Kubernetes version, and its {@code --json} output read
 * into a {@link ScanReport}. kube-bench writes two shapes: an object {@code {"Controls": [...], "Totals":
 * {...}}}, and (older versions, or one target) a bare array of controls with no totals, which are then
 * summed from the controls' own {@code total_*} counts. A control's counts may exceed the results it
 * lists; the counts are kept as kube-bench gave them.
 */
public final class KubeBench {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern MINOR = Pattern.compile("v?(\\d+)\\.(\\d+)(?:\\..*)?");

    private KubeBench() {
    }

    /**
     * The CIS benchmark kube-bench uses for a Kubernetes version (its {@code version_mapping}); versions newer
     * than the last mapped one take the newest benchmark.
     *
     * @param kubernetesVersion e.g. {@code 1.33.6} or {@code v1.29.2}
     * @return e.g. {@code cis-1.10}
     * @throws ValidationException if the version is not {@code major.minor[.patch]}
     */
    public static String benchmarkFor(String kubernetesVersion) {
        Matcher m = MINOR.matcher(kubernetesVersion == null ? "" : kubernetesVersion.trim());
        if (!m.matches() || !m.group(1).equals("1")) {
            throw new ValidationException("kubernetesVersion", "must be a Kubernetes 1.x version such as 1.33.6, was '"
                    + kubernetesVersion + "'");
        }
        int minor = Integer.parseInt(m.group(2));
        if (minor <= 15) {
            return "cis-1.5";
        } else if (minor <= 18) {
            return "cis-1.6";
        } else if (minor <= 21) {
            return "cis-1.20";
        } else if (minor <= 23) {
            return "cis-1.23";
        } else if (minor == 24) {
            return "cis-1.24";
        } else if (minor == 25) {
            return "cis-1.7";
        } else if (minor == 26) {
            return "cis-1.8";
        } else if (minor <= 29) {
            return "cis-1.9";
        }
        return "cis-1.10";
    }

    /**
     * Reads kube-bench's JSON output.
     *
     * @param json the output, either shape
     * @param benchmark the benchmark it ran, or empty to name it after the controls' CIS version
     * @return the report
     * @throws ValidationException if the text is not kube-bench JSON
     */
    public static ScanReport parse(String json, String benchmark) {
        JsonNode root;
        try {
            root = JSON.readTree(json == null ? "" : json.trim());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new ValidationException("output", "is not JSON: " + e.getOriginalMessage());
        }
        JsonNode controls = root == null ? null : root.isArray() ? root : root.get("Controls");
        if (controls == null || !controls.isArray()) {
            throw new ValidationException("output", "is not kube-bench JSON: expected an array of controls or an object "
                    + "with \"Controls\"");
        }
        List<ScanSection> sections = new ArrayList<>();
        ScanTotals summed = ScanTotals.NONE;
        for (int i = 0; i < controls.size(); i++) {
            ScanSection s = section(controls.get(i), "Controls[" + i + "]");
            sections.add(s);
            summed = summed.plus(s.totals());
        }
        JsonNode totals = root.isObject() ? root.get("Totals") : null;
        ScanTotals t = totals != null && totals.isObject() ? totals(totals) : summed;
        String name = benchmark == null || benchmark.isEmpty() ? benchmarkOf(controls) : benchmark;
        return new ScanReport(name, sections, t);
    }

    /** Older kube-bench writes the CIS version ({@code 1.5}), newer the benchmark ({@code cis-1.10}). */
    private static String benchmarkOf(JsonNode controls) {
        String v = controls.isEmpty() ? "" : controls.get(0).path("version").asText("");
        return v.isEmpty() || Character.isLetter(v.charAt(0)) ? v : "cis-" + v;
    }

    private static ScanSection section(JsonNode c, String path) {
        if (!c.isObject()) {
            throw new ValidationException(path, "must be an object");
        }
        List<CheckResult> results = new ArrayList<>();
        for (JsonNode group : c.path("tests")) {
            for (JsonNode r : group.path("results")) {
                results.add(new CheckResult(r.path("test_number").asText(""), r.path("test_desc").asText(""),
                        status(r.path("status").asText(""), path), r.path("remediation").asText(""), r.path("scored").asBoolean(false)));
            }
        }
        return new ScanSection(c.path("id").asText(""), c.path("text").asText(""), c.path("node_type").asText(""),
                totals(c), results);
    }

    private static ScanTotals totals(JsonNode n) {
        return new ScanTotals(n.path("total_pass").asInt(0), n.path("total_fail").asInt(0), n.path("total_warn").asInt(0),
                n.path("total_info").asInt(0));
    }

    private static CheckStatus status(String s, String path) {
        try {
            return CheckStatus.valueOf(s.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ValidationException(path + ".tests[].results[].status", "must be PASS, FAIL, WARN or INFO, was '" + s + "'");
        }
    }
}
