package dev.palette.sdk.provider.azure.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Deterministic resource names: the same cluster and machine always give the same names, so a PUT repeated
 * after a lost answer or by a restarted engine lands on the resource the first one made (ARM's PUT is an
 * upsert) instead of making a second. Names carry a short hash of the cluster id, so clusters sharing a
 * resource group never collide, and stay within Azure's limits (VMs 64 characters, most others 80).
 */
public final class Names {
    /** The longest VM name Azure accepts for Linux machines. */
    static final int MAX_VM = 64;
    /** The longest name of network resources and disks. */
    static final int MAX = 80;

    private Names() {
    }

    /**
     * The resource group a cluster gets when the config names none.
     *
     * @param clusterId the cluster
     * @return {@code palette-<cluster id>}, within 90 characters
     */
    public static String resourceGroup(String clusterId) {
        return bounded("palette-" + clusterId, "", 90);
    }

    /**
     * The name of a cluster-wide resource, e.g. {@code vnet}, {@code control-plane-nsg}, {@code api-lb}.
     *
     * @param clusterId the cluster
     * @param part what it is
     * @return {@code <cluster-hash>-<part>}
     */
    public static String cluster(String clusterId, String part) {
        return bounded("palette-" + hash(clusterId, 8) + "-" + part, "", MAX);
    }

    /**
     * A machine's VM name.
     *
     * @param clusterId the cluster
     * @param machineName the machine name
     * @return {@code <machine>-<cluster-hash>}, within 64 characters
     */
    public static String vm(String clusterId, String machineName) {
        return bounded(machineName, "-" + hash(clusterId, 6), MAX_VM);
    }

    /**
     * The NIC of a VM.
     *
     * @param vmName the VM name
     * @return {@code <vm>-nic}
     */
    public static String nic(String vmName) {
        return vmName + "-nic";
    }

    /**
     * The OS disk of a VM.
     *
     * @param vmName the VM name
     * @return {@code <vm>-osdisk}
     */
    public static String osDisk(String vmName) {
        return vmName + "-osdisk";
    }

    /**
     * A DNS label for the API server's public IP: unique in the location, stable for the cluster.
     *
     * @param clusterId the cluster
     * @return a label of lower-case letters, digits and hyphens starting with a letter
     */
    public static String dnsLabel(String clusterId) {
        return "palette-" + hash(clusterId, 16);
    }

    /**
     * The hex SHA-256 of a text, shortened.
     *
     * @param s the text
     * @param chars how many hex characters to keep
     * @return the hash
     */
    public static String hash(String s, int chars) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)))
                    .substring(0, chars);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /**
     * A name of letters, digits, hyphens and underscores: the readable base when it fits, otherwise its
     * start and a hash of all of it; the suffix is kept whole.
     */
    static String bounded(String base, String suffix, int max) {
        String clean = base.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_-]", "-").replaceAll("-+", "-").replaceAll("^-|-$", "");
        if (clean.length() + suffix.length() <= max && clean.equals(base.toLowerCase(Locale.ROOT)) && !clean.isEmpty()) {
            return clean + suffix;
        }
        String h = hash(base, 8);
        int keep = Math.max(0, Math.min(clean.length(), max - suffix.length() - h.length() - 1));
        String head = clean.substring(0, keep).replaceAll("-$", "");
        return (head.isEmpty() ? "" : head + "-") + h + suffix;
    }
}
