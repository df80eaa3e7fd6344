package dev.palette.sdk.provider.aws.fake;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A stateful fake of the EC2 and ELBv2 calls the AWS provider makes, as a WireMock extension: VPCs,
 * subnets, internet gateways, route tables, security groups, instances, images, load balancers, target
 * groups and listeners live in memory, answer in the Query API's XML shapes, and refuse what AWS refuses
 * (deleting a VPC that still has subnets, launching beyond the vCPU limit). Instances move on when they
 * are looked at: pending to running, shutting-down to terminated; an image builder powers itself off.
 *
 * <p>Register it with {@code wireMockConfig().extensions(fake)} and route requests to it with
 * {@code stubFor(post("/").willReturn(aResponse().withTransformers(FakeAws.NAME)))}; stubs of higher
 * priority can still answer single calls.
 */
public final class FakeAws implements ResponseDefinitionTransformerV2 {
    /** The transformer's name. */
    public static final String NAME = "fake-aws";
    /** The account that owns what the fake makes. */
    static final String ACCOUNT = "123456789012";

    final String region;
    final Map<String, Resource> resources = new LinkedHashMap<>();   // by id, guarded by this
    final Map<String, String> clientTokens = new HashMap<>();         // RunInstances / CopyImage token -> id
    private final AtomicLong ids = new AtomicLong(0x1000);
    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    private final Map<String, Deque<String[]>> faults = new HashMap<>(); // action -> [status, code, message]
    private volatile int vcpuLimit = Integer.MAX_VALUE;
    private final FakeEc2 ec2 = new FakeEc2(this);
    private final FakeElb elb = new FakeElb(this);

    /**
     * A fake cloud of one region.
     *
     * @param region the region its resources are in
     */
    public FakeAws(String region) {
        this.region = region;
    }

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public boolean applyGlobally() {
        return false;
    }

    @Override
    public ResponseDefinition transform(ServeEvent event) {
        Form form = Form.parse(event.getRequest().getBodyAsString());
        String action = form.get("Action", "");
        boolean isElb = "2015-12-01".equals(form.get("Version"));
        calls.computeIfAbsent(action, a -> new AtomicInteger()).incrementAndGet();
        int status = 200;
        String body;
        try {
            String[] fault = nextFault(action);
            if (fault != null && fault[3] == null) {
                throw new Fault(Integer.parseInt(fault[0]), fault[1], fault[2]);
            }
            synchronized (this) {
                body = isElb ? elb.handle(action, form) : ec2.handle(action, form);
            }
            if (fault != null) { // applied, but the answer is lost in a server error
                throw new Fault(Integer.parseInt(fault[0]), fault[1], fault[2]);
            }
        } catch (Fault f) {
            status = f.status;
            body = isElb ? Xml.elbError(f.code, f.getMessage()) : Xml.ec2Error(f.code, f.getMessage());
        }
        return ResponseDefinitionBuilder.responseDefinition().withStatus(status)
                .withHeader("Content-Type", "text/xml;charset=UTF-8").withBody(body).build();
    }

    /** A refusal, answered in the service's error envelope. */
    static final class Fault extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final int status;
        final String code;

        Fault(int status, String code, String message) {
            super(message, null, false, false);
            this.status = status;
            this.code = code;
        }

        static Fault notFound(String code, String id) {
            return new Fault(400, code, "The ID '" + id + "' does not exist");
        }

        static Fault dependency(String what) {
            return new Fault(400, "DependencyViolation", what);
        }
    }

    // ---- state helpers (called under the lock) ---------------------------------------------------------------

    String newId(String prefix) {
        return prefix + "-0" + Long.toHexString(ids.incrementAndGet()) + "fa4e";
    }

    Resource add(Resource r) {
        resources.put(r.id, r);
        return r;
    }

    List<Resource> all(String type) {
        return resources.values().stream().filter(r -> r.type.equals(type)).toList();
    }

    Resource get(String type, String id, String notFoundCode) {
        Resource r = resources.get(id);
        if (r == null || !r.type.equals(type)) {
            throw Fault.notFound(notFoundCode, id);
        }
        return r;
    }

    int vcpuLimit() {
        return vcpuLimit;
    }

    // ---- test controls ---------------------------------------------------------------------------------------

    /**
     * Adds a public image to the region.
     *
     * @param imageId the AMI id
     * @param name its name
     * @param rootDevice its root device name
     */
    public synchronized void addImage(String imageId, String name, String rootDevice) {
        add(new Resource(imageId, "image", Map.of())).set("name", name).set("state", "available")
                .set("owner-id", "099720109477").set("root-device-name", rootDevice).set("region", region);
    }

    /**
     * Adds a public image to another region, for {@code CopyImage}.
     *
     * @param region that region
     * @param imageId the AMI id
     * @param name its name
     */
    public synchronized void addRemoteImage(String region, String imageId, String name) {
        add(new Resource(region + "/" + imageId, "remote-image", Map.of())).set("name", name).set("region", region);
    }

    /**
     * Adds a VPC made by someone else (untagged), as a user's existing network.
     *
     * @param cidr its block
     * @return its id
     */
    public synchronized String addVpc(String cidr) {
        Resource vpc = add(new Resource(newId("vpc"), "vpc", Map.of())).set("cidr", cidr).set("state", "available");
        vpc.set("vpc-id", vpc.id);
        return vpc.id;
    }

    /**
     * Adds a subnet made by someone else (untagged).
     *
     * @param vpcId its VPC
     * @param zone its zone
     * @param cidr its block
     * @return its id
     */
    public synchronized String addSubnet(String vpcId, String zone, String cidr) {
        Resource s = add(new Resource(newId("subnet"), "subnet", Map.of())).set("vpc-id", vpcId).set("cidr-block", cidr)
                .set("availability-zone", zone).set("map-public-ip", false).set("state", "available");
        s.set("subnet-id", s.id);
        return s.id;
    }

    /**
     * Limits the vCPUs of live instances: launches beyond it fail with {@code VcpuLimitExceeded}.
     *
     * @param limit the limit; {@link Integer#MAX_VALUE} for none
     */
    public void setVcpuLimit(int limit) {
        this.vcpuLimit = limit;
    }

    /**
     * Makes the next calls of an action fail.
     *
     * @param action the API action
     * @param times how many calls
     * @param status the HTTP status
     * @param code the error code
     * @param message the message
     */
    public void failNext(String action, int times, int status, String code, String message) {
        fault(action, times, new String[] {Integer.toString(status), code, message, null});
    }

    /**
     * Makes the next call of an action take effect but answer with an error, as when AWS did the work and
     * the answer was lost.
     *
     * @param action the API action
     * @param status the HTTP status
     * @param code the error code
     * @param message the message
     */
    public void applyThenFail(String action, int status, String code, String message) {
        fault(action, 1, new String[] {Integer.toString(status), code, message, "applied"});
    }

    private synchronized void fault(String action, int times, String[] fault) {
        Deque<String[]> q = faults.computeIfAbsent(action, a -> new ArrayDeque<>());
        for (int i = 0; i < times; i++) {
            q.add(fault);
        }
    }

    private synchronized String[] nextFault(String action) {
        Deque<String[]> q = faults.get(action);
        return q == null ? null : q.poll();
    }

    /**
     * Calls made of an action.
     *
     * @param action the API action
     * @return the count
     */
    public int calls(String action) {
        AtomicInteger n = calls.get(action);
        return n == null ? 0 : n.get();
    }

    /**
     * Instances ever launched with a cluster's id tag, terminated ones included.
     *
     * @param clusterId the cluster
     * @return the count
     */
    public synchronized int instancesLaunched(String clusterId) {
        return (int) all("instance").stream().filter(r -> clusterId.equals(r.tags.get(CLUSTER_TAG))).count();
    }

    /**
     * Live instances of a cluster (not terminated), by state.
     *
     * @param clusterId the cluster
     * @return instance id to state
     */
    public synchronized Map<String, String> instances(String clusterId) {
        Map<String, String> m = new LinkedHashMap<>();
        all("instance").stream().filter(r -> clusterId.equals(r.tags.get(CLUSTER_TAG)))
                .filter(r -> !"terminated".equals(r.attr("instance-state-name")))
                .forEach(r -> m.put(r.id, r.attr("instance-state-name")));
        return m;
    }

    /**
     * A resource's attributes and tags, for assertions.
     *
     * @param id the resource id or ARN
     * @return a copy of its attributes, with its tags under {@code tag:KEY}
     */
    public synchronized Map<String, String> describe(String id) {
        Resource r = resources.get(id);
        if (r == null) {
            return Map.of();
        }
        Map<String, String> m = new LinkedHashMap<>(r.attrs);
        r.tags.forEach((k, v) -> m.put("tag:" + k, v));
        return m;
    }

    /**
     * Parts of a resource (rules of a security group, members of a target group, …), for assertions.
     *
     * @param id the resource id or ARN
     * @return copies of its parts
     */
    public synchronized List<Map<String, String>> parts(String id) {
        Resource r = resources.get(id);
        return r == null ? List.of() : r.parts.stream().map(p -> (Map<String, String>) new LinkedHashMap<>(p)).toList();
    }

    /**
     * Everything still present that carries a cluster's id tag: instances not terminated, VPCs, subnets,
     * gateways, NAT gateways not deleted, Elastic IPs, route tables, security groups, load balancers, target groups. Empty after a complete deletion.
     *
     * @param clusterId the cluster
     * @return {@code type/id} of each
     */
    public synchronized List<String> leftovers(String clusterId) {
        List<String> out = new ArrayList<>();
        for (Resource r : resources.values()) {
            if (clusterId.equals(r.tags.get(CLUSTER_TAG)) && !r.type.equals("image")
                    && !"terminated".equals(r.attr("instance-state-name")) && !"deleted".equals(r.attr("state"))) {
                out.add(r.type + "/" + r.id);
            }
        }
        return out;
    }

    /**
     * Every resource of a type, whoever owns it.
     *
     * @param type {@code vpc}, {@code subnet}, {@code security-group}, {@code instance}, …
     * @return their ids
     */
    public synchronized List<String> ids(String type) {
        return all(type).stream().map(r -> r.id).toList();
    }

    static final String CLUSTER_TAG = "palette.dev/cluster-id";
}
