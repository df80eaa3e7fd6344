package dev.palette.sdk.provider.aws.fake;

import dev.palette.sdk.provider.aws.fake.FakeAws.Fault;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The ELBv2 actions of {@link FakeAws}; every method runs under the fake's lock. */
final class FakeElb extends FakeService {
    private static final String ARN = "arn:aws:elasticloadbalancing:%s:" + FakeAws.ACCOUNT + ":%s/%s/%s";
    @Override
    String handle(String action, Form f) {
        return switch (action) {
            case "CreateLoadBalancer" -> createLoadBalancer(f);
            case "DescribeLoadBalancers" -> Xml.elb(action, x -> x.members("LoadBalancers", byName(f, "load-balancer",
                    "LoadBalancerNotFound", "LoadBalancerArns"), this::loadBalancer));
            case "DeleteLoadBalancer" -> deleteLoadBalancer(f);
            case "CreateTargetGroup" -> createTargetGroup(f);
            case "DescribeTargetGroups" -> Xml.elb(action, x -> x.members("TargetGroups", byName(f, "target-group",
                    "TargetGroupNotFound", "TargetGroupArns"), this::targetGroup));
            case "DeleteTargetGroup" -> deleteTargetGroup(f);
            case "CreateListener" -> createListener(f);
            case "DescribeListeners" -> Xml.elb(action, x -> x.members("Listeners", listeners(f.get("LoadBalancerArn")),
                    this::listener));
            case "RegisterTargets" -> targets(action, f, true);
            case "DeregisterTargets" -> targets(action, f, false);
            case "DescribeTargetHealth" -> Xml.elb(action, x -> x.members("TargetHealthDescriptions",
                    get("target-group", f.get("TargetGroupArn"), "TargetGroupNotFound").parts, (y, t) -> y
                            .wrap("Target", z -> z.leaf("Id", t.get("id")).leaf("Port", t.get("port")))
                            .wrap("TargetHealth", z -> z.leaf("State", "healthy"))));
            case "DescribeTags" -> Xml.elb(action, x -> x.members("TagDescriptions", f.list("ResourceArns.member"), (y, arn) -> y
                    .leaf("ResourceArn", arn).members("Tags", get(null, arn, "LoadBalancerNotFound").tags.entrySet(),
                            (z, t) -> z.leaf("Key", t.getKey()).leaf("Value", t.getValue()))));
            default -> throw new Fault(400, "InvalidAction", "The fake does not know " + action);
        };
    }

    FakeElb(FakeAws aws) {
        super(aws);
    }

    private Resource get(String type, String arn, String code) {
        Resource r = aws.resources.get(arn);
        if (r == null || type != null && !r.type.equals(type)) {
            throw new Fault(400, code, "One or more resources not found: '" + arn + "'");
        }
        return r;
    }

    /** Describe by names (each must exist) or ARNs. */
    private List<Resource> byName(Form f, String type, String code, String arnParam) {
        List<String> names = f.list("Names.member");
        List<String> arns = f.list(arnParam + ".member");
        List<Resource> out = new ArrayList<>();
        for (String name : names) {
            out.add(aws.all(type).stream().filter(r -> name.equals(r.attr("name"))).findFirst()
                    .orElseThrow(() -> new Fault(400, code, "One or more " + type + "s not found: '" + name + "'")));
        }
        arns.forEach(a -> out.add(get(type, a, code)));
        return names.isEmpty() && arns.isEmpty() ? aws.all(type) : out;
    }

    private String arn(String kind, String type, String name) {
        return String.format(ARN, aws.region, kind, type, name) + "/" + aws.newId("").substring(2);
    }

    private String createLoadBalancer(Form f) {
        String name = f.get("Name");
        Resource lb = aws.all("load-balancer").stream().filter(r -> name.equals(r.attr("name"))).findFirst().orElse(null);
        if (lb == null) {
            List<String> subnets = f.list("Subnets.member");
            if (subnets.isEmpty()) {
                throw new Fault(400, "ValidationError", "At least one subnet must be specified");
            }
            List<Resource> subnetResources = subnets.stream().map(s -> aws.get("subnet", s, "SubnetNotFound")).toList();
            lb = aws.add(new Resource(arn("loadbalancer", "net", name), "load-balancer", f.elbTags())).set("name", name)
                    .set("scheme", f.get("Scheme", "internet-facing")).set("type", f.get("Type", "application"))
                    .set("vpc-id", subnetResources.get(0).attr("vpc-id"))
                    .set("dns", name + "-" + Long.toHexString(name.hashCode() & 0xffffffL) + ".elb." + aws.region + ".amazonaws.com");
            for (Resource s : subnetResources) {
                lb.parts.add(new LinkedHashMap<>(Map.of("subnet", s.id, "zone", s.attr("availability-zone"))));
            }
        }
        Resource made = lb;
        return Xml.elb("CreateLoadBalancer", x -> x.members("LoadBalancers", List.of(made), this::loadBalancer));
    }

    private void loadBalancer(Xml x, Resource r) {
        x.leaf("LoadBalancerArn", r.id).leaf("Scheme", r.attr("scheme")).leaf("LoadBalancerName", r.attr("name"))
                .leaf("VpcId", r.attr("vpc-id")).leaf("DNSName", r.attr("dns"))
                .members("AvailabilityZones", r.parts, (y, p) -> y.leaf("SubnetId", p.get("subnet")).leaf("ZoneName", p.get("zone")))
                .wrap("State", s -> s.leaf("Code", "active")).leaf("Type", r.attr("type"));
    }

    private String deleteLoadBalancer(Form f) {
        Resource lb = get("load-balancer", f.get("LoadBalancerArn"), "LoadBalancerNotFound");
        listeners(lb.id).forEach(l -> aws.resources.remove(l.id));
        aws.resources.remove(lb.id);
        return Xml.elb("DeleteLoadBalancer", x -> { });
    }

    private String createTargetGroup(Form f) {
        String name = f.get("Name");
        Resource tg = aws.all("target-group").stream().filter(r -> name.equals(r.attr("name"))).findFirst().orElse(null);
        if (tg == null) {
            Resource vpc = aws.get("vpc", f.get("VpcId"), "InvalidVpcID.NotFound");
            tg = aws.add(new Resource(arn("targetgroup", name, "").replace("//", "/"), "target-group", f.elbTags()))
                    .set("name", name).set("protocol", f.get("Protocol")).set("port", f.get("Port")).set("vpc-id", vpc.id)
                    .set("target-type", f.get("TargetType", "instance"));
        }
        Resource made = tg;
        return Xml.elb("CreateTargetGroup", x -> x.members("TargetGroups", List.of(made), this::targetGroup));
    }

    private void targetGroup(Xml x, Resource r) {
        x.leaf("TargetGroupArn", r.id).leaf("TargetGroupName", r.attr("name")).leaf("Protocol", r.attr("protocol"))
                .leaf("Port", r.attr("port")).leaf("VpcId", r.attr("vpc-id")).leaf("TargetType", r.attr("target-type"));
    }

    private String deleteTargetGroup(Form f) {
        Resource tg = get("target-group", f.get("TargetGroupArn"), "TargetGroupNotFound");
        if (aws.all("listener").stream().anyMatch(l -> tg.id.equals(l.attr("target-group")))) {
            throw new Fault(400, "ResourceInUse", "Target group '" + tg.id + "' is currently in use by a listener or a rule");
        }
        aws.resources.remove(tg.id);
        return Xml.elb("DeleteTargetGroup", x -> { });
    }

    private List<Resource> listeners(String lbArn) {
        return aws.all("listener").stream().filter(l -> lbArn.equals(l.attr("load-balancer"))).toList();
    }

    private String createListener(Form f) {
        Resource lb = get("load-balancer", f.get("LoadBalancerArn"), "LoadBalancerNotFound");
        Form action = f.objects("DefaultActions.member").get(0);
        Resource tg = get("target-group", action.get("TargetGroupArn"), "TargetGroupNotFound");
        Resource l = listeners(lb.id).stream().filter(x -> f.get("Port").equals(x.attr("port"))).findFirst().orElseGet(() ->
                aws.add(new Resource(lb.id.replace(":loadbalancer/", ":listener/") + "/" + aws.newId("").substring(2),
                        "listener", Map.of())).set("load-balancer", lb.id).set("port", f.get("Port"))
                        .set("protocol", f.get("Protocol")).set("target-group", tg.id));
        return Xml.elb("CreateListener", x -> x.members("Listeners", List.of(l), this::listener));
    }

    private void listener(Xml x, Resource l) {
        x.leaf("ListenerArn", l.id).leaf("LoadBalancerArn", l.attr("load-balancer")).leaf("Port", l.attr("port"))
                .leaf("Protocol", l.attr("protocol")).members("DefaultActions", List.of(l.attr("target-group")),
                        (y, tg) -> y.leaf("Type", "forward").leaf("TargetGroupArn", tg));
    }

    private String targets(String action, Form f, boolean add) {
        Resource tg = get("target-group", f.get("TargetGroupArn"), "TargetGroupNotFound");
        for (Form t : f.objects("Targets.member")) {
            String id = t.get("Id");
            if (add) {
                aws.get("instance", id, "InvalidTarget");
                if (tg.parts.stream().noneMatch(p -> id.equals(p.get("id")))) {
                    tg.parts.add(new LinkedHashMap<>(Map.of("id", id, "port", tg.attr("port"))));
                }
            } else {
                tg.parts.removeIf(p -> id.equals(p.get("id")));
            }
        }
        return Xml.elb(action, x -> { });
    }
}
