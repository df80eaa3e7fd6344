package dev.palette.sdk.kubernetes;

import dev.palette.sdk.api.store.Secret;
import dev.palette.sdk.api.workload.WorkloadCluster;
import dev.palette.sdk.api.workload.WorkloadTarget;
import dev.palette.sdk.core.store.InMemorySecretStore;
import java.time.Duration;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One workload cluster as the tests of the access see it: the mock API server, an access whose kubeconfig
 * for cluster {@code c-1} points at it (no request retries, 50 ms rounds for drains and jobs), and the
 * connected cluster. As a {@code @RegisterExtension} field it is closed after each test.
 */
final class ConnectedCluster implements AutoCloseable, AfterEachCallback {
    final MockApiServer api = new MockApiServer();
    final Fabric8WorkloadClusterAccess access;
    final WorkloadCluster cluster;

    ConnectedCluster() {
        InMemorySecretStore secrets = new InMemorySecretStore();
        secrets.put("clusters/c-1/kubeconfig", Secret.of("value", api.kubeconfig("t0ken")));
        access = Fabric8WorkloadClusterAccess.builder().secrets(secrets).drainPollInterval(Duration.ofMillis(50)).requestRetries(0).build();
        cluster = access.connect(new WorkloadTarget("c-1", api.url(), "clusters/c-1/kubeconfig"));
    }

    @Override
    public void afterEach(ExtensionContext context) {
        close();
    }

    @Override
    public void close() {
        access.close();
        api.close();
    }
}
