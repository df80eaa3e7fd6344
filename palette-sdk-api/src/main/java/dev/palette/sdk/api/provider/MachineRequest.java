package dev.palette.sdk.api.provider;

import dev.palette.sdk.api.internal.Immutable;
import dev.palette.sdk.api.model.MachineRole;
import java.util.Map;
import java.util.Objects;

/**
 * A machine to create. The provider tags it (and its disks and NICs) with {@link #tags()}, which include
 * the cluster id and the machine name, and uses the machine name as its idempotency key: creating the
 * same machine twice yields one machine.
 *
 * <p>{@link #userData()} holds bootstrap secrets (tokens, certificate keys); {@code toString} never
 * prints it.
 *
 * @param machineName the machine name, unique in the cluster
 * @param pool the pool name
 * @param role control plane or worker; decides the network domain and security group
 * @param instanceType the instance type
 * @param diskGiB the root disk size
 * @param zone the zone or fault domain; empty for the provider's default
 * @param imageId the image to boot
 * @param userData the cloud-init user data (plain text; the provider encodes it as its cloud needs)
 * @param tags the tags to put on the machine and its disks and NICs
 */
public record MachineRequest(String machineName, String pool, MachineRole role, String instanceType, int diskGiB,
                             String zone, String imageId, String userData, Map<String, String> tags) {
    /**
     * Validates and copies the components.
     *
     * @param machineName the name
     * @param pool the pool
     * @param role the role
     * @param instanceType the instance type
     * @param diskGiB the disk size
     * @param zone the zone, may be {@code null}
     * @param imageId the image id
     * @param userData the user data, may be {@code null}
     * @param tags the tags, may be {@code null}
     */
    public MachineRequest {
        Objects.requireNonNull(machineName, "machineName");
        Objects.requireNonNull(pool, "pool");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(instanceType, "instanceType");
        zone = zone == null ? "" : zone;
        Objects.requireNonNull(imageId, "imageId");
        userData = userData == null ? "" : userData;
        tags = Immutable.map(tags);
    }

    /**
     * Renders every component but the user data, which may hold secrets.
     *
     * @return a redacted rendering
     */
    @Override
    public String toString() {
        return "MachineRequest[machineName=" + machineName + ", pool=" + pool + ", role=" + role + ", instanceType="
                + instanceType + ", diskGiB=" + diskGiB + ", zone=" + zone + ", imageId=" + imageId
                + ", userData=(" + userData.length() + " chars, redacted), tags=" + tags + "]";
    }
}
