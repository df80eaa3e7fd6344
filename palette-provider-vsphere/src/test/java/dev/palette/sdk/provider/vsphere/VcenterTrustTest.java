package dev.palette.sdk.provider.vsphere;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.palette.sdk.api.error.PaletteException;
import dev.palette.sdk.api.provider.Credentials;
import dev.palette.sdk.api.provider.NetworkRequest;
import dev.palette.sdk.api.provider.ProviderContext;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * vCenter's certificate is checked as the cluster says — also after another client in the same JVM (the test's
 * own, trusting everything) connected first, which yavijava alone gets wrong — and errors never show the password.
 */
class VcenterTrustTest {
    private static Vcsim vcsim;
    private static VsphereProvider provider;

    @BeforeAll
    static void start() {
        vcsim = Vcsim.start();
        provider = VsphereProvider.builder().taskPoll(Duration.ofMillis(20)).build();
    }

    @AfterAll
    static void stop() {
        provider.close();
        vcsim.close();
    }

    private static Throwable folderFailure(Map<String, Object> properties, Credentials credentials) {
        ProviderContext ctx = new ProviderContext("c-trust-" + properties.hashCode(), "trust", vcsim.cloud(properties), Map.of(), credentials);
        Throwable t = catchThrowable(() -> provider.ensureNetwork(ctx, new NetworkRequest(List.of(), List.of()))
                .toCompletableFuture().get(30, TimeUnit.SECONDS));
        while (t != null && !(t instanceof PaletteException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    private static Credentials login() {
        return new Credentials(Map.of("username", Vcsim.USER, "password", Vcsim.PASSWORD));
    }

    @Test
    void aCertificateWithAnotherFingerprintIsRefused() {
        Throwable t = folderFailure(Map.of("thumbprint", "00:".repeat(31) + "00"), login());
        assertThat(t).isInstanceOf(PaletteException.class);
        assertThat(t.getMessage()).contains("fingerprint").doesNotContain(Vcsim.PASSWORD);
    }

    @Test
    void theRightFingerprintIsAccepted() throws Exception {
        ProviderContext pinned = new ProviderContext("c-pinned", "pinned", vcsim.cloud(Map.of()), Map.of(), login());
        assertThat(provider.ensureNetwork(pinned, new NetworkRequest(List.of(), List.of())).toCompletableFuture()
                .get(30, TimeUnit.SECONDS).networkId()).isNotBlank();
        assertThat(vcsim.folderExists("palette-c-pinned")).isTrue();
        provider.deleteInfrastructure(pinned).toCompletableFuture().get(30, TimeUnit.SECONDS);
        assertThat(vcsim.folderExists("palette-c-pinned")).isFalse();
    }

    @Test
    void withoutCredentialsTheClusterIsToldWhatToGive() {
        Throwable t = folderFailure(Map.of(), Credentials.NONE);
        assertThat(t).isInstanceOf(PaletteException.class);
        assertThat(t.getMessage()).contains("credentialsRef").contains("username").contains("password");
    }

    @Test
    void anUnknownZoneIsRefusedNamingTheFaultDomains() {
        ProviderContext ctx = new ProviderContext("c-zones", "zones", vcsim.cloud(Map.of("faultDomains", Map.of("az1", "DC0_C0_H0"))),
                Map.of(), login());
        Throwable t = catchThrowable(() -> provider.ensureNetwork(ctx, new NetworkRequest(List.of("az9"), List.of()))
                .toCompletableFuture().join());
        assertThat(t).isInstanceOf(CompletionException.class);
        assertThat(t.getCause().getMessage()).contains("zone 'az9' is not in properties.faultDomains");
    }
}
