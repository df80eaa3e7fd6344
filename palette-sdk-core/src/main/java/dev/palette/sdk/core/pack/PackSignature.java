package dev.palette.sdk.core.pack;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.palette.sdk.api.model.ImageReference;
import dev.palette.sdk.api.model.Pack;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The signature a customized image is tagged with: SHA-256 over the canonical form of the OS pack's
 * definition (name, version, image references, Ansible roles, {@code skipK8sInstall}, annotations and
 * parsed values, maps with sorted keys) plus the Kubernetes version installed on it. It does not change
 * with the key order or white space of the published files, and changes with anything that changes
 * the image, such as one Ansible role.
 */
public final class PackSignature {
    private static final ObjectMapper CANONICAL = JsonMapper.builder()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).build();

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
        Map<String, Object> def = new LinkedHashMap<>();
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
            m.put("attributes", new TreeMap<>(r.attributes()));
            images.add(m);
        }
        def.put("images", images);
        def.put("annotations", new TreeMap<>(os.annotations()));
        def.put("values", os.values());
        def.put("kubernetesVersion", kubernetesVersion);
        try {
            byte[] canonical = CANONICAL.writeValueAsBytes(def);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("pack values are always serializable", e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JDK", e);
        }
    }
}
