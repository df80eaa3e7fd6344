package dev.palette.sdk.provider.vsphere.internal;

/**
 * Custom attributes the provider puts on virtual machines and templates, besides the engine's tags
 * ({@code palette.dev/cluster-id}, {@code palette.dev/machine}, …), which it sets as attributes of the same names.
 */
public final class Attributes {
    /** The instance type a machine was made with. */
    public static final String INSTANCE_TYPE = "palette.dev/instance-type";
    /** The zone (fault domain) a machine was placed in. */
    public static final String ZONE = "palette.dev/zone";
    /** The image a machine was cloned from. */
    public static final String IMAGE = "palette.dev/image";
    /** The disk size asked for. */
    public static final String DISK = "palette.dev/disk-gib";
    /** Set once the provider powered the machine on: powered off after that, it has failed. */
    public static final String STARTED = "palette.dev/started";
    /** The OVA a base template was imported from. */
    public static final String IMAGE_SOURCE = "palette.dev/image-source";
    /** The signature an image builder machine builds. */
    public static final String BUILDS = "palette.dev/image-builder";

    private Attributes() {
    }
}
