package dev.palette.sdk.provider.azure.internal;

import com.azure.resourcemanager.compute.models.ImageReference;
import dev.palette.sdk.api.error.ProviderException;
import java.util.Locale;

/**
 * The image ids the provider hands the engine, and how a VM boots each: a marketplace URN
 * ({@code publisher:offer:sku:version}), a managed image or gallery image version id
 * ({@code /subscriptions/…}), or a shared or community gallery image id
 * ({@code /SharedGalleries/…}, {@code /CommunityGalleries/…}).
 */
final class ImageIds {
    private ImageIds() {
    }

    /**
     * Whether an id is a marketplace URN.
     *
     * @param id the id
     * @return {@code true} for {@code publisher:offer:sku:version}
     */
    static boolean isMarketplace(String id) {
        return !id.contains("/") && id.split(":", -1).length == 4;
    }

    /**
     * The VM's image reference for an id.
     *
     * @param id the id
     * @return the reference
     * @throws ProviderException if the id is none of the forms
     */
    static ImageReference reference(String id) {
        if (isMarketplace(id)) {
            String[] p = id.split(":", -1);
            return new ImageReference().withPublisher(p[0]).withOffer(p[1]).withSku(p[2]).withVersion(p[3]);
        }
        String lower = id.toLowerCase(Locale.ROOT);
        if (lower.startsWith("/sharedgalleries/")) {
            return new ImageReference().withSharedGalleryImageId(id);
        }
        if (lower.startsWith("/communitygalleries/")) {
            return new ImageReference().withCommunityGalleryImageId(id);
        }
        if (lower.startsWith("/subscriptions/")) {
            return new ImageReference().withId(id);
        }
        throw ProviderException.permanent("'" + id + "' is not an Azure image: expected publisher:offer:sku:version, "
                + "a managed image or gallery image id (/subscriptions/...), or a shared or community gallery image id");
    }

    /**
     * The id of the image a VM booted, in the form the provider handed out.
     *
     * @param ref the VM's image reference, may be {@code null}
     * @return the id, or {@code ""}
     */
    static String of(ImageReference ref) {
        if (ref == null) {
            return "";
        }
        if (ref.id() != null) {
            return ref.id();
        }
        if (ref.sharedGalleryImageId() != null) {
            return ref.sharedGalleryImageId();
        }
        if (ref.communityGalleryImageId() != null) {
            return ref.communityGalleryImageId();
        }
        return ref.publisher() + ":" + ref.offer() + ":" + ref.sku() + ":" + ref.version();
    }
}
