package dev.palette.sdk.core.pack;

/**
 * The shapes cluster profiles are published in; {@link ProfileReader} tells them apart by content and
 * {@link ProfileWriter} writes each back in the shape it was read in.
 */
public enum ProfileFormat {
    /**
     * Palette's export and import format in JSON: {@code metadata} (name, description, labels) and
     * {@code spec} ({@code version}, {@code template.type}, {@code template.cloudType},
     * {@code template.packs}, {@code variables} as a list of {@code name}/{@code defaultValue}); each pack's
     * {@code registry} is an object with {@code metadata.name}.
     */
    PALETTE_JSON(false),
    /** The same shape as {@link #PALETTE_JSON}, in YAML. */
    PALETTE_YAML(true),
    /**
     * The flat shape of the Terraform modules' profile exports, in YAML: {@code name}, {@code description},
     * {@code type}, {@code cloudType} (absent for add-on profiles) and {@code packs}, each pack's
     * {@code registry} a name.
     */
    TERRAFORM_YAML(true),
    /** The same shape as {@link #TERRAFORM_YAML}, in JSON. */
    TERRAFORM_JSON(false),
    /**
     * A top-level YAML list of add-on profiles, each with {@code name}, {@code version} and {@code charts}
     * (packs without a layer, all add-ons), as some GitOps repositories keep them.
     */
    CHART_LIST_YAML(true);

    private final boolean yaml;

    ProfileFormat(boolean yaml) {
        this.yaml = yaml;
    }

    /**
     * Whether the format is YAML (otherwise JSON).
     *
     * @return {@code true} for YAML
     */
    public boolean isYaml() {
        return yaml;
    }
}
