package dev.palette.sdk.provider.azure.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.http.HttpHeaders;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.net.URI;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A stateful fake of the Azure Resource Manager calls the Azure provider makes, as a WireMock extension:
 * resource groups, virtual networks with their subnets, network security groups and their rules, public
 * IPs, load balancers, NICs, VMs with their OS disks, disks, images, snapshots, gallery image versions and
 * marketplace images live in memory and answer in ARM's JSON shapes. Writes are long-running operations
 * (201 with {@code Azure-AsyncOperation}, deletes 202 with {@code Location}), polled on
 * {@code /fake-operations/…}. It refuses what ARM refuses: deleting a NIC a VM holds, a subnet NICs are in,
 * a security group NICs use, a public IP a load balancer uses; VMs beyond the cores quota
 * ({@code OperationNotAllowed}); sizes marked unavailable ({@code SkuNotAvailable}). Deleting a VM deletes the
 * NIC and disk it was told to ({@code deleteOption: Delete}); deleting a group deletes what is in it. It also
 * answers the Entra ID token endpoint for service principal logins.
 */
public final class FakeArm implements ResponseDefinitionTransformerV2 {
    /** The transformer's name. */
    public static final String NAME = "fake-arm";
    static final ObjectMapper JSON = new ObjectMapper();
    static final String CLUSTER_TAG = "palette.dev_cluster-id";
    static final Map<String, Integer> CORES = Map.of("standard_d2s_v3", 2, "standard_d4s_v3", 4, "standard_d8s_v3", 8,
            "standard_b2s", 2, "standard_d2s_v5", 2, "standard_d4s_v5", 4, "standard_d8s_v5", 8);

    final String location;
    final Map<String, ArmResource> resources = new LinkedHashMap<>(); // by lower-case id, guarded by this
    final Map<String, ObjectNode> operations = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    private final Map<String, Deque<Fault>> faults = new HashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private final List<String> tokenRequests = new ArrayList<>();
    private final List<String> authorizations = new ArrayList<>();
    final Set<String> unavailableSizes = ConcurrentHashMap.newKeySet();
    final Set<String> marketplace = ConcurrentHashMap.newKeySet();
    private volatile int coreLimit = Integer.MAX_VALUE;
    private final FakeCompute compute = new FakeCompute(this);
    private final FakeNetwork network = new FakeNetwork(this);

    /**
     * A fake cloud of one location.
     *
     * @param location where its resources are
     */
    public FakeArm(String location) {
        this.location = location;
    }

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public boolean applyGlobally() {
        return false;
    }

    /** A refusal or failure to answer with. */
    record Fault(int status, String code, String message, Map<String, String> headers, boolean async, boolean applied) {
    }

    /** What a request is about. */
    record Call(String method, String path, List<String> seg, Map<String, String> query, JsonNode body, String base) {
        String seg(int i) {
            return i < seg.size() ? seg.get(i) : "";
        }

        String lower(int i) {
            return seg(i).toLowerCase(Locale.ROOT);
        }
    }

    /** A refusal, answered in ARM's error envelope. */
    static final class Refusal extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final int status;
        final String code;
        final Map<String, String> headers;

        Refusal(int status, String code, String message) {
            this(status, code, message, Map.of());
        }

        Refusal(int status, String code, String message, Map<String, String> headers) {
            super(message, null, false, false);
            this.status = status;
            this.code = code;
            this.headers = headers;
        }

        static Refusal notFound(String what, String rg) {
            return new Refusal(404, "ResourceNotFound", "The Resource '" + what + "' under resource group '" + rg + "' was not found.");
        }
    }

    /** An answer: status, JSON body (may be null), headers. */
    record Answer(int status, JsonNode body, Map<String, String> headers) {
        static Answer ok(JsonNode body) {
            return new Answer(200, body, Map.of());
        }
    }

    @Override
    public ResponseDefinition transform(ServeEvent event) {
        Request r = event.getRequest();
        URI uri = URI.create(r.getUrl());
        String path = uri.getRawPath();
        List<String> seg = new ArrayList<>();
        for (String s : path.split("/")) {
            if (!s.isEmpty()) {
                seg.add(java.net.URLDecoder.decode(s, java.nio.charset.StandardCharsets.UTF_8));
            }
        }
        Map<String, String> query = new LinkedHashMap<>();
        if (uri.getRawQuery() != null) {
            for (String kv : uri.getRawQuery().split("&")) {
                int i = kv.indexOf('=');
                query.put(i < 0 ? kv : kv.substring(0, i), i < 0 ? "" : java.net.URLDecoder.decode(kv.substring(i + 1),
                        java.nio.charset.StandardCharsets.UTF_8));
            }
        }
        String base = r.getScheme() + "://" + r.getHost() + ":" + r.getPort();
        Answer a;
        try {
            if (path.endsWith("/oauth2/v2.0/token")) {
                a = token(r.getBodyAsString());
            } else {
                synchronized (authorizations) {
                    authorizations.add(r.getHeader("Authorization"));
                }
                JsonNode body = r.getBodyAsString() == null || r.getBodyAsString().isBlank() ? null : JSON.readTree(r.getBodyAsString());
                Call call = new Call(r.getMethod().getName(), path, seg, query, body, base);
                a = route(call);
            }
        } catch (Refusal f) {
            ObjectNode err = JSON.createObjectNode();
            err.withObjectProperty("error").put("code", f.code).put("message", f.getMessage());
            a = new Answer(f.status, err, f.headers);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            ObjectNode err = JSON.createObjectNode();
            err.withObjectProperty("error").put("code", "InvalidRequestContent").put("message", e.getOriginalMessage());
            a = new Answer(400, err, Map.of());
        }
        List<HttpHeader> headers = new ArrayList<>();
        headers.add(new HttpHeader("Content-Type", "application/json; charset=utf-8"));
        a.headers().forEach((k, v) -> headers.add(new HttpHeader(k, v)));
        ResponseDefinitionBuilder b = ResponseDefinitionBuilder.responseDefinition().withStatus(a.status())
                .withHeaders(new HttpHeaders(headers));
        if (a.body() != null) {
            b.withBody(a.body().toString());
        }
        return b.build();
    }

    private Answer token(String form) {
        synchronized (tokenRequests) {
            tokenRequests.add(form);
        }
        ObjectNode t = JSON.createObjectNode();
        t.put("token_type", "Bearer").put("expires_in", 3599).put("ext_expires_in", 3599)
                .put("access_token", "sp-token-" + ids.incrementAndGet());
        return Answer.ok(t);
    }

    private Answer route(Call c) {
        if (c.lower(0).equals("fake-operations")) {
            return operation(c.seg(1));
        }
        if (!c.lower(0).equals("subscriptions") || c.seg().size() < 3) {
            throw new Refusal(404, "NotFound", "no such path " + c.path());
        }
        String key = c.method() + " " + typeName(c);
        calls.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
        Fault f = nextFault(key);
        if (f != null && !f.async() && !f.applied()) {
            throw new Refusal(f.status(), f.code(), f.message(), f.headers());
        }
        synchronized (this) {
            if (c.lower(2).equals("providers")) {
                return compute.locationScoped(c);
            }
            String rg = c.seg(3);
            if (c.seg().size() == 4) {
                return resourceGroup(c, rg);
            }
            requireGroup(rg);
            if (c.seg().size() == 5 && c.lower(4).equals("resources")) {
                return list(r -> r.resourceGroup.equalsIgnoreCase(rg) && !r.type.equals("microsoft.resources/resourcegroups"), true);
            }
            String type = c.lower(5) + "/" + c.lower(6);
            if (c.seg().size() == 7) {
                return list(r -> r.resourceGroup.equalsIgnoreCase(rg) && r.type.equals(type), false);
            }
            String id = "/subscriptions/" + c.seg(1) + "/resourceGroups/" + rg + "/providers/" + c.seg(5) + "/" + c.seg(6) + "/" + c.seg(7);
            Answer a = type.startsWith("microsoft.compute/") ? compute.handle(c, type, id, rg) : network.handle(c, type, id, rg);
            if (f != null && f.applied()) { // done, but the answer is lost in a server error
                throw new Refusal(f.status(), f.code(), f.message(), f.headers());
            }
            if (f != null) { // applied, but the operation ends in failure
                String op = newOperation("async", "Failed", f.code(), f.message());
                ArmResource res = get(id);
                if (res != null) {
                    res.properties().put("provisioningState", "Failed");
                }
                Map<String, String> h = new LinkedHashMap<>(a.headers());
                h.put("Azure-AsyncOperation", c.base() + "/fake-operations/" + op);
                return new Answer(a.status(), a.body(), h);
            }
            return a;
        }
    }

    private static String typeName(Call c) {
        if (c.lower(2).equals("providers")) {
            return c.lower(c.seg().size() - 1).equals("versions") || c.seg().size() > 12 ? "marketplace" : c.seg(6);
        }
        if (c.seg().size() <= 4) {
            return "resourceGroups";
        }
        if (c.seg().size() == 5) {
            return "resources";
        }
        if (c.seg().size() == 10) {
            return c.seg(8);
        }
        if (c.seg().size() == 9) {
            return c.seg(6) + "/" + c.seg(8);
        }
        return c.seg(6);
    }

    // ---- resource groups ------------------------------------------------------------------------------------

    private Answer resourceGroup(Call c, String rg) {
        String id = "/subscriptions/" + c.seg(1) + "/resourceGroups/" + rg;
        ArmResource found = get(id);
        switch (c.method()) {
            case "GET" -> {
                if (found == null) {
                    throw new Refusal(404, "ResourceGroupNotFound", "Resource group '" + rg + "' could not be found.");
                }
                return Answer.ok(found.json);
            }
            case "HEAD" -> {
                return new Answer(found == null ? 404 : 204, null, Map.of());
            }
            case "PUT" -> {
                ObjectNode json = JSON.createObjectNode();
                json.put("id", id).put("name", rg).put("type", "Microsoft.Resources/resourceGroups");
                json.put("location", c.body().path("location").asText(location));
                json.set("tags", c.body().has("tags") ? c.body().get("tags") : JSON.createObjectNode());
                json.withObjectProperty("properties").put("provisioningState", "Succeeded");
                put(new ArmResource(id, "microsoft.resources/resourcegroups", rg, rg, json));
                return new Answer(found == null ? 201 : 200, json, Map.of());
            }
            case "DELETE" -> {
                if (found == null) {
                    throw new Refusal(404, "ResourceGroupNotFound", "Resource group '" + rg + "' could not be found.");
                }
                resources.values().removeIf(r -> r.resourceGroup.equalsIgnoreCase(rg));
                return deleted(c);
            }
            default -> throw new Refusal(405, "MethodNotAllowed", c.method());
        }
    }

    void requireGroup(String rg) {
        if (resources.values().stream().noneMatch(r -> r.type.equals("microsoft.resources/resourcegroups") && r.name.equalsIgnoreCase(rg))) {
            throw new Refusal(404, "ResourceGroupNotFound", "Resource group '" + rg + "' could not be found.");
        }
    }

    private Answer list(java.util.function.Predicate<ArmResource> filter, boolean generic) {
        ArrayNode value = JSON.createArrayNode();
        for (ArmResource r : resources.values()) {
            if (!filter.test(r)) {
                continue;
            }
            if (generic) {
                ObjectNode g = JSON.createObjectNode();
                g.put("id", r.id).put("name", r.name).put("type", r.json.path("type").asText()).put("location", location);
                g.set("tags", r.json.has("tags") ? r.json.get("tags") : JSON.createObjectNode());
                value.add(g);
            } else {
                value.add(r.json.deepCopy());
            }
        }
        ObjectNode out = JSON.createObjectNode();
        out.set("value", value);
        return Answer.ok(out);
    }

    // ---- long-running operations ----------------------------------------------------------------------------

    String newOperation(String kind, String status, String code, String message) {
        String id = "op-" + ids.incrementAndGet();
        ObjectNode op = JSON.createObjectNode().put("kind", kind).put("status", status);
        if (code != null) {
            op.withObjectProperty("error").put("code", code).put("message", message);
        }
        operations.put(id, op);
        return id;
    }

    private Answer operation(String id) {
        ObjectNode op = operations.get(id);
        if (op == null) {
            throw new Refusal(404, "NotFound", "no operation " + id);
        }
        boolean failed = "Failed".equals(op.path("status").asText());
        if ("location".equals(op.path("kind").asText())) {
            if (failed) {
                ObjectNode err = JSON.createObjectNode();
                err.set("error", op.get("error"));
                return new Answer(409, err, Map.of());
            }
            return new Answer(204, null, Map.of());
        }
        ObjectNode out = JSON.createObjectNode().put("name", id).put("status", op.path("status").asText());
        if (failed) {
            out.set("error", op.get("error"));
        }
        return Answer.ok(out);
    }

    /** The answer to a write: 201 or 200 with the resource, finished through an operation to poll. */
    Answer accepted(Call c, ArmResource r, boolean created) {
        String op = newOperation("async", "Succeeded", null, null);
        ObjectNode body = r.json.deepCopy();
        body.withObjectProperty("properties").put("provisioningState", created ? "Creating" : "Updating");
        return new Answer(created ? 201 : 200, body, Map.of("Azure-AsyncOperation", c.base() + "/fake-operations/" + op));
    }

    /** The answer to a delete: 202, finished through an operation to poll. */
    Answer deleted(Call c) {
        String op = newOperation("location", "Succeeded", null, null);
        return new Answer(202, null, Map.of("Location", c.base() + "/fake-operations/" + op));
    }

    // ---- state helpers (called under the lock) --------------------------------------------------------------

    ArmResource get(String id) {
        return resources.get(id.toLowerCase(Locale.ROOT));
    }

    ArmResource require(String id, String what, String rg) {
        ArmResource r = get(id);
        if (r == null) {
            throw Refusal.notFound(what, rg);
        }
        return r;
    }

    void put(ArmResource r) {
        resources.put(r.id.toLowerCase(Locale.ROOT), r);
    }

    void remove(String id) {
        resources.remove(id.toLowerCase(Locale.ROOT));
    }

    /** A new resource's JSON from a PUT body. */
    ObjectNode fromBody(Call c, String id, String name, String armType, ObjectNode existing) {
        ObjectNode json = c.body() == null ? JSON.createObjectNode() : ((ObjectNode) c.body()).deepCopy();
        json.put("id", id).put("name", name).put("type", armType);
        if (!json.has("location")) {
            json.put("location", location);
        }
        if (!json.has("tags")) {
            json.set("tags", existing != null && existing.has("tags") ? existing.get("tags") : JSON.createObjectNode());
        }
        json.withObjectProperty("properties").put("provisioningState", "Succeeded");
        json.put("etag", "W/\"" + ids.incrementAndGet() + "\"");
        return json;
    }

    long nextId() {
        return ids.incrementAndGet();
    }

    int coreLimit() {
        return coreLimit;
    }

    // ---- test controls --------------------------------------------------------------------------------------

    /**
     * Limits the cores of live VMs: creations beyond it are refused with {@code OperationNotAllowed}.
     *
     * @param limit the limit; {@link Integer#MAX_VALUE} for none
     */
    public void setCoreLimit(int limit) {
        this.coreLimit = limit;
    }

    /**
     * Makes a VM size unavailable in the location ({@code SkuNotAvailable}).
     *
     * @param size the size
     * @param unavailable whether it is unavailable
     */
    public void setUnavailable(String size, boolean unavailable) {
        if (unavailable) {
            unavailableSizes.add(size.toLowerCase(Locale.ROOT));
        } else {
            unavailableSizes.remove(size.toLowerCase(Locale.ROOT));
        }
    }

    /**
     * Makes the next calls of a kind fail at once.
     *
     * @param call {@code METHOD type}, e.g. {@code PUT virtualMachines}, {@code GET virtualMachines}
     * @param times how many calls
     * @param status the HTTP status
     * @param code the error code
     * @param message the message
     * @param headers response headers, e.g. {@code Retry-After}
     */
    public synchronized void failNext(String call, int times, int status, String code, String message, Map<String, String> headers) {
        Deque<Fault> q = faults.computeIfAbsent(call, k -> new ArrayDeque<>());
        for (int i = 0; i < times; i++) {
            q.add(new Fault(status, code, message, headers, false, false));
        }
    }

    /**
     * Makes the next write of a kind be accepted but its long-running operation fail (as allocation failures
     * do), leaving the resource in state {@code Failed}.
     *
     * @param call {@code METHOD type}
     * @param code the error code
     * @param message the message
     */
    public synchronized void failAsync(String call, String code, String message) {
        faults.computeIfAbsent(call, k -> new ArrayDeque<>()).add(new Fault(200, code, message, Map.of(), true, false));
    }

    /**
     * Makes the next call of a kind take effect but answer with an error, as when Azure did the work and the
     * answer was lost.
     *
     * @param call {@code METHOD type}
     * @param status the HTTP status
     * @param code the error code
     * @param message the message
     */
    public synchronized void applyThenFail(String call, int status, String code, String message) {
        faults.computeIfAbsent(call, k -> new ArrayDeque<>()).add(new Fault(status, code, message, Map.of(), false, true));
    }

    private synchronized Fault nextFault(String call) {
        Deque<Fault> q = faults.get(call);
        return q == null ? null : q.poll();
    }

    /**
     * Calls made of a kind.
     *
     * @param call {@code METHOD type}, e.g. {@code PUT virtualMachines}
     * @return the count
     */
    public int calls(String call) {
        AtomicInteger n = calls.get(call);
        return n == null ? 0 : n.get();
    }

    /** Forgets counted calls and pending faults. */
    public synchronized void resetCalls() {
        calls.clear();
        faults.clear();
        coreLimit = Integer.MAX_VALUE;
        unavailableSizes.clear();
    }

    /**
     * The form bodies sent to the token endpoint.
     *
     * @return the bodies
     */
    public List<String> tokenRequests() {
        synchronized (tokenRequests) {
            return List.copyOf(tokenRequests);
        }
    }

    /**
     * The {@code Authorization} headers of the ARM calls.
     *
     * @return the headers
     */
    public List<String> authorizations() {
        synchronized (authorizations) {
            return List.copyOf(authorizations);
        }
    }

    /**
     * Adds a marketplace image.
     *
     * @param urn {@code publisher:offer:sku:version}
     */
    public void addMarketplaceImage(String urn) {
        marketplace.add(urn.toLowerCase(Locale.ROOT));
    }

    /**
     * Adds a resource group made by someone else (untagged).
     *
     * @param subscription the subscription
     * @param name its name
     */
    public synchronized void addResourceGroup(String subscription, String name) {
        String id = "/subscriptions/" + subscription + "/resourceGroups/" + name;
        ObjectNode json = JSON.createObjectNode().put("id", id).put("name", name).put("type", "Microsoft.Resources/resourceGroups")
                .put("location", location);
        json.set("tags", JSON.createObjectNode());
        put(new ArmResource(id, "microsoft.resources/resourcegroups", name, name, json));
    }

    /**
     * Adds a resource made by someone else, untagged, with the given JSON properties.
     *
     * @param id its ARM id
     * @param properties its properties
     */
    public synchronized void addResource(String id, ObjectNode properties) {
        String[] s = id.split("/");
        ObjectNode json = JSON.createObjectNode().put("id", id).put("name", s[s.length - 1]).put("type", s[6] + "/" + s[7])
                .put("location", location);
        json.set("tags", JSON.createObjectNode());
        json.set("properties", properties);
        if ((s[6] + "/" + s[7]).equalsIgnoreCase("Microsoft.Network/virtualNetworks")) {
            network.subnetIds(json);
        }
        put(new ArmResource(id, (s[6] + "/" + s[7]).toLowerCase(Locale.ROOT), s[4], s[s.length - 1], json));
    }

    /**
     * Removes a VM as if someone deleted it alone, leaving its NIC and disk detached behind.
     *
     * @param id the VM's id
     */
    public synchronized void detachAndForget(String id) {
        ArmResource vm = get(id);
        remove(id);
        for (ArmResource r : resources.values()) {
            if (r.json.path("managedBy").asText("").equalsIgnoreCase(vm.id)) {
                r.json.remove("managedBy");
            }
            if (r.properties().path("virtualMachine").path("id").asText("").equalsIgnoreCase(vm.id)) {
                r.properties().remove("virtualMachine");
            }
        }
    }

    /**
     * A resource's JSON, for assertions.
     *
     * @param id its id
     * @return a copy, or {@code null}
     */
    public synchronized ObjectNode describe(String id) {
        ArmResource r = get(id);
        return r == null ? null : r.json.deepCopy();
    }

    /**
     * The ids of every resource of a type, whoever owns it.
     *
     * @param type e.g. {@code microsoft.compute/virtualmachines}
     * @return the ids
     */
    public synchronized List<String> ids(String type) {
        return resources.values().stream().filter(r -> r.type.equalsIgnoreCase(type)).map(r -> r.id).toList();
    }

    /**
     * A cluster's live VMs by name.
     *
     * @param clusterId the cluster
     * @return VM name to its JSON
     */
    public synchronized Map<String, ObjectNode> vms(String clusterId) {
        Map<String, ObjectNode> m = new LinkedHashMap<>();
        resources.values().stream().filter(r -> r.type.equals("microsoft.compute/virtualmachines") && clusterId.equals(r.tag(CLUSTER_TAG)))
                .forEach(r -> m.put(r.name, r.json.deepCopy()));
        return m;
    }

    /**
     * Everything still present that carries a cluster's id tag, resource groups included. Empty after a
     * complete deletion.
     *
     * @param clusterId the cluster
     * @return {@code type/name} of each
     */
    public synchronized List<String> leftovers(String clusterId) {
        Set<String> out = new LinkedHashSet<>();
        for (ArmResource r : resources.values()) {
            if (clusterId.equals(r.tag(CLUSTER_TAG))) {
                out.add(r.type + "/" + r.name);
            }
        }
        return List.copyOf(out);
    }
}
