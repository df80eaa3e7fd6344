package dev.palette.sdk.kubernetes;

import io.fabric8.kubernetes.api.model.PodList;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * fabric8's CRUD mock with the API-server behaviours the workload access needs and the mock lacks (checked
 * on 7.9.0): the Eviction subresource (the mock stores a POST to {@code pods/x/eviction} as a new object
 * and leaves the pod), the {@code spec.nodeName} field selector on pods (the mock answers no items), and
 * server-side apply (the mock answers 404 or 415). An eviction deletes the pod, as the API server does when
 * no disruption budget objects; a test can make a pod's evictions refused with 429, as a budget does. An
 * apply creates or replaces the whole object (no field-manager merge); a test can make an object's applies
 * refused with 422, as an admission webhook or validation does.
 */
final class ApiServerDispatcher extends KubernetesMixedDispatcher {
    private static final Pattern EVICTION = Pattern.compile("/api/v1/namespaces/([^/]+)/pods/([^/?]+)/eviction");
    private static final Pattern POD_LIST = Pattern.compile("(/api/v1/(?:namespaces/[^/]+/)?pods)\\?(.*)");
    private static final String NODE_NAME_SELECTOR = "spec.nodeName=";

    private final Map<String, Integer> refusalsLeft = new ConcurrentHashMap<>();
    private final Map<String, String> applyRefusals = new ConcurrentHashMap<>();
    private final List<String> evictions = new CopyOnWriteArrayList<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final List<String> authorizations = new CopyOnWriteArrayList<>();

    ApiServerDispatcher(Map<ServerRequest, Queue<ServerResponse>> responses) {
        super(responses);
    }

    /** The next evictions of this pod ({@code namespace/name}) are refused as a disruption budget would; -1: all. */
    void refuseEvictions(String podId, int times) {
        refusalsLeft.put(podId, times);
    }

    /** Every apply of the object at this path (e.g. {@code /api/v1/namespaces/x/configmaps/a}) is refused with 422. */
    void refuseApply(String path, String message) {
        applyRefusals.put(path, message);
    }

    /** The pods whose eviction was asked for, in order ({@code namespace/name}), refused ones included. */
    List<String> evictions() {
        return List.copyOf(evictions);
    }

    /** The Authorization headers received, in order. */
    List<String> authorizations() {
        return List.copyOf(authorizations);
    }

    /** Every request received, as {@code METHOD path}. */
    List<String> requests() {
        return List.copyOf(requests);
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        String path = request.getPath();
        requests.add(request.getMethod() + " " + path);
        String auth = request.getHeader("Authorization");
        if (auth != null) {
            authorizations.add(auth);
        }
        Matcher m = EVICTION.matcher(path);
        if (request.method() == HttpMethod.POST && m.matches()) {
            return evict(request, m.group(1), m.group(2));
        }
        String type = request.getHeader("Content-Type");
        if (request.method() == HttpMethod.PATCH && type != null && type.startsWith("application/apply-patch")) {
            return apply(request);
        }
        m = POD_LIST.matcher(path);
        if (request.method() == HttpMethod.GET && m.matches()) {
            String node = nodeSelector(m.group(2));
            if (node != null) {
                return podsOn(request, m.group(1), node);
            }
        }
        return super.dispatch(request);
    }

    private MockResponse evict(RecordedRequest request, String namespace, String name) {
        evictions.add(namespace + "/" + name);
        Integer left = refusalsLeft.computeIfPresent(namespace + "/" + name, (k, n) -> n == 0 ? null : n);
        if (left != null) {
            refusalsLeft.computeIfPresent(namespace + "/" + name, (k, n) -> n < 0 ? n : n - 1);
            return status(429, "TooManyRequests", "Cannot evict pod as it would violate the pod's disruption budget.");
        }
        MockResponse deleted = super.dispatch(new RecordedRequest(request.getHttpVersion(), HttpMethod.DELETE,
                "/api/v1/namespaces/" + namespace + "/pods/" + name, request.getHeaders(), new Buffer()));
        if (deleted.code() == 404) {
            return status(404, "NotFound", "pods \"" + name + "\" not found");
        }
        return status(201, "", "");
    }

    /** Server-side apply as create-or-replace of the whole object. */
    private MockResponse apply(RecordedRequest request) {
        String path = request.getPath().split("\\?")[0];
        String refusal = applyRefusals.get(path);
        if (refusal != null) {
            return status(422, "Invalid", refusal);
        }
        GenericKubernetesResource sent = Serialization.unmarshal(request.getUtf8Body(), GenericKubernetesResource.class);
        var json = request.getHeaders(); // the CRUD store reads the body as JSON whatever the content type says
        MockResponse current = super.dispatch(new RecordedRequest(request.getHttpVersion(), HttpMethod.GET, path, json, new Buffer()));
        if (current.code() == 404) {
            String collection = path.substring(0, path.lastIndexOf('/'));
            return super.dispatch(new RecordedRequest(request.getHttpVersion(), HttpMethod.POST, collection, json,
                    new Buffer().writeUtf8(Serialization.asJson(sent))));
        }
        GenericKubernetesResource old = Serialization.unmarshal(current.getBody().readUtf8(), GenericKubernetesResource.class);
        sent.getMetadata().setResourceVersion(old.getMetadata().getResourceVersion());
        return super.dispatch(new RecordedRequest(request.getHttpVersion(), HttpMethod.PUT, path, json,
                new Buffer().writeUtf8(Serialization.asJson(sent))));
    }

    private MockResponse podsOn(RecordedRequest request, String collection, String node) {
        MockResponse all = super.dispatch(new RecordedRequest(request.getHttpVersion(), HttpMethod.GET, collection,
                request.getHeaders(), new Buffer()));
        PodList list = Serialization.unmarshal(all.getBody().readUtf8(), PodList.class);
        list.setItems(new ArrayList<>(list.getItems().stream()
                .filter(p -> p.getSpec() != null && node.equals(p.getSpec().getNodeName())).toList()));
        return new MockResponse().setResponseCode(200).setBody(Serialization.asJson(list));
    }

    private static String nodeSelector(String query) {
        for (String param : query.split("&")) {
            String decoded = URLDecoder.decode(param, StandardCharsets.UTF_8);
            if (decoded.startsWith("fieldSelector=" + NODE_NAME_SELECTOR)) {
                return decoded.substring(("fieldSelector=" + NODE_NAME_SELECTOR).length());
            }
        }
        return null;
    }

    private static MockResponse status(int code, String reason, String message) {
        Status s = new StatusBuilder().withStatus(code < 300 ? "Success" : "Failure").withCode(code)
                .withReason(reason.isEmpty() ? null : reason).withMessage(message.isEmpty() ? null : message).build();
        return new MockResponse().setResponseCode(code).setBody(Serialization.asJson(s));
    }
}
