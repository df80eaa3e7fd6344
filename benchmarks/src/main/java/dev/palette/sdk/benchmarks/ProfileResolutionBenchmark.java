package dev.palette.sdk.benchmarks;

import dev.palette.sdk.api.model.ClusterProfile;
import dev.palette.sdk.core.bootstrap.BootstrapSecrets;
import dev.palette.sdk.core.bootstrap.CloudInitRenderer;
import dev.palette.sdk.core.bootstrap.ClusterPki;
import dev.palette.sdk.core.bootstrap.NodeRole;
import dev.palette.sdk.core.pack.ProfileReader;
import dev.palette.sdk.core.pack.ProfileResolver;
import dev.palette.sdk.core.pack.ResolvedProfile;
import dev.palette.sdk.core.store.InMemorySecretStore;
import dev.palette.sdk.samples.SamplePacks;
import java.io.IOException;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Resolving a profile the way the engine does for a new cluster: parse the profile export, look its four
 * packs up in the registry, merge their values with the overrides, and render the first control-plane
 * node's kubeadm user data (PKI already made). Target: at most 5 ms per profile.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class ProfileResolutionBenchmark {
    private String profileText;
    private ProfileResolver resolver;
    private ClusterPki pki;
    private BootstrapSecrets secrets;
    private ResolvedProfile resolved;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        profileText = SamplePacks.quickstartProfileText();
        resolver = new ProfileResolver(SamplePacks.registry());
        InMemorySecretStore store = new InMemorySecretStore();
        pki = ClusterPki.ensure(store, "c-bench", Instant.now());
        secrets = BootstrapSecrets.ensure(store, "c-bench");
        resolved = resolver.resolve(ProfileReader.parse("quickstart-sim.yaml", profileText).profile());
    }

    /** Parse, resolve, merge, render. */
    @Benchmark
    public String resolveAndRender() {
        ClusterProfile p = ProfileReader.parse("quickstart-sim.yaml", profileText).profile();
        ResolvedProfile r = resolver.resolve(p);
        return CloudInitRenderer.render(new CloudInitRenderer.Node(r, "control-plane-abcde", NodeRole.INIT,
                "c-bench.lb.example.com", pki, secrets));
    }

    /** Only the user data of a joining worker, from a profile resolved once (what each new machine costs). */
    @Benchmark
    public String renderUserData() {
        return CloudInitRenderer.render(new CloudInitRenderer.Node(resolved, "workers-abcde", NodeRole.WORKER,
                "c-bench.lb.example.com", pki, secrets));
    }
}
