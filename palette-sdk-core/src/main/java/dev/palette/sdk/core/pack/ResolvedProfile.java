package dev.palette.sdk.core.pack;

import dev.palette.sdk.api.error.ValidationException;
import dev.palette.sdk.api.error.Violation;
import dev.palette.sdk.api.internal.Immutable;
import dev.palette.sdk.api.model.ClusterProfile;
import dev.palette.sdk.api.model.ClusterSpec;
import dev.palette.sdk.api.model.Pack;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A profile with every pack's final values: pack defaults, merged with the profile's overrides and the
 * cluster's, with variables substituted (cluster variables winning over the profile's), and checked
 * against each pack's values schema.
 *
 * @param profile the profile
 * @param layers each pack, in layer order, with its final values
 */
public record ResolvedProfile(ClusterProfile profile, List<ResolvedPack> layers) {

    /**
     * A pack and its final values.
     *
     * @param pack the pack
     * @param values the merged values tree
     */
    public record ResolvedPack(Pack pack, Map<String, Object> values) {
        /**
         * Copies the values.
         *
         * @param pack the pack
         * @param values the values
         */
        public ResolvedPack {
            values = Immutable.tree(values);
        }
    }

    /**
     * Copies the layers.
     *
     * @param profile the profile
     * @param layers the layers
     */
    public ResolvedProfile {
        layers = List.copyOf(layers);
    }

    /**
     * Resolves a cluster's profile with the cluster's overrides and variables.
     *
     * @param spec the cluster spec
     * @return the resolved profile
     * @throws ValidationException listing every undefined variable with its path
     */
    public static ResolvedProfile of(ClusterSpec spec) {
        return of(spec.profile(), spec.packValues(), spec.variables());
    }

    /**
     * Resolves a profile with cluster-level overrides and variables.
     *
     * @param profile the profile
     * @param clusterValues cluster-level overrides per pack name
     * @param clusterVariables cluster-level variables
     * @return the resolved profile
     * @throws ValidationException listing every undefined variable and schema violation with its path
     */
    public static ResolvedProfile of(ClusterProfile profile, Map<String, Map<String, Object>> clusterValues,
                                     Map<String, String> clusterVariables) {
        Map<String, String> vars = new LinkedHashMap<>(profile.variables());
        vars.putAll(clusterVariables);
        List<Violation> violations = new ArrayList<>();
        List<ResolvedPack> out = new ArrayList<>();
        for (Pack p : profile.packs()) {
            Map<String, Object> merged = ValuesMerger.merge(p.values(), profile.packValues().get(p.name()),
                    clusterValues.get(p.name()));
            String path = "packs." + p.name() + ".values";
            Map<String, Object> values = ValuesMerger.substitute(merged, vars, path, violations);
            if (p.schema().isPresent()) {
                violations.addAll(PackSchema.parse(p.name() + "/schema.yaml", p.schema().get()).validate(values, path));
            }
            out.add(new ResolvedPack(p, values));
        }
        if (!violations.isEmpty()) {
            throw new ValidationException(violations);
        }
        return new ResolvedProfile(profile, out);
    }
}
