package dev.palette.sdk.kubernetes;

import static dev.palette.sdk.kubernetes.Stages.await;
import static dev.palette.sdk.kubernetes.Stages.failure;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.palette.sdk.api.error.PaletteException;
import dev.palette.sdk.api.error.ValidationException;
import dev.palette.sdk.api.error.Violation;
import dev.palette.sdk.api.store.Secret;
import dev.palette.sdk.api.workload.WorkloadCluster;
import dev.palette.sdk.api.workload.WorkloadTarget;
import dev.palette.sdk.core.bootstrap.ClusterPki;
import dev.palette.sdk.core.store.InMemorySecretStore;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Clients per cluster: made from the stored kubeconfig, reused, replaced, closed. */
class Fabric8WorkloadClusterAccessTest {
    private final MockApiServer api = new MockApiServer();
    private final InMemorySecretStore secrets = new InMemorySecretStore();
    private final List<KubernetesClient> made = new CopyOnWriteArrayList<>();
    private final List<String> madeFor = new CopyOnWriteArrayList<>();
    private final Fabric8WorkloadClusterAccess access = Fabric8WorkloadClusterAccess.builder().secrets(secrets).requestRetries(0)
            .clientFactory((target, config) -> {
                KubernetesClient c = KubernetesClientFactory.standard().create(target, config);
                made.add(c);
                madeFor.add(target.clusterId());
                return c;
            }).build();

    @AfterEach
    void close() {
        access.close();
        api.close();
    }

    private WorkloadTarget target(String clusterId, String token) {
        secrets.put("clusters/" + clusterId + "/kubeconfig", Secret.of("value", api.kubeconfig(token)));
        return new WorkloadTarget(clusterId, api.url(), "clusters/" + clusterId + "/kubeconfig");
    }

    @Test
    void eachClusterGetsOneClientReusedByEveryCallAndClosedOnRelease() {
        WorkloadTarget a = target("c-a", "token-a");
        WorkloadTarget b = target("c-b", "token-b");
        assertThat(made).as("connect alone opens nothing").isEmpty();

        await(access.connect(a).nodes());
        await(access.connect(a).nodes());
        await(access.connect(a).cordon("gone"));
        await(access.connect(b).nodes());

        assertThat(madeFor).containsExactly("c-a", "c-b");
        assertThat(access.openClients()).isEqualTo(2);
        assertThat(api.authorizations()).as("each cluster's own kubeconfig credentials")
                .containsOnly("Bearer token-a", "Bearer token-b").contains("Bearer token-b");

        access.release("c-a");
        access.release("c-unknown");

        assertThat(made.get(0).getHttpClient().isClosed()).isTrue();
        assertThat(made.get(1).getHttpClient().isClosed()).isFalse();
        assertThat(access.openClients()).isEqualTo(1);
        await(access.connect(a).nodes());
        assertThat(madeFor).as("a released cluster gets a new client on its next call").containsExactly("c-a", "c-b", "c-a");
    }

    @Test
    void closeClosesEveryClientAndLaterCallsFail() {
        await(access.connect(target("c-a", "a")).nodes());
        await(access.connect(target("c-b", "b")).nodes());
        WorkloadCluster later = access.connect(target("c-c", "c"));

        access.close();

        assertThat(made).hasSize(2).allMatch(c -> c.getHttpClient().isClosed());
        assertThat(access.openClients()).isZero();
        assertThat(failure(later.nodes()).getMessage()).contains("access is closed");
    }

    @Test
    void aNewEndpointGetsANewClient() {
        WorkloadTarget t = target("c-a", "a");
        await(access.connect(t).nodes());

        await(access.connect(new WorkloadTarget("c-a", api.url().replace("localhost", "127.0.0.1"), t.kubeconfigSecretKey())).nodes());

        assertThat(made).hasSize(2);
        assertThat(made.get(0).getHttpClient().isClosed()).isTrue();
    }

    @Test
    void refusedCredentialsDropTheClientSoTheNextCallReadsTheKubeconfigAgain() {
        WorkloadTarget t = target("c-a", "expired");
        api.server().expect().get().withPath("/api/v1/nodes?limit=500").andReturn(401, new StatusBuilder().withCode(401)
                .withReason("Unauthorized").withMessage("Unauthorized").build()).times(2); // fabric8 itself tries once more

        PaletteException e = failure(access.connect(t).nodes());
        secrets.put(t.kubeconfigSecretKey(), Secret.of("value", api.kubeconfig("renewed")));
        await(access.connect(t).nodes());

        assertThat(e.retryable()).isTrue();
        assertThat(made).hasSize(2);
        assertThat(api.authorizations()).containsExactly("Bearer expired", "Bearer expired", "Bearer renewed");
    }

    @Test
    void aMissingKubeconfigFailsTheCallRetryably() {
        PaletteException e = failure(access.connect(new WorkloadTarget("c-x", api.url(), "clusters/c-x/kubeconfig")).nodes());

        assertThat(e.retryable()).isTrue();
        assertThat(e.getMessage()).isEqualTo("cluster c-x: the kubeconfig at secret key clusters/c-x/kubeconfig does not exist");
    }

    @Test
    void anUnreadableKubeconfigFailsWithoutQuotingIt() {
        String planted = "MHcCAQEEIBplantedPrivateKeyMaterial";
        secrets.put("clusters/c-x/kubeconfig", Secret.of("value", "users: [ {user: {client-key-data: " + planted + "}\n  bad: ["));

        PaletteException e = failure(access.connect(new WorkloadTarget("c-x", api.url(), "clusters/c-x/kubeconfig")).nodes());

        assertThat(e.retryable()).isFalse();
        assertThat(e.getMessage()).contains("cluster c-x: the kubeconfig at secret key clusters/c-x/kubeconfig cannot be read");
        assertThat(stackText(e)).doesNotContain(planted);
    }

    @Test
    void theEnginesOwnAdminKubeconfigMakesAWorkingClient() {
        ClusterPki pki = ClusterPki.ensure(secrets, "c-pki", Instant.parse("2026-01-01T00:00:00Z"));
        String key = pki.writeAdminKubeconfig("demo", "https://demo.lb.example:6443", Instant.parse("2026-01-01T00:00:00Z"));
        List<String> servers = new CopyOnWriteArrayList<>();
        try (Fabric8WorkloadClusterAccess viaPki = Fabric8WorkloadClusterAccess.builder().secrets(secrets)
                .clientFactory((target, config) -> {
                    servers.add(config.getMasterUrl());
                    assertThat(config.getClientCertData()).isNotBlank();
                    assertThat(config.getClientKeyData()).isNotBlank();
                    // The PKI's TLS setup (client certificate, EC key, CA) is built by the client; only the address
                    // moves to the plain-HTTP mock.
                    return new KubernetesClientBuilder().withConfig(new ConfigBuilder(config).withMasterUrl(api.url()).build()).build();
                }).build()) {
            api.client().resource(TestObjects.node("n-0", "demo-cp-0", Instant.parse("2026-01-01T00:00:00Z"))).create();

            assertThat(await(viaPki.connect(new WorkloadTarget("c-pki", "https://demo.lb.example:6443", key)).nodes()))
                    .extracting(n -> n.machineName()).containsExactly("demo-cp-0");
        }
        assertThat(servers).containsExactly("https://demo.lb.example:6443/");
    }

    @Test
    void badSettingsAreRefusedWithTheirField() {
        assertThatThrownBy(() -> Fabric8WorkloadClusterAccess.builder().build())
                .isInstanceOf(ValidationException.class).satisfies(e -> assertThat(paths(e)).containsExactly("secrets"));
        assertThatThrownBy(() -> Fabric8WorkloadClusterAccess.builder().threads(0))
                .isInstanceOf(ValidationException.class).satisfies(e -> assertThat(paths(e)).containsExactly("threads"));
        assertThatThrownBy(() -> Fabric8WorkloadClusterAccess.builder().timeouts(Duration.ofSeconds(1), Duration.ZERO))
                .isInstanceOf(ValidationException.class).satisfies(e -> assertThat(paths(e)).containsExactly("requestTimeout"));
        assertThatThrownBy(() -> Fabric8WorkloadClusterAccess.builder().requestRetries(-1))
                .isInstanceOf(ValidationException.class).satisfies(e -> assertThat(paths(e)).containsExactly("requestRetries"));
    }

    private static List<String> paths(Throwable e) {
        return ((ValidationException) e).violations().stream().map(Violation::path).toList();
    }

    private static String stackText(Throwable e) {
        StringBuilder out = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            out.append(t).append('\n');
        }
        return out.toString();
    }
}
