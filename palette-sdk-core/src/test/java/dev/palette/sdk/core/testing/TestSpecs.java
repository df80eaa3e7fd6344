package dev.palette.sdk.core.testing;

import dev.palette.sdk.api.model.CloudConfig;
import dev.palette.sdk.api.model.ClusterProfile;
import dev.palette.sdk.api.model.ClusterSpec;
import dev.palette.sdk.api.model.Layer;
import dev.palette.sdk.api.model.MachinePoolSpec;
import dev.palette.sdk.api.model.Pack;
import java.util.List;

/** Small valid specs for core's own tests. */
public final class TestSpecs {
    private TestSpecs() {
    }

    public static Pack pack(String name, String version, Layer layer) {
        return Pack.builder().name(name).version(version).layer(layer).cloudTypes(List.of("all")).build();
    }

    public static ClusterProfile profile() {
        return ClusterProfile.builder().name("base").version("1.0.0").cloudType("fake")
                .addPack(pack("ubuntu", "22.04", Layer.OS))
                .addPack(pack("kubernetes", "1.33.6", Layer.KUBERNETES))
                .addPack(pack("cni-calico", "3.31.2", Layer.CNI))
                .build();
    }

    public static ClusterSpec spec(String provider, int controlPlanes, int workers) {
        return ClusterSpec.builder().profile(profile()).cloud(CloudConfig.of(provider, "region-1"))
                .controlPlane(controlPlanes, "large")
                .addWorkerPool(MachinePoolSpec.builder().name("workers").count(workers).instanceType("medium").build())
                .build();
    }
}
