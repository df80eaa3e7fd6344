package dev.palette.sdk.api.model;

import dev.palette.sdk.api.internal.Immutable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One pack: a versioned building block of a cluster profile (an OS, a Kubernetes distribution, a CNI,
 * a CSI or an add-on), as published in a pack registry with its {@code pack.json} and
 * {@code values.yaml}.
 *
 * @param name the pack name from {@code pack.json} (which may differ from its folder name)
 * @param version the pack version
 * @param layer the layer the pack occupies
 * @param registry the registry the pack came from; empty when unknown
 * @param displayName the human-readable name; defaults to the name
 * @param cloudTypes the cloud types the pack supports; {@code all} means every cloud
 * @param annotations free-form annotations from {@code pack.json}
 * @param valuesYaml the default values as YAML text, exactly as published
 * @param values the default values parsed into an immutable tree of maps, lists and scalars
 * @param schema the values schema text ({@code schema.yaml}), when the pack has one
 * @param manifests Kubernetes manifests the pack applies
 * @param charts Helm charts the pack applies
 * @param images per-cloud VM image references (OS packs)
 * @param ansibleRoles Ansible roles that customize the image (OS packs)
 * @param skipK8sInstall whether the image already has Kubernetes installed (OS packs, bring your own image)
 */
public record Pack(
        String name,
        String version,
        Layer layer,
        String registry,
        String displayName,
        List<String> cloudTypes,
        Map<String, String> annotations,
        String valuesYaml,
        Map<String, Object> values,
        Optional<String> schema,
        List<Manifest> manifests,
        List<ChartReference> charts,
        List<ImageReference> images,
        List<String> ansibleRoles,
        boolean skipK8sInstall) {

    /** The cloud type that means "every cloud" in {@code cloudTypes}. */
    public static final String ALL_CLOUDS = "all";

    /**
     * Validates and copies the components.
     *
     * @param name the name
     * @param version the version
     * @param layer the layer
     * @param registry the registry, may be {@code null}
     * @param displayName the display name, may be {@code null}
     * @param cloudTypes the cloud types, may be {@code null} (meaning all)
     * @param annotations the annotations, may be {@code null}
     * @param valuesYaml the values text, may be {@code null}
     * @param values the parsed values, may be {@code null}
     * @param schema the schema, may be {@code null}
     * @param manifests the manifests, may be {@code null}
     * @param charts the charts, may be {@code null}
     * @param images the image references, may be {@code null}
     * @param ansibleRoles the Ansible roles, may be {@code null}
     * @param skipK8sInstall whether to skip installing Kubernetes
     */
    public Pack {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(layer, "layer");
        registry = registry == null ? "" : registry;
        displayName = displayName == null || displayName.isEmpty() ? name : displayName;
        cloudTypes = cloudTypes == null || cloudTypes.isEmpty() ? List.of(ALL_CLOUDS) : Immutable.list(cloudTypes);
        annotations = Immutable.map(annotations);
        valuesYaml = valuesYaml == null ? "" : valuesYaml;
        values = Immutable.tree(values);
        schema = schema == null ? Optional.empty() : schema;
        manifests = Immutable.list(manifests);
        charts = Immutable.list(charts);
        images = Immutable.list(images);
        ansibleRoles = Immutable.list(ansibleRoles);
    }

    /**
     * Whether this pack may be used in a profile for the given cloud type.
     *
     * @param cloudType the cloud type, e.g. {@code aws}
     * @return {@code true} if supported
     */
    public boolean supportsCloud(String cloudType) {
        String c = cloudType.toLowerCase(Locale.ROOT);
        return cloudTypes.stream().map(t -> t.toLowerCase(Locale.ROOT))
                .anyMatch(t -> t.equals(ALL_CLOUDS) || t.equals(c));
    }

    /**
     * The image reference for a cloud and region: an exact region match first, then one without a
     * region, then any of that cloud (which the engine copies into the region).
     *
     * @param cloud the cloud type
     * @param region the region, may be empty
     * @return the best reference, if the pack has one for that cloud
     */
    public Optional<ImageReference> imageFor(String cloud, String region) {
        ImageReference anyOfCloud = null;
        ImageReference regionless = null;
        for (ImageReference ref : images) {
            if (!ref.cloud().equalsIgnoreCase(cloud)) {
                continue;
            }
            if (ref.region().equals(region)) {
                return Optional.of(ref);
            }
            if (ref.region().isEmpty() && regionless == null) {
                regionless = ref;
            }
            if (anyOfCloud == null) {
                anyOfCloud = ref;
            }
        }
        return Optional.ofNullable(regionless != null ? regionless : anyOfCloud);
    }

    /**
     * {@code name:version}, the usual way to name a pack in messages.
     *
     * @return the coordinates
     */
    public String coordinates() {
        return name + ":" + version;
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
     * A builder holding this pack's values, for edits.
     *
     * @return the builder
     */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.name = name;
        b.version = version;
        b.layer = layer;
        b.registry = registry;
        b.displayName = displayName;
        b.cloudTypes = new ArrayList<>(cloudTypes);
        b.annotations = new LinkedHashMap<>(annotations);
        b.valuesYaml = valuesYaml;
        b.values = values;
        b.schema = schema.orElse(null);
        b.manifests = new ArrayList<>(manifests);
        b.charts = new ArrayList<>(charts);
        b.images = new ArrayList<>(images);
        b.ansibleRoles = new ArrayList<>(ansibleRoles);
        b.skipK8sInstall = skipK8sInstall;
        return b;
    }

    /** Builds a {@link Pack}. Name, version and layer are required. */
    public static final class Builder {
        private String name;
        private String version;
        private Layer layer;
        private String registry;
        private String displayName;
        private List<String> cloudTypes = new ArrayList<>();
        private Map<String, String> annotations = new LinkedHashMap<>();
        private String valuesYaml;
        private Map<String, Object> values;
        private String schema;
        private List<Manifest> manifests = new ArrayList<>();
        private List<ChartReference> charts = new ArrayList<>();
        private List<ImageReference> images = new ArrayList<>();
        private List<String> ansibleRoles = new ArrayList<>();
        private boolean skipK8sInstall;

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
         * Sets the layer.
         *
         * @param v the layer
         * @return this builder
         */
        public Builder layer(Layer v) { this.layer = v; return this; }

        /**
         * Sets the registry name.
         *
         * @param v the registry name
         * @return this builder
         */
        public Builder registry(String v) { this.registry = v; return this; }

        /**
         * Sets the display name.
         *
         * @param v the display name
         * @return this builder
         */
        public Builder displayName(String v) { this.displayName = v; return this; }

        /**
         * Sets the supported cloud types.
         *
         * @param v the supported cloud types
         * @return this builder
         */
        public Builder cloudTypes(List<String> v) { this.cloudTypes = new ArrayList<>(v); return this; }

        /**
         * Sets the annotations.
         *
         * @param v the annotations
         * @return this builder
         */
        public Builder annotations(Map<String, String> v) { this.annotations = new LinkedHashMap<>(v); return this; }

        /**
         * Sets the values YAML text.
         *
         * @param v the values YAML text
         * @return this builder
         */
        public Builder valuesYaml(String v) { this.valuesYaml = v; return this; }

        /**
         * Sets the parsed values tree.
         *
         * @param v the parsed values tree
         * @return this builder
         */
        public Builder values(Map<String, Object> v) { this.values = v; return this; }

        /**
         * Sets the schema text, or {@code null}.
         *
         * @param v the schema text, or {@code null}
         * @return this builder
         */
        public Builder schema(String v) { this.schema = v; return this; }

        /**
         * Sets a manifest to add.
         *
         * @param v a manifest to add
         * @return this builder
         */
        public Builder addManifest(Manifest v) { this.manifests.add(v); return this; }

        /**
         * Sets the manifests.
         *
         * @param v the manifests
         * @return this builder
         */
        public Builder manifests(List<Manifest> v) { this.manifests = new ArrayList<>(v); return this; }

        /**
         * Sets a chart to add.
         *
         * @param v a chart to add
         * @return this builder
         */
        public Builder addChart(ChartReference v) { this.charts.add(v); return this; }

        /**
         * Sets the charts.
         *
         * @param v the charts
         * @return this builder
         */
        public Builder charts(List<ChartReference> v) { this.charts = new ArrayList<>(v); return this; }

        /**
         * Sets an image reference to add.
         *
         * @param v an image reference to add
         * @return this builder
         */
        public Builder addImage(ImageReference v) { this.images.add(v); return this; }

        /**
         * Sets the image references.
         *
         * @param v the image references
         * @return this builder
         */
        public Builder images(List<ImageReference> v) { this.images = new ArrayList<>(v); return this; }

        /**
         * Sets the Ansible roles.
         *
         * @param v the Ansible roles
         * @return this builder
         */
        public Builder ansibleRoles(List<String> v) { this.ansibleRoles = new ArrayList<>(v); return this; }

        /**
         * Sets whether Kubernetes is already installed in the image.
         *
         * @param v whether Kubernetes is already installed in the image
         * @return this builder
         */
        public Builder skipK8sInstall(boolean v) { this.skipK8sInstall = v; return this; }

        /**
         * Builds the pack.
         *
         * @return the pack
         */
        public Pack build() {
            return new Pack(name, version, layer, registry, displayName, cloudTypes, annotations, valuesYaml,
                    values, Optional.ofNullable(schema), manifests, charts, images, ansibleRoles, skipK8sInstall);
        }
    }
}
