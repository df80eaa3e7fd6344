package dev.palette.sdk.kubernetes;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;

/**
 * A fabric8 mock API server in CRUD mode (plain HTTP) with eviction and the node field selector (see
 * {@link ApiServerDispatcher}), a client of its own to arrange and inspect objects, and kubeconfigs that
 * point at it.
 */
final class MockApiServer implements AutoCloseable {
    private final Map<ServerRequest, Queue<ServerResponse>> responses = new HashMap<>();
    private final ApiServerDispatcher dispatcher = new ApiServerDispatcher(responses);
    private final KubernetesMockServer server;
    private final KubernetesClient client;

    MockApiServer() {
        server = new KubernetesMockServer(new Context(Serialization.jsonMapper()), new MockWebServer(), responses, dispatcher, false);
        server.init();
        client = server.createClient();
    }

    /** The test's own client: arranges and inspects objects. */
    KubernetesClient client() {
        return client;
    }

    /** The server, for expectations. */
    KubernetesMockServer server() {
        return server;
    }

    /** The API server URL. */
    String url() {
        return server.url("/").toString();
    }

    /** The next {@code times} evictions of this pod ({@code namespace/name}) are refused with 429; -1: all. */
    void refuseEvictions(String podId, int times) {
        dispatcher.refuseEvictions(podId, times);
    }

    /** Every server-side apply of the object at this path is refused with 422 and this message. */
    void refuseApply(String path, String message) {
        dispatcher.refuseApply(path, message);
    }

    /** Every request received so far, as {@code METHOD path}. */
    List<String> requests() {
        return dispatcher.requests();
    }

    /** The Authorization headers received so far. */
    List<String> authorizations() {
        return dispatcher.authorizations();
    }

    /** The evictions asked for so far. */
    List<String> evictions() {
        return dispatcher.evictions();
    }

    /** A kubeconfig for this server with a bearer token, the shape a host's kubeconfig would have. */
    String kubeconfig(String token) {
        return """
                apiVersion: v1
                kind: Config
                clusters:
                - name: mock
                  cluster:
                    server: %s
                users:
                - name: admin
                  user:
                    token: %s
                contexts:
                - name: admin@mock
                  context:
                    cluster: mock
                    user: admin
                current-context: admin@mock
                """.formatted(url(), token);
    }

    @Override
    public void close() {
        client.close();
        server.destroy();
    }
}
