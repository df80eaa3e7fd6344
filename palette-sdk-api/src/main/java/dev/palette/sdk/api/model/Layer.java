package dev.palette.sdk.api.model;

import java.util.Locale;

/**
 * The layer a pack occupies in a cluster profile. Profiles keep packs in this order: OS, Kubernetes,
 * CNI, CSI, then add-ons.
 */
public enum Layer {
    /** The operating system of the machines. */
    OS("os"),
    /** The Kubernetes distribution and its configuration. */
    KUBERNETES("k8s"),
    /** The container network interface plugin. */
    CNI("cni"),
    /** The container storage interface plugin. */
    CSI("csi"),
    /** Any other add-on: monitoring, security, applications. */
    ADDON("addon");

    private final String packJsonName;

    Layer(String packJsonName) {
        this.packJsonName = packJsonName;
    }

    /**
     * The name used in {@code pack.json} and profile exports ({@code os}, {@code k8s}, {@code cni},
     * {@code csi}, {@code addon}).
     *
     * @return the published name
     */
    public String packJsonName() {
        return packJsonName;
    }

    /**
     * Parses a published layer name, case-insensitively; accepts {@code kubernetes} for {@code k8s}.
     *
     * @param name the name as published
     * @return the layer
     * @throws IllegalArgumentException for an unknown name, listing the known ones
     */
    public static Layer fromPackJsonName(String name) {
        String n = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        if (n.equals("kubernetes")) {
            return KUBERNETES;
        }
        for (Layer l : values()) {
            if (l.packJsonName.equals(n)) {
                return l;
            }
        }
        throw new IllegalArgumentException("unknown layer '" + name + "' (known: os, k8s, cni, csi, addon)");
    }
}
