package dev.palette.sdk.api.provider;

import dev.palette.sdk.api.internal.Immutable;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * A machine as its cloud reports it.
 *
 * @param machineName the machine name, read back from its tag
 * @param providerId the cloud's id
 * @param state the cloud's state
 * @param zone where it was placed
 * @param instanceType its instance type
 * @param diskGiB its root disk size
 * @param imageId the image it booted
 * @param address its private address; empty until known
 * @param tags its tags
 * @param launchedAt when the cloud launched it
 */
public record MachineInfo(String machineName, String providerId, MachineState state, String zone,
                          String instanceType, int diskGiB, String imageId, String address, Map<String, String> tags,
                          Instant launchedAt) {
    /**
     * Validates and copies the components.
     *
     * @param machineName the machine name
     * @param providerId the provider id
     * @param state the state
     * @param zone the zone, may be {@code null}
     * @param instanceType the instance type, may be {@code null}
     * @param diskGiB the disk size
     * @param imageId the image id, may be {@code null}
     * @param address the address, may be {@code null}
     * @param tags the tags, may be {@code null}
     * @param launchedAt the launch time
     */
    public MachineInfo {
        Objects.requireNonNull(machineName, "machineName");
        Objects.requireNonNull(providerId, "providerId");
        Objects.requireNonNull(state, "state");
        zone = zone == null ? "" : zone;
        instanceType = instanceType == null ? "" : instanceType;
        imageId = imageId == null ? "" : imageId;
        address = address == null ? "" : address;
        tags = Immutable.map(tags);
        Objects.requireNonNull(launchedAt, "launchedAt");
    }

    /**
     * Whether the cloud still has it (not terminated).
     *
     * @return {@code true} if it exists
     */
    public boolean exists() {
        return state != MachineState.TERMINATED;
    }
}
