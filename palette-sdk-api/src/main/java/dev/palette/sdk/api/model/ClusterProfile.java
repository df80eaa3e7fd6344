package dev.palette.sdk.api.model;

import dev.palette.sdk.api.internal.Immutable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A cluster profile: an ordered stack of packs (OS, Kubernetes, CNI, CSI, add-ons) for one cloud
 * type, with per-pack value overrides and variables. Clusters are made from profiles.
 *
 * @param name the profile name
 * @param version the profile version
 * @param cloudType the cloud type the profile targets ({@code aws}, {@code azure}, {@code vsphere},
 *     {@code sim}, or {@code all} for add-on profiles)
 * @param description free text, may be empty
 * @param packs the packs, in layer order
 * @param packValues per-pack value overrides (pack name to a values tree) merged over the packs' defaults
 * @param variables profile variables, substituted into values where {@code {{.spectro.var.NAME}}} appears
 */
public record ClusterProfile(
        String name,
        String version,
        String cloudType,
        String description,
        List<Pack> packs,
        Map<String, Map<String, Object>> packValues,
        Map<String, String> variables) {

    /**
     * Validates and copies the components.
     *
     * @param name the name
     * @param version the version
     * @param cloudType the cloud type
     * @param description the description, may be {@code null}
     * @param packs the packs, may be {@code null}
     * @param packValues the per-pack overrides, may be {@code null}
     * @param variables the variables, may be {@code null}
     */
    public ClusterProfile {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
        cloudType = cloudType == null ? Pack.ALL_CLOUDS : cloudType;
        description = description == null ? "" : description;
        packs = Immutable.list(packs);
        Map<String, Map<String, Object>> pv = new LinkedHashMap<>();
        if (packValues != null) {
            packValues.forEach((k, v) -> pv.put(k, Immutable.tree(v)));
        }
        packValues = Immutable.map(pv);
        variables = Immutable.map(variables);
    }

    /**
     * The first pack of a layer.
     *
     * @param layer the layer
     * @return the pack, if the profile has one in that layer
     */
    public Optional<Pack> pack(Layer layer) {
        return packs.stream().filter(p -> p.layer() == layer).findFirst();
    }

    /**
     * The OS pack.
     *
     * @return the pack, if any
     */
    public Optional<Pack> osPack() {
        return pack(Layer.OS);
    }

    /**
     * The Kubernetes pack.
     *
     * @return the pack, if any
     */
    public Optional<Pack> kubernetesPack() {
        return pack(Layer.KUBERNETES);
    }

    /**
     * A new builder.
     *
     * @return the builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A builder holding this profile's values, for edits.
     *
     * @return the builder
     */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.name = name;
        b.version = version;
        b.cloudType = cloudType;
        b.description = description;
        b.packs = new ArrayList<>(packs);
        b.packValues = new LinkedHashMap<>(packValues);
        b.variables = new LinkedHashMap<>(variables);
        return b;
    }

    /** Builds a {@link ClusterProfile}. Name and version are required. */
    public static final class Builder {
        private String name;
        private String version;
        private String cloudType;
        private String description;
        private List<Pack> packs = new ArrayList<>();
        private Map<String, Map<String, Object>> packValues = new LinkedHashMap<>();
        private Map<String, String> variables = new LinkedHashMap<>();

        private Builder() {
        }

        /**
         * Sets the name.
         *
         * @param v the name
         * @return this builder
         */
        public Builder name(String v) { this.name = v; return this; }

        /**
         * Sets the version.
         *
         * @param v the version
         * @return this builder
         */
        public Builder version(String v) { this.version = v; return this; }

        /**
         * Sets the cloud type.
         *
         * @param v the cloud type
         * @return this builder
         */
        public Builder cloudType(String v) { this.cloudType = v; return this; }

        /**
         * Sets the description.
         *
         * @param v the description
         * @return this builder
         */
        public Builder description(String v) { this.description = v; return this; }

        /**
         * Sets a pack to append.
         *
         * @param v a pack to append
         * @return this builder
         */
        public Builder addPack(Pack v) { this.packs.add(v); return this; }

        /**
         * Sets the packs in layer order.
         *
         * @param v the packs in layer order
         * @return this builder
         */
        public Builder packs(List<Pack> v) { this.packs = new ArrayList<>(v); return this; }

        /**
         * Sets the value overrides of one pack.
         *
         * @param packName the pack name
         * @param values the overrides tree
         * @return this builder
         */
        public Builder packValues(String packName, Map<String, Object> values) {
            this.packValues.put(packName, values);
            return this;
        }

        /**
         * Sets a variable.
         *
         * @param key the variable name
         * @param value its value
         * @return this builder
         */
        public Builder variable(String key, String value) {
            this.variables.put(key, value);
            return this;
        }

        /**
         * Sets all variables.
         *
         * @param v all variables
         * @return this builder
         */
        public Builder variables(Map<String, String> v) { this.variables = new LinkedHashMap<>(v); return this; }

        /**
         * Builds the profile.
         *
         * @return the profile
         */
        public ClusterProfile build() {
            return new ClusterProfile(name, version, cloudType, description, packs, packValues, variables);
        }
    }
}
