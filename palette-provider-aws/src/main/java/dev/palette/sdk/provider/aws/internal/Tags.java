package dev.palette.sdk.provider.aws.internal;

import dev.palette.sdk.api.provider.ProviderContext;
import dev.palette.sdk.api.provider.ResourceTags;
import dev.palette.sdk.provider.aws.AwsCloudConfig;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;

/**
 * Tags, the provider's memory: every resource carries the cluster id (and machines their name), and
 * everything is found again by tag filters, so a retry or a restarted engine finds what was made.
 */
public final class Tags {
    /** The tag AWS consoles show as a resource's name. */
    public static final String NAME = "Name";
    /** The root disk size of a machine: EC2 reports volumes by id only. */
    public static final String DISK_GIB = "palette.dev/disk-gib";
    /** The AMI an image copy was made from. */
    public static final String SOURCE_IMAGE = "palette.dev/source-image";
    /** The {@link ResourceTags#ROLE} of image builder machines. */
    public static final String IMAGE_BUILDER = "image-builder";
    /** The {@link ResourceTags#ROLE} of the load balancer's resources. */
    public static final String LOAD_BALANCER = "load-balancer";

    private Tags() {
    }

    /**
     * The tags every resource of a cluster gets: the user's config tags, then the engine's (cluster id,
     * managed-by, the cluster's labels), then the given extras.
     *
     * @param ctx the cluster
     * @param cfg its AWS settings
     * @param name the {@code Name} tag
     * @param extra further tags, may be empty
     * @return the tags
     */
    public static Map<String, String> of(ProviderContext ctx, AwsCloudConfig cfg, String name, Map<String, String> extra) {
        Map<String, String> t = new LinkedHashMap<>(cfg.tags());
        t.putAll(ctx.tags());
        t.put(ResourceTags.CLUSTER_ID, ctx.clusterId());
        t.putAll(extra);
        t.put(NAME, name);
        return t;
    }

    /**
     * EC2 tags.
     *
     * @param tags the tags
     * @return the EC2 form
     */
    public static List<Tag> ec2(Map<String, String> tags) {
        return tags.entrySet().stream().map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList();
    }

    /**
     * ELBv2 tags.
     *
     * @param tags the tags
     * @return the ELBv2 form
     */
    public static List<software.amazon.awssdk.services.elasticloadbalancingv2.model.Tag> elb(Map<String, String> tags) {
        return tags.entrySet().stream().map(e -> software.amazon.awssdk.services.elasticloadbalancingv2.model.Tag.builder()
                .key(e.getKey()).value(e.getValue()).build()).toList();
    }

    /**
     * Tags to put on a resource as it is made (tag-on-create leaves no untagged window).
     *
     * @param type the resource type
     * @param tags the tags
     * @return the specification
     */
    public static TagSpecification spec(ResourceType type, Map<String, String> tags) {
        return TagSpecification.builder().resourceType(type).tags(ec2(tags)).build();
    }

    /**
     * Reads EC2 tags into a map.
     *
     * @param tags the tags, may be {@code null}
     * @return the map
     */
    public static Map<String, String> map(List<Tag> tags) {
        Map<String, String> m = new LinkedHashMap<>();
        if (tags != null) {
            tags.forEach(t -> m.put(t.key(), t.value() == null ? "" : t.value()));
        }
        return m;
    }

    /**
     * A filter on a tag's value.
     *
     * @param key the tag key
     * @param values the accepted values
     * @return the filter
     */
    public static Filter filter(String key, String... values) {
        return Filter.builder().name("tag:" + key).values(values).build();
    }

    /**
     * A filter on the cluster id tag.
     *
     * @param clusterId the cluster id
     * @return the filter
     */
    public static Filter cluster(String clusterId) {
        return filter(ResourceTags.CLUSTER_ID, clusterId);
    }

    /**
     * A filter on an attribute (not a tag).
     *
     * @param name the filter name, e.g. {@code vpc-id}
     * @param values the accepted values
     * @return the filter
     */
    public static Filter attribute(String name, String... values) {
        return Filter.builder().name(name).values(values).build();
    }

    /**
     * A deterministic idempotency token (EC2 accepts up to 64 ASCII characters): the same parts always
     * give the same token, so a retried or repeated create is recognised by EC2 itself.
     *
     * @param parts what identifies the resource
     * @return 64 hex characters
     */
    public static String clientToken(String... parts) {
        return sha256(String.join("\u0000", parts));
    }

    /**
     * A name within AWS's limits (ELBv2 names: 32 characters of letters, digits and hyphens): the
     * readable base when it fits, otherwise its start and a hash of all of it.
     *
     * @param base the readable part, e.g. the cluster id
     * @param suffix a suffix kept whole, e.g. {@code -api}
     * @param max the longest name allowed
     * @return the name
     */
    public static String shortName(String base, String suffix, int max) {
        String clean = base.replaceAll("[^A-Za-z0-9-]", "-").replaceAll("-+", "-").replaceAll("^-|-$", "");
        if (clean.length() + suffix.length() <= max && clean.equals(base)) {
            return clean + suffix;
        }
        String hash = sha256(base).substring(0, 8);
        int keep = Math.max(0, Math.min(clean.length(), max - suffix.length() - hash.length() - 1));
        String head = clean.substring(0, keep).replaceAll("-$", "");
        return (head.isEmpty() ? "" : head + "-") + hash + suffix;
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
