package dev.palette.sdk.provider.vsphere;

import dev.palette.sdk.api.model.CloudConfig;
import dev.palette.sdk.api.model.ImageReference;
import dev.palette.sdk.api.provider.CloudProvider;
import dev.palette.sdk.testkit.contract.ProviderContractTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The vSphere provider passes the provider contract against VMware's vCenter simulator. */
class VsphereProviderContractTest extends ProviderContractTest {
    static final String TEMPLATE = "contract-ubuntu-template";
    private static Vcsim vcsim;
    private static CloudProvider shared;
    private static final List<CloudProvider> made = new ArrayList<>();

    @BeforeAll
    static void start() {
        vcsim = Vcsim.start();
        vcsim.makeTemplate("DC0_C0_RP0_VM0", TEMPLATE);
        shared = provider(vcsim);
    }

    /** A provider for the simulator with the tests' quick timings. */
    static CloudProvider provider(Vcsim vcsim) {
        VsphereProvider p = VsphereProvider.builder().credentials(Vcsim.USER, Vcsim.PASSWORD).taskPoll(Duration.ofMillis(20))
                .waits(Duration.ofMillis(50), Duration.ofSeconds(30)).build();
        made.add(p);
        return p;
    }

    @Override
    protected CloudProvider provider() {
        return shared;
    }

    @Override
    protected CloudProvider freshProvider() {
        return provider(vcsim);
    }

    @Override
    protected CloudConfig cloudConfig() {
        return vcsim.cloud(Map.of());
    }

    @Override
    protected String instanceType() {
        return "2cpu-4gib";
    }

    @Override
    protected ImageReference baseImage() {
        return ImageReference.of("vsphere", "", TEMPLATE);
    }

    @Override
    protected void exhaustQuota() {
        vcsim.arm("CloneVM_Task", "InsufficientResourcesFault",
                "The available Memory resources in the parent resource pool are insufficient for the operation.", 100);
    }

    @Override
    protected void restoreQuota() {
        vcsim.disarm();
    }

    @AfterAll
    static void stop() {
        made.forEach(CloudProvider::close);
        vcsim.close();
    }
}
