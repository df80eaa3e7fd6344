package dev.palette.sdk.core.pack;

import dev.palette.sdk.api.error.Violation;
import dev.palette.sdk.api.model.ClusterProfile;
import dev.palette.sdk.api.model.Layer;
import dev.palette.sdk.api.model.Pack;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The layer rules of a cluster profile, every violation reported with its path
 * ({@code profile.packs[2].layer: ...}):
 * <ul>
 *   <li>exactly one OS, one Kubernetes and one CNI pack, at most one CSI pack, then any add-ons;</li>
 *   <li>layers in the order OS, Kubernetes, CNI, CSI, add-ons;</li>
 *   <li>each pack supports the profile's cloud type (a pack for {@code all} clouds supports every one);</li>
 *   <li>no pack name twice.</li>
 * </ul>
 * A profile of add-on packs only is an add-on profile: where add-on profiles are allowed it is checked
 * for order, cloud type and duplicates alone.
 */
public final class ProfileRules {
    private ProfileRules() {
    }

    /**
     * Checks a profile against its own cloud type, with paths under {@code profile}.
     *
     * @param profile the profile
     * @param allowAddOnProfile whether a profile of add-on packs only is acceptable (it is as a profile of
     *     its own; a cluster needs the base layers)
     * @return every violation found
     */
    public static List<Violation> validate(ClusterProfile profile, boolean allowAddOnProfile) {
        return check(profile, profile.cloudType(), "profile", allowAddOnProfile);
    }

    /**
     * Checks a profile, allowing add-on profiles.
     *
     * @param profile the profile
     * @param cloudType the cloud type its packs must support; {@code null} or {@code all} to skip that check
     * @param path the profile's path in messages, e.g. {@code spec.profile}
     * @return every violation found
     */
    public static List<Violation> check(ClusterProfile profile, String cloudType, String path) {
        return check(profile, cloudType, path, true);
    }

    /**
     * Checks a profile.
     *
     * @param profile the profile
     * @param cloudType the cloud type its packs must support; {@code null} or {@code all} to skip that check
     * @param path the profile's path in messages, e.g. {@code spec.profile}
     * @param allowAddOnProfile whether a profile of add-on packs only is acceptable
     * @return every violation found
     */
    public static List<Violation> check(ClusterProfile profile, String cloudType, String path, boolean allowAddOnProfile) {
        List<Violation> v = new ArrayList<>();
        List<Pack> packs = profile.packs();
        if (packs.isEmpty()) {
            v.add(Violation.of(path + ".packs", "the profile has no packs"));
            return v;
        }
        if (!(allowAddOnProfile && isAddOnProfile(profile))) {
            exactlyOne(packs, Layer.OS, "an OS", path, v);
            exactlyOne(packs, Layer.KUBERNETES, "a Kubernetes", path, v);
            exactlyOne(packs, Layer.CNI, "a CNI", path, v);
            long csi = packs.stream().filter(p -> p.layer() == Layer.CSI).count();
            if (csi > 1) {
                v.add(Violation.of(path + ".packs", csi + " packs in layer csi; at most one allowed"));
            }
        }
        boolean checkCloud = cloudType != null && !cloudType.isBlank() && !cloudType.equalsIgnoreCase(Pack.ALL_CLOUDS);
        Map<String, Integer> names = new HashMap<>();
        Layer previous = null;
        for (int i = 0; i < packs.size(); i++) {
            Pack p = packs.get(i);
            String at = path + ".packs[" + i + "]";
            if (previous != null && p.layer().ordinal() < previous.ordinal()) {
                v.add(Violation.of(at + ".layer", "layer " + p.layer().packJsonName() + " of pack '" + p.name()
                        + "' comes after layer " + previous.packJsonName() + "; layers go os, k8s, cni, csi, addon"));
            }
            previous = p.layer().ordinal() > (previous == null ? -1 : previous.ordinal()) ? p.layer() : previous;
            if (checkCloud && !p.supportsCloud(cloudType)) {
                v.add(Violation.of(at, "pack '" + p.name() + "' does not support cloud type '" + cloudType
                        + "' (supports: " + String.join(", ", p.cloudTypes()) + ")"));
            }
            Integer first = names.putIfAbsent(p.name(), i);
            if (first != null) {
                v.add(Violation.of(at + ".name", "pack '" + p.name() + "' is already in the profile at packs[" + first + "]"));
            }
        }
        return v;
    }

    /**
     * Whether a profile holds add-on packs only.
     *
     * @param profile the profile
     * @return {@code true} for an add-on profile
     */
    public static boolean isAddOnProfile(ClusterProfile profile) {
        return !profile.packs().isEmpty() && profile.packs().stream().allMatch(p -> p.layer() == Layer.ADDON);
    }

    private static void exactlyOne(List<Pack> packs, Layer layer, String what, String path, List<Violation> v) {
        long n = packs.stream().filter(p -> p.layer() == layer).count();
        if (n == 0) {
            v.add(Violation.of(path + ".packs", "missing " + what + " layer (" + layer.packJsonName() + ")"));
        } else if (n > 1) {
            v.add(Violation.of(path + ".packs", n + " packs in layer " + layer.packJsonName() + "; exactly one allowed"));
        }
    }
}
