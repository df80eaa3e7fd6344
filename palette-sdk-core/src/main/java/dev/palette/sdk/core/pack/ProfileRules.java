package dev.palette.sdk.core.pack;

import dev.palette.sdk.api.error.Violation;
import dev.palette.sdk.api.model.ClusterProfile;
import dev.palette.sdk.api.model.Layer;
import dev.palette.sdk.api.model.Pack;
import java.util.ArrayList;
import java.util.List;

/**
 * The layer rules of a cluster profile: exactly one OS, one Kubernetes and one CNI layer, an optional
 * CSI layer, then add-ons, in that order; every pack supports the profile's cloud type. A profile of
 * add-on packs only is an add-on profile, checked for order and cloud type alone.
 */
public final class ProfileRules {
    private ProfileRules() {
    }

    /**
     * Checks a profile.
     *
     * @param profile the profile
     * @param cloudType the cloud type its packs must support; {@code null} to skip that check
     * @param path the profile's path in messages, e.g. {@code spec.profile}
     * @return every violation found
     */
    public static List<Violation> check(ClusterProfile profile, String cloudType, String path) {
        List<Violation> v = new ArrayList<>();
        List<Pack> packs = profile.packs();
        boolean addOnProfile = !packs.isEmpty() && packs.stream().allMatch(p -> p.layer() == Layer.ADDON);
        if (!addOnProfile) {
            exactlyOne(packs, Layer.OS, "an OS", path, v);
            exactlyOne(packs, Layer.KUBERNETES, "a Kubernetes", path, v);
            exactlyOne(packs, Layer.CNI, "a CNI", path, v);
            long csi = packs.stream().filter(p -> p.layer() == Layer.CSI).count();
            if (csi > 1) {
                v.add(Violation.of(path + ".packs", csi + " packs in layer csi; at most one allowed"));
            }
        }
        Layer previous = null;
        for (int i = 0; i < packs.size(); i++) {
            Pack p = packs.get(i);
            String at = path + ".packs[" + i + "]";
            if (previous != null && p.layer().ordinal() < previous.ordinal()) {
                v.add(Violation.of(at + ".layer", "layer " + p.layer().packJsonName() + " of pack '" + p.name()
                        + "' comes after layer " + previous.packJsonName() + "; layers go os, k8s, cni, csi, addon"));
            }
            previous = p.layer();
            if (cloudType != null && !p.supportsCloud(cloudType)) {
                v.add(Violation.of(at, "pack '" + p.name() + "' does not support cloud type '" + cloudType
                        + "' (supports: " + String.join(", ", p.cloudTypes()) + ")"));
            }
        }
        return v;
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
