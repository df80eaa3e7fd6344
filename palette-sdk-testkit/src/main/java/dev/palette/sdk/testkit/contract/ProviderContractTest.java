package dev.palette.sdk.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.palette.sdk.api.error.QuotaExceededException;
import dev.palette.sdk.api.model.CloudConfig;
import dev.palette.sdk.api.model.ImageReference;
import dev.palette.sdk.api.model.MachineRole;
import dev.palette.sdk.api.provider.CloudProvider;
import dev.palette.sdk.api.provider.ImageInfo;
import dev.palette.sdk.api.provider.ImageRequest;
import dev.palette.sdk.api.provider.LoadBalancerRequest;
import dev.palette.sdk.api.provider.MachineInfo;
import dev.palette.sdk.api.provider.MachineRequest;
import dev.palette.sdk.api.provider.NetworkInfo;
import dev.palette.sdk.api.provider.NetworkRequest;
import dev.palette.sdk.api.provider.ProviderContext;
import dev.palette.sdk.api.provider.ResourceTags;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link CloudProvider}, as a JUnit 5 suite that every provider module extends: creating
 * the same tagged machine twice yields one machine, deleting what is missing succeeds, describe and list
 * see what create made, a fresh provider instance (an engine restarted after a crash) finds what an
 * earlier one made, another cluster's machines stay invisible, quota errors are typed, and the
 * infrastructure calls are idempotent.
 *
 * <p>Subclasses supply the provider (against a simulator or a recorded fake of the cloud), a cloud config,
 * an instance type, a way to exhaust and restore quota, and, if the provider completes its stages on a
 * virtual clock, an {@link #await} that advances it.
 */
public abstract class ProviderContractTest {

    /**
     * The provider under test. Called once per test; may return the same instance.
     *
     * @return the provider
     */
    protected abstract CloudProvider provider();

    /**
     * A second provider instance over the same cloud, as a restarted engine would create it.
     *
     * @return a new provider instance
     */
    protected abstract CloudProvider freshProvider();

    /**
     * The cloud config clusters use in these tests.
     *
     * @return the config
     */
    protected abstract CloudConfig cloudConfig();

    /**
     * An instance type the cloud accepts.
     *
     * @return the instance type
     */
    protected abstract String instanceType();

    /**
     * An image reference the cloud boots.
     *
     * @return the image
     */
    protected abstract ImageReference baseImage();

    /** Makes the next machine creation fail for lack of quota. */
    protected abstract void exhaustQuota();

    /** Undoes {@link #exhaustQuota()}. */
    protected abstract void restoreQuota();

    /**
     * Waits for a stage. The default joins with a 60 s timeout; providers on a virtual clock advance it.
     *
     * @param stage the stage
     * @param <T> the result type
     * @return the result
     */
    protected <T> T await(CompletionStage<T> stage) {
        try {
            return stage.toCompletableFuture().get(60, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new CompletionException(e.getCause());
        } catch (Exception e) {
            throw new AssertionError("provider call did not complete: " + e, e);
        }
    }

    /**
     * Lets time pass for machines to move on (boot, terminate). The default does nothing.
     *
     * @param d how long
     */
    protected void letTimePass(Duration d) {
    }

    /**
     * A context for a new cluster with a unique id.
     *
     * @return the context
     */
    protected ProviderContext newCluster() {
        String id = "c-contract-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put(ResourceTags.CLUSTER_ID, id);
        tags.put(ResourceTags.MANAGED_BY, "palette-sdk");
        return new ProviderContext(id, "contract", cloudConfig(), tags, null);
    }

    /**
     * A machine request for a context.
     *
     * @param ctx the cluster
     * @param name the machine name
     * @return the request
     */
    protected MachineRequest machine(ProviderContext ctx, String name) {
        Map<String, String> tags = new LinkedHashMap<>(ctx.tags());
        tags.put(ResourceTags.MACHINE, name);
        tags.put(ResourceTags.POOL, "workers");
        tags.put(ResourceTags.ROLE, "worker");
        return new MachineRequest(name, "workers", MachineRole.WORKER, instanceType(), 20, "", baseImage().id(),
                "#cloud-config\nhostname: " + name + "\n", tags);
    }

    private Throwable cause(Throwable t) {
        Throwable c = t;
        while (c instanceof CompletionException && c.getCause() != null) {
            c = c.getCause();
        }
        return c;
    }

    @Test
    void creatingTheSameTaggedMachineTwiceYieldsOneMachine() {
        CloudProvider p = provider();
        ProviderContext ctx = newCluster();
        MachineInfo first = await(p.createMachine(ctx, machine(ctx, "workers-a")));
        MachineInfo second = await(p.createMachine(ctx, machine(ctx, "workers-a")));
        assertThat(second.providerId()).isEqualTo(first.providerId());
        assertThat(await(p.listMachines(ctx))).extracting(MachineInfo::machineName).containsExactly("workers-a");
        cleanUp(p, ctx);
    }

    @Test
    void deletingAMissingMachineSucceeds() {
        CloudProvider p = provider();
        ProviderContext ctx = newCluster();
        await(p.deleteMachine(ctx, "never-created"));
        await(p.createMachine(ctx, machine(ctx, "workers-b")));
        await(p.deleteMachine(ctx, "workers-b"));
        letTimePass(Duration.ofMinutes(5));
        await(p.deleteMachine(ctx, "workers-b"));
        assertThat(await(p.describeMachine(ctx, "workers-b"))).isEmpty();
        cleanUp(p, ctx);
    }

    @Test
    void describeAndListSeeWhatCreateMadeWithItsTags() {
        CloudProvider p = provider();
        ProviderContext ctx = newCluster();
        MachineInfo made = await(p.createMachine(ctx, machine(ctx, "workers-c")));
        Optional<MachineInfo> described = await(p.describeMachine(ctx, "workers-c"));
        assertThat(described).isPresent();
        assertThat(described.get().providerId()).isEqualTo(made.providerId());
        assertThat(described.get().tags()).containsEntry(ResourceTags.CLUSTER_ID, ctx.clusterId())
                .containsEntry(ResourceTags.MACHINE, "workers-c");
        assertThat(await(p.listMachines(ctx))).extracting(MachineInfo::providerId).containsExactly(made.providerId());
        cleanUp(p, ctx);
    }

    @Test
    void aFreshProviderFindsWhatACrashedAttemptMade() {
        CloudProvider p = provider();
        ProviderContext ctx = newCluster();
        MachineInfo made = await(p.createMachine(ctx, machine(ctx, "workers-d")));
        CloudProvider restarted = freshProvider();
        assertThat(await(restarted.listMachines(ctx))).extracting(MachineInfo::providerId).containsExactly(made.providerId());
        MachineInfo again = await(restarted.createMachine(ctx, machine(ctx, "workers-d")));
        assertThat(again.providerId()).as("a retried create after a restart makes no second machine").isEqualTo(made.providerId());
        cleanUp(restarted, ctx);
    }

    @Test
    void anotherClustersMachinesAreNotListed() {
        CloudProvider p = provider();
        ProviderContext a = newCluster();
        ProviderContext b = newCluster();
        await(p.createMachine(a, machine(a, "workers-e")));
        await(p.createMachine(b, machine(b, "workers-e")));
        assertThat(await(p.listMachines(a))).hasSize(1).allMatch(m -> m.tags().get(ResourceTags.CLUSTER_ID).equals(a.clusterId()));
        await(p.deleteMachine(a, "workers-e"));
        letTimePass(Duration.ofMinutes(5));
        assertThat(await(p.describeMachine(b, "workers-e"))).as("deleting in one cluster leaves the other's alone").isPresent();
        cleanUp(p, a);
        cleanUp(p, b);
    }

    @Test
    void quotaErrorsAreTypedWithTheProvidersMessage() {
        CloudProvider p = provider();
        ProviderContext ctx = newCluster();
        exhaustQuota();
        try {
            Throwable t = cause(catchThrowable(() -> await(p.createMachine(ctx, machine(ctx, "workers-f")))));
            assertThat(t).isInstanceOf(QuotaExceededException.class);
            assertThat(t.getMessage()).isNotBlank();
            assertThat(((QuotaExceededException) t).retryable()).isTrue();
        } finally {
            restoreQuota();
        }
        MachineInfo after = await(p.createMachine(ctx, machine(ctx, "workers-f")));
        assertThat(after.machineName()).isEqualTo("workers-f");
        cleanUp(p, ctx);
    }

    @Test
    void infrastructureCallsAreIdempotent() {
        CloudProvider p = provider();
        ProviderContext ctx = newCluster();
        NetworkRequest req = new NetworkRequest(List.of(), List.of());
        NetworkInfo first = await(p.ensureNetwork(ctx, req));
        NetworkInfo second = await(p.ensureNetwork(ctx, req));
        assertThat(second.networkId()).isEqualTo(first.networkId());
        String lb1 = await(p.ensureLoadBalancer(ctx, new LoadBalancerRequest(6443, List.of()))).id();
        String lb2 = await(p.ensureLoadBalancer(ctx, new LoadBalancerRequest(6443, List.of()))).id();
        assertThat(lb2).isEqualTo(lb1);
        await(p.deleteInfrastructure(ctx));
        await(p.deleteInfrastructure(ctx));
    }

    @Test
    void anImageWithTheSameSignatureIsFoundAgain() {
        CloudProvider p = provider();
        ProviderContext ctx = newCluster();
        String signature = "contract-" + UUID.randomUUID();
        ImageRequest req = new ImageRequest(baseImage(), signature, List.of("harden"), true, "1.33.6");
        ImageInfo first = await(p.ensureImage(ctx, req));
        ImageInfo second = await(p.ensureImage(ctx, req));
        assertThat(second.imageId()).isEqualTo(first.imageId());
        assertThat(second.origin()).isEqualTo(ImageInfo.Origin.REUSED);
        letTimePass(Duration.ofMinutes(5));
        assertThat(await(p.listMachines(ctx))).as("no builder machine is left").isEmpty();
        cleanUp(p, ctx);
    }

    private void cleanUp(CloudProvider p, ProviderContext ctx) {
        for (MachineInfo m : await(p.listMachines(ctx))) {
            await(p.deleteMachine(ctx, m.machineName()));
        }
        letTimePass(Duration.ofMinutes(5));
        await(p.deleteInfrastructure(ctx));
    }
}
