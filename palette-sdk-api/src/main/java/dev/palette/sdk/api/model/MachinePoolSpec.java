package dev.palette.sdk.api.model;

import dev.palette.sdk.api.internal.Immutable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A pool of identical machines: the control plane, or one worker pool.
 *
 * @param name the pool name, unique within the cluster
 * @param count the desired number of machines
 * @param instanceType the provider's machine size, e.g. {@code m5.large}
 * @param diskGiB the root disk size in GiB
 * @param zones availability zones (or fault domains) to spread machines over evenly; empty for the
 *     provider's default
 * @param labels Kubernetes node labels, applied in place
 * @param taints Kubernetes node taints, applied in place
 * @param health this pool's machine health timeouts; {@code null} for the cluster's
 *     ({@link ClusterSpec#health()}), whose {@code maxUnhealthy} applies to every pool
 */
public record MachinePoolSpec(String name, int count, String instanceType, int diskGiB, List<String> zones,
                              Map<String, String> labels, List<Taint> taints, HealthPolicy health) {
    /** The name of the control-plane pool. */
    public static final String CONTROL_PLANE = "control-plane";

    /**
     * Copies the components; validation with field paths happens in the engine, so that every
     * violation can be reported at once.
     *
     * @param name the name
     * @param count the count
     * @param instanceType the instance type
     * @param diskGiB the disk size
     * @param zones the zones, may be {@code null}
     * @param labels the labels, may be {@code null}
     * @param taints the taints, may be {@code null}
     * @param health the pool's health timeouts, or {@code null} for the cluster's
     */
    public MachinePoolSpec {
        name = name == null ? "" : name;
        instanceType = instanceType == null ? "" : instanceType;
        zones = Immutable.list(zones);
        labels = Immutable.map(labels);
        taints = Immutable.list(taints);
    }

    /**
     * A copy with another count.
     *
     * @param newCount the count
     * @return the copy
     */
    public MachinePoolSpec withCount(int newCount) {
        return toBuilder().count(newCount).build();
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
     * A builder holding this pool's values, for edits.
     *
     * @return the builder
     */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.name = name;
        b.count = count;
        b.instanceType = instanceType;
        b.diskGiB = diskGiB;
        b.zones = new ArrayList<>(zones);
        b.labels = new LinkedHashMap<>(labels);
        b.taints = new ArrayList<>(taints);
        b.health = health;
        return b;
    }

    /** Builds a {@link MachinePoolSpec}. */
    public static final class Builder {
        private String name;
        private int count = 1;
        private String instanceType;
        private int diskGiB = 60;
        private List<String> zones = new ArrayList<>();
        private Map<String, String> labels = new LinkedHashMap<>();
        private List<Taint> taints = new ArrayList<>();
        private HealthPolicy health;

        private Builder() {
        }

        /**
         * Sets the pool name.
         *
         * @param v the pool name
         * @return this builder
         */
        public Builder name(String v) { this.name = v; return this; }

        /**
         * Sets the desired machine count.
         *
         * @param v the desired machine count
         * @return this builder
         */
        public Builder count(int v) { this.count = v; return this; }

        /**
         * Sets the instance type.
         *
         * @param v the instance type
         * @return this builder
         */
        public Builder instanceType(String v) { this.instanceType = v; return this; }

        /**
         * Sets the root disk size in GiB (default 60).
         *
         * @param v the root disk size in GiB (default 60)
         * @return this builder
         */
        public Builder diskGiB(int v) { this.diskGiB = v; return this; }

        /**
         * Sets the zones.
         *
         * @param v the zones
         * @return this builder
         */
        public Builder zones(List<String> v) { this.zones = new ArrayList<>(v); return this; }

        /**
         * Sets the node labels.
         *
         * @param v the node labels
         * @return this builder
         */
        public Builder labels(Map<String, String> v) { this.labels = new LinkedHashMap<>(v); return this; }

        /**
         * Sets the node taints.
         *
         * @param v the node taints
         * @return this builder
         */
        public Builder taints(List<Taint> v) { this.taints = new ArrayList<>(v); return this; }

        /**
         * Sets this pool's health timeouts (default: the cluster's).
         *
         * @param v the policy, or {@code null} for the cluster's
         * @return this builder
         */
        public Builder health(HealthPolicy v) { this.health = v; return this; }

        /**
         * Builds the pool.
         *
         * @return the pool
         */
        public MachinePoolSpec build() {
            return new MachinePoolSpec(name, count, instanceType, diskGiB, zones, labels, taints, health);
        }
    }
}
