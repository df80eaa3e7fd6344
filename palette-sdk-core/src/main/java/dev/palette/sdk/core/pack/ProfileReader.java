package dev.palette.sdk.core.pack;

import com.fasterxml.jackson.core.JsonProcessingException;
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
        List<ClusterProfile> all = parseAll(fileName, text, registries);
        if (all.size() != 1) {
            throw new ValidationException(fileName, "holds " + all.size() + " profiles; read it with readAll");
        }
        return all.get(0);
    }

    /**
     * Reads every profile of a file: one for the API and flat shapes, several for a top-level list of
     * add-on profiles (each with {@code name}, {@code version} and {@code charts}).
     *
     * @param file the profile file
     * @param registries where the packs come from, in order of preference; none to take each entry as the
     *     pack it names
     * @return the profiles, in file order
     * @throws ValidationException with every problem
     */
    public static List<ClusterProfile> readAll(Path file, PackRegistry... registries) {
        try {
            return parseAll(file.getFileName().toString(), Files.readString(file, StandardCharsets.UTF_8),
                    registries.length == 0 ? null : new PackRegistries(List.of(registries)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /**
     * Parses every profile of a text.
     *
     * @param fileName the file name, for messages and to tell JSON from YAML
     * @param text the text
     * @param registries where the packs come from; {@code null} to take each entry as the pack it names
     * @return the profiles
     * @throws ValidationException with every problem
     */
    public static List<ClusterProfile> parseAll(String fileName, String text, PackRegistries registries) {
        Object parsed;
        try {
            boolean json = fileName.endsWith(".json");
            parsed = (json ? PackMappers.JSON : PackMappers.YAML).readValue(text, Object.class);
        } catch (JsonProcessingException e) {
            throw new ValidationException(PackMappers.location(fileName, e), PackMappers.reason(e));
        }
        if (parsed == null) {
            throw new ValidationException(fileName, "empty profile");
        }
        if (parsed instanceof List<?> list) {
            List<ClusterProfile> out = new ArrayList<>();
            List<Violation> problems = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                try {
                    out.add(parseOne(fileName + "[" + i + "]", map(list.get(i)), registries, true));
                } catch (ValidationException e) {
                    problems.addAll(e.violations());
                }
            }
            if (!problems.isEmpty()) {
                throw new ValidationException(problems);
            }
            return out;
        }
        return List.of(parseOne(fileName, map(parsed), registries, false));
    }

    private static ClusterProfile parseOne(String fileName, Map<String, Object> root, PackRegistries registries,
                                           boolean addOnList) {
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
        Object packs = packHolder.get(addOnList && !packHolder.containsKey("packs") ? "charts" : "packs");
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
                        : reference(e, packName, version, text(packHolder.get("cloudType")), addOnList);
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

    private static Pack reference(Map<String, Object> e, String name, String version, String cloudType, boolean addOn) {
        String layer = text(e.get("layer"));
        if (layer.isEmpty() && addOn) {
            layer = Layer.ADDON.packJsonName(); // a list of add-on profiles names charts, not layers
        }
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
