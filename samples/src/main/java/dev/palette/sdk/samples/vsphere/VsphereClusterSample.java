package dev.palette.sdk.samples.vsphere;

import dev.palette.sdk.api.model.CloudConfig;
import dev.palette.sdk.api.model.ClusterProfile;
import dev.palette.sdk.api.model.ClusterSpec;
import dev.palette.sdk.api.model.ImageReference;
import dev.palette.sdk.api.model.MachinePoolSpec;
import dev.palette.sdk.api.store.Secret;
import dev.palette.sdk.core.store.InMemorySecretStore;
import dev.palette.sdk.provider.vsphere.VsphereProvider;
import dev.palette.sdk.samples.RealCloudRun;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Provisions a real Kubernetes cluster in a vCenter (1 control plane, 2 workers cloned from the OVA of an
 * Ubuntu OS pack), prints its conditions and machines, and deletes it unless {@code --keep} is given. It is never run by the
 * tests. Every {@code PALETTE_VSPHERE_*} variable below is one property of {@code VsphereCloudConfig}; the
 * password goes to the engine's secret store, never to the cluster's spec.
 *
 * <pre>
 * export PALETTE_VSPHERE_SERVER=vcenter.example.com PALETTE_VSPHERE_USERNAME=administrator@vsphere.local
 * export PALETTE_VSPHERE_PASSWORD=… PALETTE_VSPHERE_THUMBPRINT=AB:CD:…   # the SHA-256 fingerprint of vCenter's certificate
 * export PALETTE_VSPHERE_DATACENTER=DC0 PALETTE_VSPHERE_COMPUTECLUSTER=Cluster-1 PALETTE_VSPHERE_DATASTORE=vsanDatastore
 * export PALETTE_VSPHERE_NETWORK="VM Network" PALETTE_VSPHERE_CONTROLPLANEENDPOINT=10.10.0.100
 * export PALETTE_VSPHERE_OVA=https://…/ubuntu-22.04-k8s.ova                      # the OS pack's image
 * mvn -q -pl samples -am package -DskipTests
 * java -cp "samples/target/classes:$(mvn -q -pl samples dependency:build-classpath -Dmdep.outputFile=/dev/stdout)" \
 *     dev.palette.sdk.samples.vsphere.VsphereClusterSample [--keep]
 * </pre>
 */
public final class VsphereClusterSample {
    private static final String[] PROPERTIES = {"server", "datacenter", "computeCluster", "host", "resourcePool", "datastore",
        "network", "workerNetwork", "folder", "controlPlaneEndpoint", "thumbprint", "caCertificate"};

    private VsphereClusterSample() {
    }

    /**
     * Runs the sample.
     *
     * @param args {@code --keep} to leave the cluster running
     */
    public static void main(String[] args) {
        Map<String, Object> properties = new LinkedHashMap<>();
        for (String p : PROPERTIES) {
            String v = System.getenv("PALETTE_VSPHERE_" + p.toUpperCase(java.util.Locale.ROOT));
            if (v != null && !v.isBlank()) {
                properties.put(p, v);
            }
        }
        InMemorySecretStore secrets = new InMemorySecretStore();
        secrets.put("cloud/vsphere/sample", new Secret(Map.of("username", System.getenv().getOrDefault("PALETTE_VSPHERE_USERNAME", ""),
                "password", System.getenv().getOrDefault("PALETTE_VSPHERE_PASSWORD", ""))));
        CloudConfig cloud = CloudConfig.of(VsphereProvider.ID, "").withProperties(properties).withCredentialsRef("cloud/vsphere/sample");
        ClusterProfile profile = RealCloudRun.profile("vsphere-sample",
                ImageReference.of(VsphereProvider.ID, "", System.getenv().getOrDefault("PALETTE_VSPHERE_OVA", "")));
        ClusterSpec spec = ClusterSpec.builder().profile(profile).cloud(cloud).controlPlane(1, "4cpu-8gib")
                .addWorkerPool(MachinePoolSpec.builder().name("workers").count(2).instanceType("4cpu-16gib").diskGiB(80).build())
                .build();

        RealCloudRun.run(VsphereProvider.builder().build(), secrets, spec, "in VM folder palette-{id}",
                "its VM folder (the imported template stays for the next cluster)", Duration.ofMinutes(45),
                java.util.List.of(args).contains("--keep"));
    }
}
