package dev.palette.sdk.cli;

import dev.palette.sdk.api.model.ChangePlan;
import dev.palette.sdk.api.model.CloudConfig;
import dev.palette.sdk.api.model.Cluster;
import dev.palette.sdk.api.model.ClusterProfile;
import dev.palette.sdk.api.model.ClusterSpec;
import dev.palette.sdk.api.model.Layer;
import dev.palette.sdk.api.model.MachinePoolSpec;
import dev.palette.sdk.api.model.Pack;
import dev.palette.sdk.core.PaletteEngine;
import dev.palette.sdk.samples.SamplePacks;
import dev.palette.sdk.testkit.SimCloud;
import dev.palette.sdk.testkit.SimHarness;
import dev.palette.sdk.testkit.SimProvider;
import dev.palette.sdk.testkit.SimWorkloadClusterAccess;
import dev.palette.sdk.testkit.VirtualClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Provisions the quickstart cluster on the simulated cloud (in virtual time, so it takes a moment), then
 * previews a change to it and prints the preview, without applying it.
 */
@Command(name = "plan", mixinStandardHelpOptions = true,
        description = "Preview a change to the quickstart's simulated cluster: which machines would be created, "
                + "replaced (and why) or deleted, in order, and the surge capacity needed. Nothing is changed.")
public final class PlanCommand implements Callable<Integer> {
    @Option(names = "--workers", description = "New worker count.")
    Integer workers;

    @Option(names = "--instance-type", description = "New worker instance type, e.g. sim.xlarge.")
    String instanceType;

    @Option(names = "--disk", description = "New worker disk size in GiB.")
    Integer disk;

    @Option(names = "--kubernetes", description = "New Kubernetes version, e.g. 1.34.1.")
    String kubernetes;

    @Override
    public Integer call() {
        VirtualClock clock = new VirtualClock();
        SimCloud cloud = SimCloud.builder().time(clock).build();
        ClusterProfile profile = SamplePacks.quickstartProfile();
        ClusterSpec spec = ClusterSpec.builder().profile(profile).cloud(CloudConfig.of("sim", "sim-east-1"))
                .controlPlane(3, "sim.large")
                .addWorkerPool(MachinePoolSpec.builder().name("workers").count(3).instanceType("sim.medium")
                        .zones(List.of("sim-east-1a", "sim-east-1b", "sim-east-1c")).build())
                .build();
        try (PaletteEngine engine = PaletteEngine.builder().clock(clock).discoverProviders(false).provider(new SimProvider(cloud))
                .workloadAccess(new SimWorkloadClusterAccess(cloud)).build()) {
            engine.start();
            Cluster c = engine.clusters().create("quickstart", spec);
            SimHarness.runUntil(engine, clock, () -> engine.clusters().get(c.id()).isReady(), Duration.ofHours(1));
            Cluster ready = engine.clusters().get(c.id());
            System.out.println("cluster quickstart: " + ready.status().summary());
            ready.status().machines().forEach(m -> System.out.println("  " + m.name() + "  " + m.instanceType() + "  "
                    + m.diskGiB() + " GiB  Kubernetes " + m.kubernetesVersion()));

            MachinePoolSpec pool = spec.workerPool("workers").orElseThrow();
            MachinePoolSpec.Builder changed = pool.toBuilder();
            if (workers != null) {
                changed.count(workers);
            }
            if (instanceType != null) {
                changed.instanceType(instanceType);
            }
            if (disk != null) {
                changed.diskGiB(disk);
            }
            ClusterSpec newSpec = ready.spec().withWorkerPool(changed.build());
            if (kubernetes != null) {
                List<Pack> packs = new ArrayList<>(profile.packs());
                for (int i = 0; i < packs.size(); i++) {
                    if (packs.get(i).layer() == Layer.KUBERNETES) {
                        packs.set(i, packs.get(i).toBuilder().version(kubernetes).build());
                    }
                }
                newSpec = newSpec.toBuilder().profile(profile.toBuilder().packs(packs).build()).build();
            }
            ChangePlan plan = engine.clusters().plan(c.id(), newSpec);
            System.out.println();
            System.out.println("Preview (nothing was changed):");
            System.out.println(plan.summary());
            return plan.valid() ? 0 : 1;
        }
    }
}
