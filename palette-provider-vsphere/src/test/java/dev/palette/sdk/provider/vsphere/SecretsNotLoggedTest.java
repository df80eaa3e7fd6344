package dev.palette.sdk.provider.vsphere;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.vmware.vim25.OptionValue;
import com.vmware.vim25.mo.VirtualMachine;
import dev.palette.sdk.api.model.Cluster;
import dev.palette.sdk.api.model.ClusterProfile;
import dev.palette.sdk.api.model.ClusterSpec;
import dev.palette.sdk.api.model.Layer;
import dev.palette.sdk.api.model.Machine;
import dev.palette.sdk.api.model.MachinePoolSpec;
import dev.palette.sdk.api.model.Pack;
import dev.palette.sdk.api.store.Secret;
import dev.palette.sdk.api.model.ImageReference;
import dev.palette.sdk.core.EngineSettings;
import dev.palette.sdk.core.PaletteEngine;
import dev.palette.sdk.core.store.InMemorySecretStore;
import dev.palette.sdk.testkit.SecretLeaks;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * With every logger at TRACE but yavijava's SOAP loggers at DEBUG (at TRACE they write whole requests, and the
 * provider refuses to run: LogGuardTest; this test runs in its own surefire execution, logging to a file: see the
 * module's POM), a cluster provisioned in vcsim with a vCenter password from the secret store, through a refused clone,
 * and deleted, logs neither the password nor the machines' guestinfo user data (the cluster's bootstrap tokens
 * and keys), although yavijava and the provider did log.
 */
class SecretsNotLoggedTest {
    @Test
    void noSecretReachesTheLogAtTrace() throws Exception {
        assumeTrue("trace".equals(System.getProperty("org.slf4j.simpleLogger.defaultLogLevel")),
                "run by the secrets-not-logged execution");
        Path logFile = Path.of(System.getProperty("org.slf4j.simpleLogger.logFile"));
        InMemorySecretStore secrets = new InMemorySecretStore();
        secrets.put("vcenter", new Secret(Map.of("username", Vcsim.USER, "password", Vcsim.PASSWORD)));
        List<String> planted = new ArrayList<>(List.of(Vcsim.PASSWORD));
        try (Vcsim vcsim = Vcsim.start();
             PaletteEngine engine = PaletteEngine.builder().discoverProviders(false).secrets(secrets)
                     .provider(VsphereProvider.builder().taskPoll(Duration.ofMillis(20)).build())
                     .settings(EngineSettings.DEFAULTS.withPollInterval(Duration.ofMillis(50))
                             .withBackoff(Duration.ofMillis(5), Duration.ofMillis(200))).build()) {
            vcsim.makeTemplate("DC0_H0_VM0", "secrets-template");
            engine.start();
            ClusterProfile profile = ClusterProfile.builder().name("vsphere-log").version("1.0.0").cloudType("vsphere")
                    .addPack(Pack.builder().name("ubuntu-vsphere").version("22.04").layer(Layer.OS).skipK8sInstall(true)
                            .addImage(ImageReference.of("vsphere", "", "secrets-template")).build())
                    .addPack(Pack.builder().name("kubernetes").version("1.33.6").layer(Layer.KUBERNETES).build())
                    .addPack(Pack.builder().name("cni-calico").version("3.31.2").layer(Layer.CNI).build()).build();
            ClusterSpec spec = ClusterSpec.builder().profile(profile).cloud(vcsim.cloud(Map.of()).withCredentialsRef("vcenter"))
                    .controlPlane(1, "2cpu-4gib")
                    .addWorkerPool(MachinePoolSpec.builder().name("workers").count(1).instanceType("2cpu-4gib").build()).build();
            vcsim.arm("CloneVM_Task", "SystemError", "A general system error occurred: injected", 1);
            Cluster c = engine.clusters().create("secretive", spec);
            Cluster ready = engine.clusters().await(c.id(), Cluster::isReady, Duration.ofSeconds(60));
            planted.addAll(SecretLeaks.recognisable(secrets, "clusters/" + c.id() + "/"));
            for (Machine m : ready.status().machines()) {
                VirtualMachine vm = vcsim.vm(m.name());
                for (OptionValue o : vm.getConfig().getExtraConfig()) {
                    if (o.getKey().equals("guestinfo.userdata")) {
                        planted.add(String.valueOf(o.getValue()).substring(0, 60));
                    }
                }
            }
            engine.clusters().delete(c.id());
            engine.clusters().awaitDeleted(c.id(), Duration.ofSeconds(60));
        }
        String log = Files.readString(logFile);
        assertThat(log).as("yavijava and the engine did log").contains("DEBUG com.vmware.vim25.ws").contains("DEBUG dev.palette");
        assertThat(planted).as("the password, the user data, the cluster's keys and tokens").hasSizeGreaterThan(3);
        assertThat(SecretLeaks.foundIn(log, planted)).as("secrets in the log").isEmpty();
        assertThat(log).doesNotContain("PRIVATE KEY");
    }
}
