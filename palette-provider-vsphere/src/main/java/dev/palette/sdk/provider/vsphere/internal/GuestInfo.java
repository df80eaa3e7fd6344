package dev.palette.sdk.provider.vsphere.internal;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The extra config keys cloud-init's VMware datasource reads ({@code guestinfo.userdata},
 * {@code guestinfo.metadata} and their {@code .encoding}): the machine's user data and its instance id and
 * host name.
 */
public final class GuestInfo {
    private GuestInfo() {
    }

    /**
     * The keys for a machine.
     *
     * @param hostname the machine's host name
     * @param instanceId a stable id of this machine
     * @param userData its cloud-init user data
     * @return the extra config keys
     */
    public static Map<String, String> of(String hostname, String instanceId, String userData) {
        Map<String, String> m = new LinkedHashMap<>();
        String metadata = "instance-id: " + instanceId + "\nlocal-hostname: " + hostname + "\n";
        m.put("guestinfo.metadata", b64(metadata));
        m.put("guestinfo.metadata.encoding", "base64");
        m.put("guestinfo.userdata", b64(userData));
        m.put("guestinfo.userdata.encoding", "base64");
        return m;
    }

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }
}
