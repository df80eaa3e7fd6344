package dev.palette.sdk.api.provider;

/**
 * Tag keys every provider puts on every cloud resource it makes, and uses to find them again.
 * Providers whose clouds restrict tag characters map these names consistently.
 */
public final class ResourceTags {
    /** The id of the cluster that owns the resource. */
    public static final String CLUSTER_ID = "palette.dev/cluster-id";
    /** The machine name, on machines and their disks and NICs. */
    public static final String MACHINE = "palette.dev/machine";
    /** The pool name, on machines. */
    public static final String POOL = "palette.dev/pool";
    /** {@code control-plane} or {@code worker}, on machines and security groups. */
    public static final String ROLE = "palette.dev/role";
    /** The signature of the pack definition an image was built from, on images. */
    public static final String IMAGE_SIGNATURE = "palette.dev/image-signature";
    /** Marks a resource as made by the SDK (value {@code palette-sdk}). */
    public static final String MANAGED_BY = "palette.dev/managed-by";

    private ResourceTags() {
    }
}
