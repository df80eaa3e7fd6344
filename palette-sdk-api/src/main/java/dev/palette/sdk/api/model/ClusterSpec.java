package dev.palette.sdk.api.model;

import dev.palette.sdk.api.internal.Immutable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a user wants a cluster to be: the profile it is made from (with cluster-level value overrides
 * and variables), where it runs, and its machine pools and policies.
 *
 * <p>The profile is held by value, so a stored cluster is self-contained: a later edit of the
 * profile in a catalogue changes a cluster only when its spec is updated.
 *
 * @param profile the cluster profile
 * @param packValues cluster-level value overrides per pack name, merged over the profile's
 * @param variables cluster-level variable values, overriding the profile's
 * @param cloud where the cluster runs
 * @param controlPlane the control-plane pool (its name is {@link MachinePoolSpec#CONTROL_PLANE})
 * @param workerPools the worker pools
 * @param health the machine health policy
 * @param upgrade the rolling upgrade policy
 */
public record ClusterSpec(
        ClusterProfile profile,
        Map<String, Map<String, Object>> packValues,
        Map<String, String> variables,
        CloudConfig cloud,
        MachinePoolSpec controlPlane,
        List<MachinePoolSpec> workerPools,
        HealthPolicy health,
        UpgradePolicy upgrade) {

    /**
     * Copies the components; {@code null} policies become their defaults. Validation with field paths
     * happens in the engine, so that every violation can be reported at once.
     *
     * @param profile the profile, may be {@code null} (refused by validation)
     * @param packValues the overrides, may be {@code null}
     * @param variables the variables, may be {@code null}
     * @param cloud the cloud, may be {@code null} (refused by validation)
     * @param controlPlane the control plane, may be {@code null} (refused by validation)
     * @param workerPools the worker pools, may be {@code null}
     * @param health the health policy, may be {@code null}
     * @param upgrade the upgrade policy, may be {@code null}
     */
    public ClusterSpec {
        Map<String, Map<String, Object>> pv = new LinkedHashMap<>();
        if (packValues != null) {
            packValues.forEach((k, v) -> pv.put(k, Immutable.tree(v)));
        }
        packValues = Immutable.map(pv);
        variables = Immutable.map(variables);
        workerPools = Immutable.list(workerPools);
        health = health == null ? HealthPolicy.DEFAULT : health;
        upgrade = upgrade == null ? UpgradePolicy.DEFAULT : upgrade;
    }

    /**
     * Every pool, control plane first.
     *
     * @return the pools
     */
    public List<MachinePoolSpec> allPools() {
        List<MachinePoolSpec> all = new ArrayList<>();
        if (controlPlane != null) {
            all.add(controlPlane);
        }
        all.addAll(workerPools);
        return List.copyOf(all);
    }

    /**
     * A worker pool by name.
     *
     * @param name the pool name
     * @return the pool, if present
     */
    public Optional<MachinePoolSpec> workerPool(String name) {
        return workerPools.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    /**
     * A copy in which one worker pool (matched by name) is replaced.
     *
     * @param pool the new pool
     * @return the copy
     * @throws IllegalArgumentException if no pool has that name
     */
    public ClusterSpec withWorkerPool(MachinePoolSpec pool) {
        List<MachinePoolSpec> pools = new ArrayList<>(workerPools);
        for (int i = 0; i < pools.size(); i++) {
            if (pools.get(i).name().equals(pool.name())) {
                pools.set(i, pool);
                return toBuilder().workerPools(pools).build();
            }
        }
        throw new IllegalArgumentException("no worker pool named '" + pool.name() + "'");
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
     * A builder holding this spec's values, for edits.
     *
     * @return the builder
     */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.profile = profile;
        b.packValues = new LinkedHashMap<>(packValues);
        b.variables = new LinkedHashMap<>(variables);
        b.cloud = cloud;
        b.controlPlane = controlPlane;
        b.workerPools = new ArrayList<>(workerPools);
        b.health = health;
        b.upgrade = upgrade;
        return b;
    }

    /** Builds a {@link ClusterSpec}. */
    public static final class Builder {
        private ClusterProfile profile;
        private Map<String, Map<String, Object>> packValues = new LinkedHashMap<>();
        private Map<String, String> variables = new LinkedHashMap<>();
        private CloudConfig cloud;
        private MachinePoolSpec controlPlane;
        private List<MachinePoolSpec> workerPools = new ArrayList<>();
        private HealthPolicy health;
        private UpgradePolicy upgrade;

        private Builder() {
        }

        /**
         * Sets the profile.
         *
         * @param v the profile
         * @return this builder
         */
        public Builder profile(ClusterProfile v) { this.profile = v; return this; }

        /**
         * Sets cluster-level value overrides of one pack.
         *
         * @param packName the pack name
         * @param values the overrides tree
         * @return this builder
         */
        public Builder packValues(String packName, Map<String, Object> values) {
            this.packValues.put(packName, values);
            return this;
        }

        /**
         * Sets a variable value.
         *
         * @param key the variable name
         * @param value its value
         * @return this builder
         */
        public Builder variable(String key, String value) {
            this.variables.put(key, value);
            return this;
        }

        /**
         * Sets the cloud config.
         *
         * @param v the cloud config
         * @return this builder
         */
        public Builder cloud(CloudConfig v) { this.cloud = v; return this; }

        /**
         * Sets the control-plane pool: {@code count} machines of {@code instanceType}, named
         * {@link MachinePoolSpec#CONTROL_PLANE}.
         *
         * @param count the number of control-plane machines (1, 3 or 5)
         * @param instanceType the instance type
         * @return this builder
         */
        public Builder controlPlane(int count, String instanceType) {
            this.controlPlane = MachinePoolSpec.builder().name(MachinePoolSpec.CONTROL_PLANE)
                    .count(count).instanceType(instanceType).build();
            return this;
        }

        /**
         * Sets the control-plane pool.
         *
         * @param v the control-plane pool
         * @return this builder
         */
        public Builder controlPlane(MachinePoolSpec v) { this.controlPlane = v; return this; }

        /**
         * Sets a worker pool to add.
         *
         * @param v a worker pool to add
         * @return this builder
         */
        public Builder addWorkerPool(MachinePoolSpec v) { this.workerPools.add(v); return this; }

        /**
         * Sets the worker pools.
         *
         * @param v the worker pools
         * @return this builder
         */
        public Builder workerPools(List<MachinePoolSpec> v) { this.workerPools = new ArrayList<>(v); return this; }

        /**
         * Sets the health policy.
         *
         * @param v the health policy
         * @return this builder
         */
        public Builder health(HealthPolicy v) { this.health = v; return this; }

        /**
         * Sets the upgrade policy.
         *
         * @param v the upgrade policy
         * @return this builder
         */
        public Builder upgrade(UpgradePolicy v) { this.upgrade = v; return this; }

        /**
         * Builds the spec.
         *
         * @return the spec
         */
        public ClusterSpec build() {
            return new ClusterSpec(profile, packValues, variables, cloud, controlPlane, workerPools, health, upgrade);
        }
    }
}
