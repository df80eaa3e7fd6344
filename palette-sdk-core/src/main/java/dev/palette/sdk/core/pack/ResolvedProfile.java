package dev.palette.sdk.core.pack;

import dev.palette.sdk.api.error.ValidationException;
import dev.palette.sdk.api.internal.Immutable;
import dev.palette.sdk.api.model.ClusterProfile;
import dev.palette.sdk.api.model.ClusterSpec;
import dev.palette.sdk.api.model.Layer;
import dev.palette.sdk.api.model.Pack;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A profile with every pack's final values: the pack's defaults, merged with the profile's overrides and
 * the cluster's, variables substituted, checked against each pack's schema. Made by
 * {@link ProfileResolver}.
 *
 * @param profile the profile as given
 * @param layers each pack, in profile order, with its final values
 */
public record ResolvedProfile(ClusterProfile profile, List<ResolvedPack> layers) {

    /**
     * A pack and its final values.
     *
     * @param pack the pack (its contents from the registry, or as the profile held it)
     * @param values the merged values tree
     * @param valuesYaml the merged values as YAML text (the pack's own text, comments included, when
     *     nothing was merged or substituted into it)
     */
    public record ResolvedPack(Pack pack, Map<String, Object> values, String valuesYaml) {
        /**
         * Copies the values.
         *
         * @param pack the pack
         * @param values the values
         * @param valuesYaml the values text
         */
        public ResolvedPack {
            Objects.requireNonNull(pack, "pack");
            values = Immutable.tree(values);
            valuesYaml = valuesYaml == null ? ValuesYaml.write(values) : valuesYaml;
        }

        /**
         * A pack with values, their text written from the tree.
         *
         * @param pack the pack
         * @param values the values
         */
        public ResolvedPack(Pack pack, Map<String, Object> values) {
            this(pack, values, null);
        }
    }

    /**
     * Copies the layers.
     *
     * @param profile the profile
     * @param layers the layers
     */
    public ResolvedProfile {
        Objects.requireNonNull(profile, "profile");
        layers = List.copyOf(layers);
    }

    /**
     * The first pack of a layer.
     *
     * @param layer the layer
     * @return the pack with its values, if the profile has that layer
     */
    public Optional<ResolvedPack> layer(Layer layer) {
        return layers.stream().filter(l -> l.pack().layer() == layer).findFirst();
    }

    /**
     * A pack by name.
     *
     * @param name the pack name
     * @return the pack with its values, if the profile has it
     */
    public Optional<ResolvedPack> pack(String name) {
        return layers.stream().filter(l -> l.pack().name().equals(name)).findFirst();
    }

    /**
     * Resolves a cluster's profile, whose packs are complete (as {@link ProfileResolver#complete} makes
     * them), with the cluster's overrides and variables. Violation paths are relative to the profile
     * ({@code packs[1].values.pack.podCIDR}).
     *
     * @param spec the cluster spec
     * @return the resolved profile
     * @throws ValidationException listing every undefined variable and schema violation with its path
     */
    public static ResolvedProfile of(ClusterSpec spec) {
        return of(spec.profile(), spec.packValues(), spec.variables());
    }

    /**
     * Resolves a profile whose packs are complete with cluster-level overrides and variables. Violation
     * paths are relative to the profile.
     *
     * @param profile the profile
     * @param clusterValues cluster-level overrides per pack name
     * @param clusterVariables cluster-level variables
     * @return the resolved profile
     * @throws ValidationException listing every undefined variable and schema violation with its path
     */
    public static ResolvedProfile of(ClusterProfile profile, Map<String, Map<String, Object>> clusterValues,
                                     Map<String, String> clusterVariables) {
        return ProfileResolver.withoutRegistry().resolve(profile, clusterValues, clusterVariables, "");
    }
}
