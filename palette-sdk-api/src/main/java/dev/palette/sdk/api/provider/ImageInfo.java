package dev.palette.sdk.api.provider;

import java.util.Objects;

/**
 * The image machines of a cluster are created from.
 *
 * @param imageId the image id in the cluster's region
 * @param signature the signature it is tagged with (empty for an unmodified base image)
 * @param origin how it was obtained
 */
public record ImageInfo(String imageId, String signature, Origin origin) {
    /** How an image was obtained. */
    public enum Origin {
        /** The base image, already in the region. */
        BASE,
        /** The base image, copied into the region. */
        COPIED,
        /** A customized image built earlier and found by its signature. */
        REUSED,
        /** A customized image built by this call. */
        BUILT
    }

    /**
     * Validates the components.
     *
     * @param imageId the image id
     * @param signature the signature, may be {@code null}
     * @param origin the origin
     */
    public ImageInfo {
        Objects.requireNonNull(imageId, "imageId");
        signature = signature == null ? "" : signature;
        Objects.requireNonNull(origin, "origin");
    }
}
