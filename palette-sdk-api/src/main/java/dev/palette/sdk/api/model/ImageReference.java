package dev.palette.sdk.api.model;

import dev.palette.sdk.api.internal.Immutable;
import java.util.Map;
import java.util.Objects;

/**
 * Where an OS pack's VM image lives on one cloud: an AMI in a region, an Azure marketplace
 * reference or VHD, a vSphere OVA URL.
 *
 * @param cloud the cloud type this reference is for ({@code aws}, {@code azure}, {@code vsphere}, ...)
 * @param region the region or location the image is in; empty when it applies everywhere
 * @param id the image id, URL or name
 * @param attributes further cloud-specific attributes (owner account, publisher/offer/sku, ...)
 */
public record ImageReference(String cloud, String region, String id, Map<String, String> attributes) {
    /**
     * Normalizes the components.
     *
     * @param cloud the cloud type
     * @param region the region, may be {@code null}
     * @param id the image id
     * @param attributes further attributes, may be {@code null}
     */
    public ImageReference {
        Objects.requireNonNull(cloud, "cloud");
        region = region == null ? "" : region;
        id = id == null ? "" : id;
        attributes = Immutable.map(attributes);
    }

    /**
     * Creates a reference without attributes.
     *
     * @param cloud the cloud type
     * @param region the region
     * @param id the image id
     * @return the reference
     */
    public static ImageReference of(String cloud, String region, String id) {
        return new ImageReference(cloud, region, id, Map.of());
    }
}
