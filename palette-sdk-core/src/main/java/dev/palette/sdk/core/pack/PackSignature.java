package dev.palette.sdk.core.pack;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.palette.sdk.api.model.ImageReference;
import dev.palette.sdk.api.model.Pack;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The signature a customized image is tagged with, so that a later cluster reuses the image instead of
 * building it again: SHA-256 (lower-case hex) over the canonical form of the OS pack's definition plus
 * the Kubernetes version installed on it.
 *
 * <p>The canonical form is JSON with every object's keys sorted and no white space, of: the pack's name
 * and version, its image references, Ansible roles (in order: they run in order), {@code skipK8sInstall},
 * annotations, parsed values, and the Kubernetes version. It is made from the parsed pack, so the key
 * order and white space of {@code pack.json} and {@code values.yaml} do not change it, while anything
 * that changes the image does, such as one Ansible role. The registry the pack came from and its display
 * name do not count: the same pack from a mirror makes the same image.
 */
public final class PackSignature {
    private static final ObjectMapper CANONICAL = JsonMapper.builder()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
            .build();

    private PackSignature() {
    }

    /**
     * The signature of an image built from an OS pack with a Kubernetes version.
     *
     * @param os the OS pack
     * @param kubernetesVersion the Kubernetes version installed (empty when none is)
     * @return 64 lower-case hex digits
     */
    public static String of(Pack os, String kubernetesVersion) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(canonicalForm(os, kubernetesVersion).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JDK", e);
        }
    }

    /**
     * The canonical text the signature is computed over, for inspection.
     *
     * @param os the OS pack
     * @param kubernetesVersion the Kubernetes version installed (empty when none is)
     * @return compact JSON with sorted keys
     */
    public static String canonicalForm(Pack os, String kubernetesVersion) {
        Map<String, Object> def = new TreeMap<>();
        def.put("name", os.name());
        def.put("version", os.version());
        def.put("skipK8sInstall", os.skipK8sInstall());
        def.put("ansibleRoles", os.ansibleRoles());
        List<Map<String, Object>> images = new ArrayList<>();
        for (ImageReference r : os.images()) {
            Map<String, Object> m = new TreeMap<>();
            m.put("cloud", r.cloud());
            m.put("region", r.region());
            m.put("id", r.id());
            m.put("attributes", r.attributes());
            images.add(m);
        }
        images.sort((a, b) -> String.valueOf(a.get("cloud")).compareTo(String.valueOf(b.get("cloud"))));
        def.put("images", images);
        def.put("annotations", os.annotations());
        def.put("values", os.values());
        def.put("kubernetesVersion", kubernetesVersion == null ? "" : kubernetesVersion);
        try {
            return CANONICAL.writeValueAsString(def);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("pack values are always serializable", e);
        }
    }
}
