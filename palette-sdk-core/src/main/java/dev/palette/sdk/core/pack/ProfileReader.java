package dev.palette.sdk.core.pack;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.palette.sdk.api.error.NotFoundException;
import dev.palette.sdk.api.error.ValidationException;
import dev.palette.sdk.api.error.Violation;
import dev.palette.sdk.api.model.ClusterProfile;
import dev.palette.sdk.api.model.Layer;
import dev.palette.sdk.api.model.Pack;
import dev.palette.sdk.api.registry.PackRegistry;
import dev.palette.sdk.core.pack.internal.PackMappers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads cluster profile exports as Palette and its Terraform modules publish them, JSON or YAML: the
 * API shape ({@code metadata} + {@code spec.template.packs}) and the flat shape ({@code name},
 * {@code cloudType}, {@code packs}). Each pack entry names a pack and version (unquoted YAML versions such
 * as {@code 18.04} are kept as written) and may carry value overrides as YAML text; the pack itself
 * comes from the host's pack registries.
 */
public final class ProfileReader {
    private ProfileReader() {
    }

    /**
     * Reads a profile file, resolving its packs in a catalog.
     *
     * @param file the profile file ({@code .json}, {@code .yaml} or {@code .yml})
     * @param registries where the packs come from, in order of preference
     * @return the profile, with each entry's values as that pack's overrides
     * @throws ValidationException with every problem, located by file, line and entry
     */
    public static ClusterProfile read(Path file, PackRegistry... registries) {
        String name = file.getFileName().toString();
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return parse(name, text, new PackRegistries(List.of(registries)));
    }

    /**
     * Reads a profile file without resolving its packs: each pack is only what its entry says (name,
     * version, layer, registry), with the entry's values as overrides. For inspecting and converting
     * profiles whose packs are not at hand.
     *
     * @param file the profile file
     * @return the profile
     * @throws ValidationException with every problem
     */
    public static ClusterProfile readReferences(Path file) {
        try {
            return parse(file.getFileName().toString(), Files.readString(file, StandardCharsets.UTF_8), null);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /**
     * Parses profile text.
     *
     * @param fileName the file name, for messages and to tell JSON from YAML
     * @param text the text
     * @param registries where the packs come from (a pack entry's version may be a range such as
     *     {@code 1.27.x}); {@code null} to take each entry as the pack it names
     * @return the profile
     * @throws ValidationException with every problem
     */
    public static ClusterProfile parse(String fileName, String text, PackRegistries registries) {
        Map<String, Object> root;
        try {
            boolean json = fileName.endsWith(".json");
            Object parsed = (json ? PackMappers.JSON : PackMappers.YAML).readValue(text, Object.class);
            if (parsed instanceof List<?>) {
                throw new ValidationException(fileName + ":1", "a top-level list is not a profile export; expected "
                        + "metadata + spec.template.packs, or name + cloudType + packs");
            }
            root = parsed == null ? null : PackMappers.JSON.convertValue(parsed, new TypeReference<LinkedHashMap<String, Object>>() { });
        } catch (JsonProcessingException e) {
            throw new ValidationException(PackMappers.location(fileName, e), PackMappers.reason(e));
        }
        if (root == null) {
            throw new ValidationException(fileName, "empty profile");
        }
        Map<String, Object> meta = map(root.get("metadata"));
        Map<String, Object> spec = map(root.get("spec"));
        Map<String, Object> template = map(spec.get("template"));
        boolean apiShape = !meta.isEmpty() && !template.isEmpty();
        Map<String, Object> packHolder = apiShape ? template : root;
        ClusterProfile.Builder b = ClusterProfile.builder()
                .name(text(apiShape ? meta.get("name") : root.get("name")))
                .description(text(apiShape ? meta.get("description") : root.get("description")))
                .version(orDefault(text(apiShape ? spec.get("version") : root.get("version")), "1.0.0"))
                .cloudType(orDefault(text(packHolder.get("cloudType")), Pack.ALL_CLOUDS));
        List<Violation> problems = new ArrayList<>();
        Object packs = packHolder.get("packs");
        if (!(packs instanceof List<?> entries)) {
            throw new ValidationException(fileName, "no \"packs\" list");
        }
        for (int i = 0; i < entries.size(); i++) {
            String path = fileName + ": packs[" + i + "]";
            Map<String, Object> e = map(entries.get(i));
            String packName = text(e.get("name"));
            String version = orDefault(text(e.get("version")), text(e.get("tag")));
            if (packName.isEmpty() || version.isEmpty()) {
                problems.add(Violation.of(path, "a pack entry needs a name and a version"));
                continue;
            }
            try {
                Pack pack = registries != null ? registries.resolve(packName, version)
                        : reference(e, packName, version, text(packHolder.get("cloudType")));
                String layer = text(e.get("layer"));
                if (!layer.isEmpty() && Layer.fromPackJsonName(layer) != pack.layer()) {
                    problems.add(Violation.of(path + ".layer", "'" + layer + "' but pack " + pack.coordinates()
                            + " is a " + pack.layer().packJsonName() + " pack"));
                }
                b.addPack(pack);
                String values = text(e.get("values"));
                if (!values.isBlank()) {
                    b.packValues(packName, PackReader.parseValues(values));
                }
            } catch (NotFoundException | IllegalArgumentException ex) {
                problems.add(Violation.of(path, ex.getMessage()));
            } catch (JsonProcessingException ex) {
                problems.add(Violation.of(path + ".values", PackMappers.reason(ex)));
            }
        }
        Map<String, Object> variables = map(spec.get("variables"));
        variables.forEach((k, v) -> b.variable(k, text(v)));
        if (!problems.isEmpty()) {
            throw new ValidationException(problems);
        }
        return b.build();
    }

    private static Pack reference(Map<String, Object> e, String name, String version, String cloudType) {
        String layer = text(e.get("layer"));
        if (layer.isEmpty()) {
            throw new IllegalArgumentException("a pack entry without a registry to look it up in needs a layer");
        }
        Object reg = e.get("registry");
        String registry = reg instanceof Map<?, ?> r ? text(map(map(r).get("metadata")).get("name")) : text(reg);
        return Pack.builder().name(name).version(version).layer(Layer.fromPackJsonName(layer)).registry(registry)
                .cloudTypes(cloudType.isEmpty() ? List.of() : List.of(cloudType)).build();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return o instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    /** Scalars as written: YAML's 18.04 is parsed as a number; keep its digits, not a float's rendering. */
    private static String text(Object o) {
        if (o == null) {
            return "";
        }
        if (o instanceof Double || o instanceof Float) {
            return new BigDecimal(o.toString()).toPlainString();
        }
        return String.valueOf(o).trim();
    }

    private static String orDefault(String s, String d) {
        return s.isEmpty() ? d : s;
    }
}
