package dev.palette.sdk.api.model;

import dev.palette.sdk.api.internal.Immutable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One machine of a cluster, as the engine last observed it.
 *
 * @param name the machine name, unique in the cluster and used to tag its cloud resources
 * @param pool the pool it belongs to
 * @param role control plane or worker
 * @param phase where it is in its life
 * @param providerId the cloud's id for it (instance id, VM id); empty until created
 * @param zone the availability zone or fault domain it was placed in
 * @param instanceType its instance type
 * @param diskGiB its root disk size
 * @param kubernetesVersion the Kubernetes version it runs
 * @param imageId the VM image it was created from
 * @param templateHash the hash of the machine template it was created from; a machine whose hash
 *     differs from its pool's current template is replaced
 * @param address its private address, empty until known
 * @param createdAt when the engine asked for it
 * @param replacementReasons why it is being replaced; empty while it is current
 * @param labels the node labels the engine last applied to its node (its pool's labels, applied in place)
 * @param taints the node taints the engine last applied to its node (its pool's taints, applied in place)
 */
public record Machine(String name, String pool, MachineRole role, MachinePhase phase, String providerId,
                      String zone, String instanceType, int diskGiB, String kubernetesVersion, String imageId,
                      String templateHash, String address, Instant createdAt, List<String> replacementReasons,
                      Map<String, String> labels, List<Taint> taints) {
    /**
     * Validates and copies the components.
     *
     * @param name the name
     * @param pool the pool
     * @param role the role
     * @param phase the phase
     * @param providerId the provider id, may be {@code null}
     * @param zone the zone, may be {@code null}
     * @param instanceType the instance type, may be {@code null}
     * @param diskGiB the disk size
     * @param kubernetesVersion the Kubernetes version, may be {@code null}
     * @param imageId the image id, may be {@code null}
     * @param templateHash the template hash, may be {@code null}
     * @param address the address, may be {@code null}
     * @param createdAt the creation time
     * @param replacementReasons the reasons, may be {@code null}
     * @param labels the applied labels, may be {@code null}
     * @param taints the applied taints, may be {@code null}
     */
    public Machine {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(pool, "pool");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(phase, "phase");
        providerId = providerId == null ? "" : providerId;
        zone = zone == null ? "" : zone;
        instanceType = instanceType == null ? "" : instanceType;
        kubernetesVersion = kubernetesVersion == null ? "" : kubernetesVersion;
        imageId = imageId == null ? "" : imageId;
        templateHash = templateHash == null ? "" : templateHash;
        address = address == null ? "" : address;
        Objects.requireNonNull(createdAt, "createdAt");
        replacementReasons = Immutable.list(replacementReasons);
        labels = Immutable.map(labels);
        taints = Immutable.list(taints);
    }

    /**
     * A copy in another phase.
     *
     * @param newPhase the phase
     * @return the copy
     */
    public Machine withPhase(MachinePhase newPhase) {
        return toBuilder().phase(newPhase).build();
    }

    /**
     * A new builder.
     *
     * @return the builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A builder holding this machine's values, for edits.
     *
     * @return the builder
     */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.name = name;
        b.pool = pool;
        b.role = role;
        b.phase = phase;
        b.providerId = providerId;
        b.zone = zone;
        b.instanceType = instanceType;
        b.diskGiB = diskGiB;
        b.kubernetesVersion = kubernetesVersion;
        b.imageId = imageId;
        b.templateHash = templateHash;
        b.address = address;
        b.createdAt = createdAt;
        b.replacementReasons = new ArrayList<>(replacementReasons);
        b.labels = labels;
        b.taints = taints;
        return b;
    }

    /** Builds a {@link Machine}. */
    public static final class Builder {
        private String name;
        private String pool;
        private MachineRole role;
        private MachinePhase phase = MachinePhase.PROVISIONING;
        private String providerId;
        private String zone;
        private String instanceType;
        private int diskGiB;
        private String kubernetesVersion;
        private String imageId;
        private String templateHash;
        private String address;
        private Instant createdAt;
        private List<String> replacementReasons = new ArrayList<>();
        private Map<String, String> labels = Map.of();
        private List<Taint> taints = List.of();

        private Builder() {
        }

        /**
         * Sets the name.
         *
         * @param v the name
         * @return this builder
         */
        public Builder name(String v) { this.name = v; return this; }

        /**
         * Sets the pool.
         *
         * @param v the pool
         * @return this builder
         */
        public Builder pool(String v) { this.pool = v; return this; }

        /**
         * Sets the role.
         *
         * @param v the role
         * @return this builder
         */
        public Builder role(MachineRole v) { this.role = v; return this; }

        /**
         * Sets the phase.
         *
         * @param v the phase
         * @return this builder
         */
        public Builder phase(MachinePhase v) { this.phase = v; return this; }

        /**
         * Sets the provider id.
         *
         * @param v the provider id
         * @return this builder
         */
        public Builder providerId(String v) { this.providerId = v; return this; }

        /**
         * Sets the zone.
         *
         * @param v the zone
         * @return this builder
         */
        public Builder zone(String v) { this.zone = v; return this; }

        /**
         * Sets the instance type.
         *
         * @param v the instance type
         * @return this builder
         */
        public Builder instanceType(String v) { this.instanceType = v; return this; }

        /**
         * Sets the disk size in GiB.
         *
         * @param v the disk size in GiB
         * @return this builder
         */
        public Builder diskGiB(int v) { this.diskGiB = v; return this; }

        /**
         * Sets the Kubernetes version.
         *
         * @param v the Kubernetes version
         * @return this builder
         */
        public Builder kubernetesVersion(String v) { this.kubernetesVersion = v; return this; }

        /**
         * Sets the image id.
         *
         * @param v the image id
         * @return this builder
         */
        public Builder imageId(String v) { this.imageId = v; return this; }

        /**
         * Sets the template hash.
         *
         * @param v the template hash
         * @return this builder
         */
        public Builder templateHash(String v) { this.templateHash = v; return this; }

        /**
         * Sets the address.
         *
         * @param v the address
         * @return this builder
         */
        public Builder address(String v) { this.address = v; return this; }

        /**
         * Sets the creation time.
         *
         * @param v the creation time
         * @return this builder
         */
        public Builder createdAt(Instant v) { this.createdAt = v; return this; }

        /**
         * Sets the replacement reasons.
         *
         * @param v the replacement reasons
         * @return this builder
         */
        public Builder replacementReasons(List<String> v) { this.replacementReasons = new ArrayList<>(v); return this; }

        /**
         * Sets the node labels the engine applied.
         *
         * @param v the labels
         * @return this builder
         */
        public Builder labels(Map<String, String> v) { this.labels = v; return this; }

        /**
         * Sets the node taints the engine applied.
         *
         * @param v the taints
         * @return this builder
         */
        public Builder taints(List<Taint> v) { this.taints = v; return this; }

        /**
         * Builds the machine.
         *
         * @return the machine
         */
        public Machine build() {
            return new Machine(name, pool, role, phase, providerId, zone, instanceType, diskGiB, kubernetesVersion,
                    imageId, templateHash, address, createdAt, replacementReasons, labels, taints);
        }
    }
}
