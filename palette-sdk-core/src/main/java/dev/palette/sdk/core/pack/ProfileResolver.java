package dev.palette.sdk.core.pack;

import dev.palette.sdk.api.error.NotFoundException;
import dev.palette.sdk.api.error.ValidationException;
import dev.palette.sdk.api.error.Violation;
import dev.palette.sdk.api.model.ClusterProfile;
import dev.palette.sdk.api.model.ClusterSpec;
import dev.palette.sdk.api.model.Pack;
import dev.palette.sdk.api.registry.PackRegistry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Turns a profile into the packs and values a cluster gets.
 *
 * <p>With a registry, each pack of the profile is a reference (as {@link ProfileReader} reads it): the
 * pack itself comes from the registry, by name and version or range, looking first in the registry the
 * profile names for it; the reference's values are the profile's overrides. Without a registry, each
 * pack of the profile is taken as complete.
 *
 * <p>Values are merged pack defaults, then the profile's overrides (the reference's values, then
 * {@link ClusterProfile#packValues()}), then the cluster's; maps merge recursively, lists and scalars
 * replace ({@link ValuesMerger}). Variables are the profile's, overridden by the cluster's. Every problem
 * is reported at once in a {@link ValidationException}: a missing pack or version (naming what exists), a
 * layer that differs from the registry's pack, an undefined variable, a schema violation, overrides for a
 * pack the profile does not have, each with its path ({@code profile.packs[4].values.manifests.x.port}).
 * Thread-safe.
 */
public final class ProfileResolver {
    private static final int SCHEMA_CACHE_SIZE = 256;
    private static final ProfileResolver WITHOUT_REGISTRY = new ProfileResolver(null);

    private final PackRegistries registries;
    private final Map<String, PackSchema> schemas = new ConcurrentHashMap<>();

    /**
     * A resolver taking packs from a registry (a {@link PackRegistries} for several).
     *
     * @param registry the registry
     */
    public ProfileResolver(PackRegistry registry) {
        this.registries = registry == null ? null
                : registry instanceof PackRegistries r ? r : new PackRegistries(List.of(registry));
    }

    /**
     * A resolver for profiles whose packs are complete already.
     *
     * @return the resolver
     */
    public static ProfileResolver withoutRegistry() {
        return WITHOUT_REGISTRY;
    }

    /**
     * The profile with each pack reference replaced by the registry's pack, the reference's values
     * becoming the profile's overrides for it ({@link ClusterProfile#packValues()}): the form a
     * {@link ClusterSpec} holds, self-contained. Without a registry, the profile as given.
     *
     * @param profile the profile, as read
     * @return the profile with complete packs
     * @throws ValidationException listing every pack that cannot be found (naming the versions that exist)
     *     or whose layer differs from the registry's, with paths under {@code profile}
     */
    public ClusterProfile complete(ClusterProfile profile) {
        if (registries == null) {
            return profile;
        }
        List<Violation> violations = new ArrayList<>();
        List<Pack> packs = lookUp(profile, "profile", violations);
        if (!violations.isEmpty()) {
            throw new ValidationException(violations);
        }
        Map<String, Map<String, Object>> packValues = new LinkedHashMap<>(profile.packValues());
        for (int i = 0; i < packs.size(); i++) {
            Pack reference = profile.packs().get(i);
            if (!reference.equals(packs.get(i)) && !reference.values().isEmpty()) {
                packValues.put(reference.name(), ValuesMerger.merge(reference.values(), profile.packValues().get(reference.name())));
            }
        }
        ClusterProfile.Builder b = profile.toBuilder().packs(packs);
        packValues.forEach(b::packValues);
        return b.build();
    }

    /**
     * Resolves a profile on its own, with paths under {@code profile}.
     *
     * @param profile the profile
     * @return the resolved profile
     * @throws ValidationException with every problem
     */
    public ResolvedProfile resolve(ClusterProfile profile) {
        return resolve(profile, Map.of(), Map.of(), "profile");
    }

    /**
     * Resolves a profile with cluster-level overrides and variables, with paths under {@code profile}.
     *
     * @param profile the profile
     * @param clusterValues cluster-level overrides per pack name
     * @param clusterVariables cluster-level variables, overriding the profile's
     * @return the resolved profile
     * @throws ValidationException with every problem
     */
    public ResolvedProfile resolve(ClusterProfile profile, Map<String, Map<String, Object>> clusterValues,
                                   Map<String, String> clusterVariables) {
        return resolve(profile, clusterValues, clusterVariables, "profile");
    }

    /**
     * Resolves a cluster's profile with its overrides and variables, with paths under {@code spec}.
     *
     * @param spec the cluster spec
     * @return the resolved profile
     * @throws ValidationException with every problem
     */
    public ResolvedProfile resolve(ClusterSpec spec) {
        if (spec.profile() == null) {
            throw new ValidationException("spec.profile", "is required");
        }
        List<Violation> violations = new ArrayList<>();
        unknownPacks(spec.profile(), spec.packValues().keySet(), "spec.packValues", violations);
        try {
            ResolvedProfile r = resolve(spec.profile(), spec.packValues(), spec.variables(), "spec.profile");
            if (violations.isEmpty()) {
                return r;
            }
        } catch (ValidationException e) {
            violations.addAll(e.violations());
        }
        throw new ValidationException(violations);
    }

    ResolvedProfile resolve(ClusterProfile profile, Map<String, Map<String, Object>> clusterValues,
                            Map<String, String> clusterVariables, String prefix) {
        Objects.requireNonNull(profile, "profile");
        Map<String, Map<String, Object>> cluster = clusterValues == null ? Map.of() : clusterValues;
        Map<String, String> vars = new LinkedHashMap<>(profile.variables());
        if (clusterVariables != null) {
            vars.putAll(clusterVariables);
        }
        String base = prefix.isEmpty() ? "" : prefix + ".";
        List<Violation> violations = new ArrayList<>();
        unknownPacks(profile, profile.packValues().keySet(), base + "packValues", violations);
        List<Pack> packs = registries == null ? profile.packs() : lookUp(profile, prefix, violations);
        List<ResolvedProfile.ResolvedPack> out = new ArrayList<>();
        for (int i = 0; i < packs.size(); i++) {
            Pack pack = packs.get(i);
            if (pack == null) {
                continue; // not found: reported
            }
            Pack reference = profile.packs().get(i);
            List<Map<String, Object>> overrides = new ArrayList<>();
            if (registries != null && !reference.equals(pack)) {
                overrides.add(reference.values());
            }
            overrides.add(profile.packValues().get(pack.name()));
            overrides.add(cluster.get(pack.name()));
            boolean overridden = overrides.stream().anyMatch(o -> o != null && !o.isEmpty());
            Map<String, Object> merged = pack.values();
            if (overridden) {
                List<Map<String, ?>> layers = new ArrayList<>();
                layers.add(pack.values());
                layers.addAll(overrides);
                @SuppressWarnings("unchecked")
                Map<String, ?>[] array = layers.toArray(new Map[0]);
                merged = ValuesMerger.merge(array);
            }
            String path = base + "packs[" + i + "].values";
            List<Violation> undefined = new ArrayList<>();
            Map<String, Object> values = ValuesMerger.substitute(merged, vars, path, undefined);
            violations.addAll(undefined);
            if (pack.schema().isPresent()) {
                try {
                    // a field still holding an undefined variable is reported once, for the variable
                    java.util.Set<String> unresolved = new java.util.HashSet<>();
                    undefined.forEach(v -> unresolved.add(v.path()));
                    schema(pack).validate(values, path).stream().filter(v -> !unresolved.contains(v.path()))
                            .forEach(violations::add);
                } catch (ValidationException e) {
                    String at = base + "packs[" + i + "]";
                    e.violations().forEach(v -> violations.add(Violation.of(at,
                            "pack " + pack.coordinates() + " has an unusable schema: " + v)));
                }
            }
            String text = !overridden && values.equals(pack.values()) ? pack.valuesYaml() : ValuesYaml.write(values);
            out.add(new ResolvedProfile.ResolvedPack(pack, values, text));
        }
        if (!violations.isEmpty()) {
            throw new ValidationException(violations);
        }
        return new ResolvedProfile(profile, out);
    }

    /** The registry's pack for each reference, {@code null} where it is missing (and reported). */
    private List<Pack> lookUp(ClusterProfile profile, String prefix, List<Violation> violations) {
        String base = prefix.isEmpty() ? "" : prefix + ".";
        List<Pack> out = new ArrayList<>();
        for (int i = 0; i < profile.packs().size(); i++) {
            Pack ref = profile.packs().get(i);
            String at = base + "packs[" + i + "]";
            Pack found = null;
            try {
                found = registries.find(ref.name(), ref.version(), ref.registry());
                if (found.layer() != ref.layer()) {
                    violations.add(Violation.of(at + ".layer", "'" + ref.layer().packJsonName() + "' in the profile, but "
                            + found.coordinates() + " is a " + found.layer().packJsonName() + " pack"));
                }
            } catch (NotFoundException e) {
                violations.add(Violation.of(at, e.getMessage()));
            } catch (ValidationException e) {
                e.violations().forEach(v -> violations.add(Violation.of(at + ".version", v.message())));
            }
            out.add(found);
        }
        return out;
    }

    private static void unknownPacks(ClusterProfile profile, java.util.Set<String> names, String path, List<Violation> violations) {
        for (String name : names) {
            if (profile.packs().stream().noneMatch(p -> p.name().equals(name))) {
                violations.add(Violation.of(path + "." + name, "the profile has no pack '" + name + "'"));
            }
        }
    }

    private PackSchema schema(Pack pack) {
        String text = pack.schema().orElse("");
        PackSchema s = schemas.get(text);
        if (s == null) {
            s = PackSchema.parse(pack.name() + "/schema.yaml", text);
            if (schemas.size() >= SCHEMA_CACHE_SIZE) {
                schemas.clear(); // packs are few; this only bounds a host that feeds endless distinct schemas
            }
            schemas.put(text, s);
        }
        return s;
    }
}
