package dev.palette.sdk.testkit;

import dev.palette.sdk.api.model.CloudConfig;
import dev.palette.sdk.api.model.ClusterProfile;
import dev.palette.sdk.api.model.ClusterSpec;
import dev.palette.sdk.api.model.Layer;
import dev.palette.sdk.api.model.MachinePoolSpec;
import dev.palette.sdk.api.model.Pack;

/** Small valid cluster specs for the {@code sim} provider, for a host's tests and this project's own. */
public final class SimSpecs {
    private SimSpecs() {
    }

    /**
     * The smallest profile the engine accepts on {@code sim}: ubuntu-sim 22.04, kubernetes 1.33.6, cni-calico.
     *
     * @return the profile
     */
    public static ClusterProfile profile() {
        return ClusterProfile.builder().name("sim-small").version("1.0.0").cloudType("sim")
                .addPack(Pack.builder().name("ubuntu-sim").version("22.04").layer(Layer.OS).skipK8sInstall(true).build())
                .addPack(Pack.builder().name("kubernetes").version("1.33.6").layer(Layer.KUBERNETES).build())
                .addPack(Pack.builder().name("cni-calico").version("3.31.2").layer(Layer.CNI).build()).build();
    }

    /**
     * A cluster of {@code controlPlanes} {@code sim.large} and one pool "workers" of {@code workers}
     * {@code sim.medium} machines in region {@code sim-east-1}.
     *
     * @param controlPlanes control-plane machines (odd)
     * @param workers workers
     * @return the spec
     */
    public static ClusterSpec spec(int controlPlanes, int workers) {
        return ClusterSpec.builder().profile(profile()).cloud(CloudConfig.of("sim", "sim-east-1")).controlPlane(controlPlanes, "sim.large")
                .addWorkerPool(MachinePoolSpec.builder().name("workers").count(workers).instanceType("sim.medium").build()).build();
    }
}
