package dev.palette.sdk.core.internal.reconcile;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

/**
 * What every new machine of a pass is made from, besides its pool's size and zone: the image, the
 * Kubernetes version of this step of the upgrade path, and the hash of the bootstrap configuration (the
 * Kubernetes layer's resolved values). A machine's {@code templateHash} is {@link #hash} of the values it
 * was created with; when its bootstrap part differs, the Kubernetes layer's values changed.
 *
 * @param imageId the image new machines boot
 * @param kubernetesVersion the Kubernetes version new machines run
 * @param bootstrapHash the hash of the bootstrap configuration; empty when unknown
 * @param imageLabels image id to the OS layer it was made from ({@code ubuntu 22.04}), to word reasons
 * @param knownZones {@code pool/zone} of the zones each pool had when last reconciled, to tell an
 *     added zone from one a scale-down emptied
 */
record MachineTemplate(String imageId, String kubernetesVersion, String bootstrapHash, Map<String, String> imageLabels,
                       java.util.Set<String> knownZones) {

    MachineTemplate(String imageId, String kubernetesVersion) {
        this(imageId, kubernetesVersion, "", Map.of(), java.util.Set.of());
    }

    /**
     * The template hash of a machine with these values: 8 hex digits over everything, then the first 8 of
     * the bootstrap hash, so a pass can tell a changed bootstrap configuration without hashing each machine.
     */
    static String hash(String imageId, String kubernetesVersion, String instanceType, int diskGiB, String bootstrapHash) {
        return sha256(imageId + '\n' + kubernetesVersion + '\n' + instanceType + '\n' + diskGiB + '\n' + bootstrapHash, 8)
                + bootstrapPart(bootstrapHash);
    }

    /** Whether a machine's template hash was made with another bootstrap configuration than this template's. */
    boolean bootstrapChanged(String machineTemplateHash) {
        return machineTemplateHash.length() == 16 && !bootstrapHash.isEmpty()
                && !machineTemplateHash.endsWith(bootstrapPart(bootstrapHash));
    }

    private static String bootstrapPart(String bootstrapHash) {
        return (bootstrapHash + "00000000").substring(0, 8);
    }

    /** A short SHA-256 of a text, in hex. */
    static String sha256(String text, int hexChars) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d).substring(0, hexChars);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** {@code OS layer changed (ubuntu 22.04 → 24.04)} when both images' OS layers are known. */
    String imageChange(String oldImageId) {
        String before = imageLabels.get(oldImageId);
        String after = imageLabels.get(imageId);
        if (before == null || after == null) {
            return "OS image " + oldImageId + " → " + imageId;
        }
        int a = before.lastIndexOf(' ');
        int b = after.lastIndexOf(' ');
        if (a > 0 && b > 0 && before.substring(0, a).equals(after.substring(0, b))) {
            return "OS layer changed (" + before + " → " + after.substring(b + 1) + ")";
        }
        return "OS layer changed (" + before + " → " + after + ")";
    }
}
