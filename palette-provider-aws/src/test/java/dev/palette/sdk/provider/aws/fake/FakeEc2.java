package dev.palette.sdk.provider.aws.fake;

import dev.palette.sdk.provider.aws.fake.FakeAws.Fault;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/** The EC2 actions of {@link FakeAws}; every method runs under the fake's lock. */
final class FakeEc2 extends FakeService {
    private static final Map<String, Integer> STATE_CODES = Map.of("pending", 0, "running", 16, "shutting-down", 32,
            "terminated", 48, "stopping", 64, "stopped", 80);
    private static final String VCPU_MESSAGE = "You have requested more vCPU capacity than your current vCPU limit of %d "
            + "allows for the instance bucket that the specified instance type belongs to. Please visit "
            + "http://aws.amazon.com/contact-us/ec2-request to request an adjustment to this limit.";
    FakeEc2(FakeAws aws) {
        super(aws);
    }

    @Override
    String handle(String action, Form f) {
        return switch (action) {
            case "RunInstances" -> runInstances(f);
            case "DescribeInstances" -> describeInstances(f);
            case "TerminateInstances" -> terminateInstances(f);
            case "DescribeImages" -> describeImages(f);
            case "CopyImage" -> copyImage(f);
            case "CreateImage" -> createImage(f);
            case "CreateVpc" -> createVpc(f);
            case "DescribeVpcs" -> describe(action, "vpc", f, "VpcId", "vpcSet", this::vpc);
            case "ModifyVpcAttribute" -> modify(action, aws.get("vpc", f.get("VpcId"), "InvalidVpcID.NotFound"));
            case "DeleteVpc" -> deleteVpc(f);
            case "CreateSubnet" -> createSubnet(f);
            case "DescribeSubnets" -> describe(action, "subnet", f, "SubnetId", "subnetSet", this::subnet);
            case "ModifySubnetAttribute" -> modify(action, aws.get("subnet", f.get("SubnetId"), "InvalidSubnetID.NotFound")
                    .set("map-public-ip", f.get("MapPublicIpOnLaunch.Value")));
            case "DeleteSubnet" -> deleteSubnet(f);
            case "CreateInternetGateway" -> created(action, "internetGateway", aws.add(new Resource(aws.newId("igw"), "igw",
                    f.tagSpec("internet-gateway"))), this::gateway);
            case "AttachInternetGateway" -> modify(action, attach(f));
            case "DescribeInternetGateways" -> describe(action, "igw", f, "InternetGatewayId", "internetGatewaySet", this::gateway);
            case "DetachInternetGateway" -> modify(action, detach(f));
            case "DeleteInternetGateway" -> deleteGateway(f);
            case "CreateRouteTable" -> created(action, "routeTable", aws.add(new Resource(aws.newId("rtb"), "route-table",
                    f.tagSpec("route-table")).set("vpc-id", vpcOf(f).id)), this::routeTable);
            case "CreateRoute" -> modify(action, route(f));
            case "AssociateRouteTable" -> associate(f);
            case "DescribeRouteTables" -> describe(action, "route-table", f, "RouteTableId", "routeTableSet", this::routeTable);
            case "DisassociateRouteTable" -> disassociate(f);
            case "DeleteRouteTable" -> deleteRouteTable(f);
            case "CreateSecurityGroup" -> createSecurityGroup(f);
            case "DescribeSecurityGroups" -> describe(action, "security-group", f, "GroupId", "securityGroupInfo", this::group);
            case "AuthorizeSecurityGroupIngress" -> modify(action, authorize(f, true));
            case "RevokeSecurityGroupIngress" -> modify(action, authorize(f, false));
            case "DeleteSecurityGroup" -> deleteSecurityGroup(f);
            case "AllocateAddress" -> allocateAddress(f);
            case "DescribeAddresses" -> describe(action, "address", f, "AllocationId", "addressesSet", this::address);
            case "ReleaseAddress" -> releaseAddress(f);
            case "CreateNatGateway" -> createNatGateway(f);
            case "DescribeNatGateways" -> describeNatGateways(f);
            case "DeleteNatGateway" -> deleteNatGateway(f);
            default -> throw new Fault(400, "InvalidAction", "The fake does not know " + action);
        };
    }

    // ---- generic ---------------------------------------------------------------------------------------------

    private interface Writer {
        void write(Xml x, Resource r);
    }

    private String describe(String action, String type, Form f, String idParam, String setTag, Writer w) {
        List<String> ids = f.list(idParam);
        for (String id : ids) {
            aws.get(type, id, notFoundCode(type));
        }
        Map<String, List<String>> filters = f.filters();
        List<Resource> found = aws.all(type).stream().filter(r -> ids.isEmpty() || ids.contains(r.id))
                .filter(r -> r.matches(filters)).toList();
        return Xml.ec2(action, x -> x.items(setTag, found, w::write));
    }

    private static String notFoundCode(String type) {
        return switch (type) {
            case "vpc" -> "InvalidVpcID.NotFound";
            case "subnet" -> "InvalidSubnetID.NotFound";
            case "igw" -> "InvalidInternetGatewayID.NotFound";
            case "route-table" -> "InvalidRouteTableID.NotFound";
            case "security-group" -> "InvalidGroup.NotFound";
            case "image" -> "InvalidAMIID.NotFound";
            case "address" -> "InvalidAllocationID.NotFound";
            case "nat" -> "NatGatewayNotFound";
            default -> "InvalidInstanceID.NotFound";
        };
    }

    private static String created(String action, String tag, Resource r, Writer w) {
        return Xml.ec2(action, x -> x.wrap(tag, y -> w.write(y, r)));
    }

    private static String modify(String action, Resource r) {
        return Xml.ec2(action, x -> x.leaf("return", true));
    }

    private Resource vpcOf(Form f) {
        return aws.get("vpc", f.get("VpcId"), "InvalidVpcID.NotFound");
    }

    private void delete(Resource r) {
        aws.resources.remove(r.id);
    }

    private boolean anyLive(Predicate<Resource> p) {
        return aws.resources.values().stream().filter(r -> !"terminated".equals(r.attr("instance-state-name"))
                && !"deleted".equals(r.attr("state"))).anyMatch(p);
    }

    // ---- VPCs, subnets, gateways, route tables ---------------------------------------------------------------

    private String createVpc(Form f) {
        Resource vpc = aws.add(new Resource(aws.newId("vpc"), "vpc", f.tagSpec("vpc")).set("cidr", f.get("CidrBlock"))
                .set("state", "available"));
        vpc.set("vpc-id", vpc.id);
        // Like AWS, every VPC comes with an untagged default security group the provider must leave alone.
        Resource dflt = aws.add(new Resource(aws.newId("sg"), "security-group", Map.of()).set("vpc-id", vpc.id)
                .set("group-name", "default").set("description", "default VPC security group"));
        dflt.set("group-id", dflt.id);
        return created("CreateVpc", "vpc", vpc, this::vpc);
    }

    private void vpc(Xml x, Resource r) {
        x.leaf("vpcId", r.id).leaf("ownerId", FakeAws.ACCOUNT).leaf("state", r.attr("state")).leaf("cidrBlock", r.attr("cidr"))
                .leaf("isDefault", false).tagSet(r.tags);
    }

    private String deleteVpc(Form f) {
        Resource vpc = vpcOf(f);
        if (anyLive(r -> vpc.id.equals(r.attr("vpc-id")) && !r.type.equals("security-group") && !r.type.equals("vpc")
                || r.type.equals("security-group") && vpc.id.equals(r.attr("vpc-id")) && !"default".equals(r.attr("group-name"))
                || r.type.equals("igw") && vpc.id.equals(r.attr("attachment.vpc-id")))) {
            throw Fault.dependency("The vpc '" + vpc.id + "' has dependencies and cannot be deleted.");
        }
        aws.all("security-group").stream().filter(g -> vpc.id.equals(g.attr("vpc-id"))).toList().forEach(this::delete);
        delete(vpc);
        return modify("DeleteVpc", vpc);
    }

    private String createSubnet(Form f) {
        Resource vpc = vpcOf(f);
        String zone = f.get("AvailabilityZone", aws.region + "a");
        if (!zone.startsWith(aws.region)) {
            throw new Fault(400, "InvalidParameterValue", "Value (" + zone + ") for parameter availabilityZone is invalid.");
        }
        String cidr = f.get("CidrBlock");
        if (aws.all("subnet").stream().anyMatch(s -> vpc.id.equals(s.attr("vpc-id")) && cidr.equals(s.attr("cidr-block")))) {
            throw new Fault(400, "InvalidSubnet.Conflict", "The CIDR '" + cidr + "' conflicts with another subnet");
        }
        Resource s = aws.add(new Resource(aws.newId("subnet"), "subnet", f.tagSpec("subnet"))).set("vpc-id", vpc.id)
                .set("cidr-block", cidr).set("availability-zone", zone).set("map-public-ip", false).set("state", "available");
        s.set("subnet-id", s.id);
        return created("CreateSubnet", "subnet", s, this::subnet);
    }

    private void subnet(Xml x, Resource r) {
        x.leaf("subnetId", r.id).leaf("state", r.attr("state")).leaf("vpcId", r.attr("vpc-id")).leaf("cidrBlock", r.attr("cidr-block"))
                .leaf("availabilityZone", r.attr("availability-zone")).leaf("mapPublicIpOnLaunch", r.attr("map-public-ip"))
                .tagSet(r.tags);
    }

    private String deleteSubnet(Form f) {
        Resource s = aws.get("subnet", f.get("SubnetId"), "InvalidSubnetID.NotFound");
        if (anyLive(r -> (r.type.equals("instance") || r.type.equals("nat")) && s.id.equals(r.attr("subnet-id")))
                || aws.all("load-balancer").stream().anyMatch(lb -> lb.parts.stream().anyMatch(p -> s.id.equals(p.get("subnet"))))) {
            throw Fault.dependency("The subnet '" + s.id + "' has dependencies and cannot be deleted.");
        }
        delete(s);
        return modify("DeleteSubnet", s);
    }

    private Resource attach(Form f) {
        Resource g = aws.get("igw", f.get("InternetGatewayId"), "InvalidInternetGatewayID.NotFound");
        Resource vpc = vpcOf(f);
        if (g.attr("attachment.vpc-id") != null && !vpc.id.equals(g.attr("attachment.vpc-id"))) {
            throw new Fault(400, "Resource.AlreadyAssociated", "resource " + g.id + " is already attached to another network");
        }
        return g.set("attachment.vpc-id", vpc.id);
    }

    private Resource detach(Form f) {
        Resource g = aws.get("igw", f.get("InternetGatewayId"), "InvalidInternetGatewayID.NotFound");
        String vpc = g.attr("attachment.vpc-id");
        if (vpc != null && aws.all("address").stream().anyMatch(a -> vpc.equals(a.attr("vpc-id")))) {
            throw Fault.dependency("Network " + vpc + " has some mapped public address(es). Please unmap those public "
                    + "address(es) before detaching the gateway.");
        }
        return g.set("attachment.vpc-id", null);
    }

    private void gateway(Xml x, Resource r) {
        x.leaf("internetGatewayId", r.id).items("attachmentSet", r.attr("attachment.vpc-id") == null ? List.<String>of()
                : List.of(r.attr("attachment.vpc-id")), (y, v) -> y.leaf("vpcId", v).leaf("state", "available")).tagSet(r.tags);
    }

    private String deleteGateway(Form f) {
        Resource g = aws.get("igw", f.get("InternetGatewayId"), "InvalidInternetGatewayID.NotFound");
        if (g.attr("attachment.vpc-id") != null) {
            throw Fault.dependency("The internetGateway '" + g.id + "' has dependencies and cannot be deleted.");
        }
        delete(g);
        return modify("DeleteInternetGateway", g);
    }

    private Resource route(Form f) {
        Resource t = aws.get("route-table", f.get("RouteTableId"), "InvalidRouteTableID.NotFound");
        Map<String, String> route = new LinkedHashMap<>();
        route.put("kind", "route");
        route.put("destination", f.get("DestinationCidrBlock"));
        route.put("gateway", f.get("GatewayId"));
        route.put("nat", f.get("NatGatewayId"));
        if (route.get("nat") != null && !"available".equals(aws.get("nat", route.get("nat"), "NatGatewayNotFound").attr("state"))) {
            throw new Fault(400, "InvalidNatGatewayID.NotFound", "The natGateway ID '" + route.get("nat") + "' is not available");
        }
        t.parts.add(route);
        return t;
    }

    private String associate(Form f) {
        Resource t = aws.get("route-table", f.get("RouteTableId"), "InvalidRouteTableID.NotFound");
        Resource s = aws.get("subnet", f.get("SubnetId"), "InvalidSubnetID.NotFound");
        String id = aws.newId("rtbassoc");
        t.parts.add(new LinkedHashMap<>(Map.of("kind", "association", "id", id, "subnet", s.id)));
        return Xml.ec2("AssociateRouteTable", x -> x.leaf("associationId", id));
    }

    private void routeTable(Xml x, Resource r) {
        x.leaf("routeTableId", r.id).leaf("vpcId", r.attr("vpc-id"))
                .items("routeSet", parts(r, "route"), (y, p) -> y.leaf("destinationCidrBlock", p.get("destination"))
                        .leaf("gatewayId", p.get("gateway")).leaf("natGatewayId", p.get("nat")).leaf("state", "active"))
                .items("associationSet", parts(r, "association"), (y, p) -> y.leaf("routeTableAssociationId", p.get("id"))
                        .leaf("routeTableId", r.id).leaf("subnetId", p.get("subnet")).leaf("main", false))
                .tagSet(r.tags);
    }

    private static List<Map<String, String>> parts(Resource r, String kind) {
        return r.parts.stream().filter(p -> kind.equals(p.get("kind"))).toList();
    }

    private String disassociate(Form f) {
        String id = f.get("AssociationId");
        for (Resource t : aws.all("route-table")) {
            if (t.parts.removeIf(p -> id.equals(p.get("id")))) {
                return modify("DisassociateRouteTable", t);
            }
        }
        throw Fault.notFound("InvalidAssociationID.NotFound", id);
    }

    private String deleteRouteTable(Form f) {
        Resource t = aws.get("route-table", f.get("RouteTableId"), "InvalidRouteTableID.NotFound");
        if (!parts(t, "association").isEmpty()) {
            throw Fault.dependency("The routeTable '" + t.id + "' has dependencies and cannot be deleted.");
        }
        delete(t);
        return modify("DeleteRouteTable", t);
    }

    // ---- Elastic IPs and NAT gateways ----------------------------------------------------------------------

    private String allocateAddress(Form f) {
        Resource a = aws.add(new Resource(aws.newId("eipalloc"), "address", f.tagSpec("elastic-ip")))
                .set("domain", f.get("Domain", "vpc")).set("public-ip", "203.0.113." + (aws.all("address").size() + 10));
        a.set("allocation-id", a.id);
        return Xml.ec2("AllocateAddress", x -> x.leaf("publicIp", a.attr("public-ip")).leaf("domain", a.attr("domain"))
                .leaf("allocationId", a.id));
    }

    private void address(Xml x, Resource r) {
        x.leaf("publicIp", r.attr("public-ip")).leaf("allocationId", r.id).leaf("domain", r.attr("domain"))
                .leaf("associationId", r.attr("association-id")).tagSet(r.tags);
    }

    private String releaseAddress(Form f) {
        Resource a = aws.get("address", f.get("AllocationId"), "InvalidAllocationID.NotFound");
        if (a.attr("association-id") != null) {
            throw new Fault(400, "InvalidIPAddress.InUse", "Address " + a.attr("public-ip") + " is in use.");
        }
        delete(a);
        return modify("ReleaseAddress", a);
    }

    private String createNatGateway(Form f) {
        String token = f.get("ClientToken");
        for (Resource n : aws.all("nat")) {
            if (token != null && token.equals(n.attr("client-token"))) {
                return Xml.ec2("CreateNatGateway", x -> x.leaf("clientToken", token).wrap("natGateway", y -> nat(y, n)));
            }
        }
        Resource subnet = aws.get("subnet", f.get("SubnetId"), "InvalidSubnetID.NotFound");
        Resource a = aws.get("address", f.get("AllocationId"), "InvalidAllocationID.NotFound");
        if (a.attr("association-id") != null) {
            throw new Fault(400, "Resource.AlreadyAssociated", "Elastic IP address [" + a.id + "] is already associated");
        }
        Resource n = aws.add(new Resource(aws.newId("nat"), "nat", f.tagSpec("natgateway"))).set("subnet-id", subnet.id)
                .set("vpc-id", subnet.attr("vpc-id")).set("state", "pending").set("allocation-id", a.id).set("client-token", token);
        n.set("nat-gateway-id", n.id);
        a.set("association-id", aws.newId("eipassoc")).set("vpc-id", subnet.attr("vpc-id"));
        return Xml.ec2("CreateNatGateway", x -> x.leaf("clientToken", token).wrap("natGateway", y -> nat(y, n)));
    }

    /** Like EC2, a gateway becomes available (or, once deleted, gone) some time later: here, at the next look. */
    private String describeNatGateways(Form f) {
        for (Resource n : aws.all("nat")) {
            switch (n.attr("state")) {
                case "pending" -> n.set("state", "available");
                case "deleting" -> {
                    n.set("state", "deleted");
                    aws.all("address").stream().filter(a -> a.id.equals(n.attr("allocation-id")))
                            .forEach(a -> a.set("association-id", null).set("vpc-id", null));
                }
                default -> { }
            }
        }
        return describe("DescribeNatGateways", "nat", f, "NatGatewayId", "natGatewaySet", this::nat);
    }

    private void nat(Xml x, Resource r) {
        Resource a = aws.resources.get(r.attr("allocation-id"));
        x.leaf("natGatewayId", r.id).leaf("subnetId", r.attr("subnet-id")).leaf("vpcId", r.attr("vpc-id"))
                .leaf("state", r.attr("state"))
                .items("natGatewayAddressSet", a == null ? List.<Resource>of() : List.of(a), (y, ad) -> y
                        .leaf("allocationId", ad.id).leaf("publicIp", ad.attr("public-ip")))
                .tagSet(r.tags);
    }

    private String deleteNatGateway(Form f) {
        Resource n = aws.get("nat", f.get("NatGatewayId"), "NatGatewayNotFound");
        if (!"deleted".equals(n.attr("state"))) {
            n.set("state", "deleting");
        }
        return Xml.ec2("DeleteNatGateway", x -> x.leaf("natGatewayId", n.id));
    }

    // ---- security groups -------------------------------------------------------------------------------------

    private String createSecurityGroup(Form f) {
        Resource vpc = vpcOf(f);
        String name = f.get("GroupName");
        if (aws.all("security-group").stream().anyMatch(g -> vpc.id.equals(g.attr("vpc-id")) && name.equals(g.attr("group-name")))) {
            throw new Fault(400, "InvalidGroup.Duplicate", "The security group '" + name + "' already exists for VPC '" + vpc.id + "'");
        }
        Resource g = aws.add(new Resource(aws.newId("sg"), "security-group", f.tagSpec("security-group")))
                .set("vpc-id", vpc.id).set("group-name", name).set("description", f.get("GroupDescription"));
        g.set("group-id", g.id);
        return Xml.ec2("CreateSecurityGroup", x -> x.leaf("return", true).leaf("groupId", g.id));
    }

    private Resource authorize(Form f, boolean add) {
        Resource g = aws.get("security-group", f.get("GroupId"), "InvalidGroup.NotFound");
        for (Form p : f.objects("IpPermissions")) {
            List<Map<String, String>> rules = new ArrayList<>();
            p.objects("Groups").forEach(s -> rules.add(rule(p, "group", aws.get("security-group", s.get("GroupId"),
                    "InvalidGroup.NotFound").id)));
            p.objects("IpRanges").forEach(s -> rules.add(rule(p, "cidr", s.get("CidrIp"))));
            for (Map<String, String> rule : rules) {
                boolean present = g.parts.contains(rule);
                if (add && present) {
                    throw new Fault(400, "InvalidPermission.Duplicate", "the specified rule " + rule + " already exists");
                }
                if (!add && !present) {
                    throw new Fault(400, "InvalidPermission.NotFound", "The specified rule does not exist in this security group.");
                }
                if (add) {
                    g.parts.add(rule);
                } else {
                    g.parts.remove(rule);
                }
            }
        }
        return g;
    }

    private static Map<String, String> rule(Form p, String kind, String source) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("protocol", p.get("IpProtocol"));
        m.put("from", p.get("FromPort"));
        m.put("to", p.get("ToPort"));
        m.put(kind, source);
        return m;
    }

    private void group(Xml x, Resource r) {
        x.leaf("ownerId", FakeAws.ACCOUNT).leaf("groupId", r.id).leaf("groupName", r.attr("group-name"))
                .leaf("groupDescription", r.attr("description")).leaf("vpcId", r.attr("vpc-id"))
                .items("ipPermissions", r.parts, (y, p) -> {
                    y.leaf("ipProtocol", p.get("protocol")).leaf("fromPort", p.get("from")).leaf("toPort", p.get("to"));
                    y.items("groups", p.containsKey("group") ? List.of(p.get("group")) : List.<String>of(),
                            (z, id) -> z.leaf("userId", FakeAws.ACCOUNT).leaf("groupId", id));
                    y.items("ipRanges", p.containsKey("cidr") ? List.of(p.get("cidr")) : List.<String>of(), (z, c) -> z.leaf("cidrIp", c));
                })
                .tagSet(r.tags);
    }

    private String deleteSecurityGroup(Form f) {
        Resource g = aws.get("security-group", f.get("GroupId"), "InvalidGroup.NotFound");
        boolean referenced = aws.all("security-group").stream().anyMatch(o -> o != g && o.parts.stream()
                .anyMatch(p -> g.id.equals(p.get("group"))));
        boolean inUse = anyLive(r -> r.type.equals("instance") && r.attr("groups").contains(g.id));
        if (referenced || inUse) {
            throw Fault.dependency("resource " + g.id + " has a dependent object");
        }
        delete(g);
        return modify("DeleteSecurityGroup", g);
    }

    // ---- instances -------------------------------------------------------------------------------------------

    static int vcpus(String type) {
        String size = type.substring(type.indexOf('.') + 1);
        if (size.endsWith("xlarge")) {
            String n = size.substring(0, size.length() - "xlarge".length());
            return 4 * (n.isEmpty() ? 1 : Integer.parseInt(n));
        }
        return 2;
    }

    private String runInstances(Form f) {
        String token = f.get("ClientToken");
        if (token != null && aws.clientTokens.containsKey(token)) {
            Resource same = aws.resources.get(aws.clientTokens.get(token));
            return Xml.ec2("RunInstances", x -> reservation(x, same));
        }
        Resource image = aws.get("image", f.get("ImageId"), "InvalidAMIID.NotFound");
        if (!"available".equals(image.attr("state"))) {
            throw new Fault(400, "InvalidAMIID.Unavailable", "AMI " + image.id + " is not available");
        }
        Resource subnet = aws.get("subnet", f.get("SubnetId"), "InvalidSubnetID.NotFound");
        String type = f.get("InstanceType");
        int used = aws.all("instance").stream().filter(r -> Set.of("pending", "running", "stopping", "stopped")
                .contains(r.attr("instance-state-name"))).mapToInt(r -> vcpus(r.attr("instance-type"))).sum();
        if (used + vcpus(type) > aws.vcpuLimit()) {
            throw new Fault(400, "VcpuLimitExceeded", String.format(VCPU_MESSAGE, aws.vcpuLimit()));
        }
        Resource i = aws.add(new Resource(aws.newId("i"), "instance", f.tagSpec("instance")));
        long n = aws.all("instance").size();
        String cidr = subnet.attr("cidr-block");
        String ip = cidr.substring(0, cidr.lastIndexOf('.', cidr.indexOf('/'))) + "." + (n % 250 + 4);
        i.set("instance-id", i.id).set("instance-state-name", "pending").set("instance-type", type).set("image-id", image.id)
                .set("subnet-id", subnet.id).set("vpc-id", subnet.attr("vpc-id")).set("availability-zone", subnet.attr("availability-zone"))
                .set("private-ip-address", ip).set("launch-time", Instant.now()).set("client-token", token)
                .set("root-device-name", image.attr("root-device-name")).set("groups", String.join(",", f.list("SecurityGroupId")))
                .set("user-data", f.get("UserData")).set("key-name", f.get("KeyName"))
                .set("shutdown-behavior", f.get("InstanceInitiatedShutdownBehavior", "stop"))
                .set("volume-tags", f.tagSpec("volume").toString());
        f.objects("BlockDeviceMapping").forEach(b -> i.set("volume-size", b.get("Ebs.VolumeSize")));
        if (token != null) {
            aws.clientTokens.put(token, i.id);
        }
        return Xml.ec2("RunInstances", x -> reservation(x, i));
    }

    private static void reservation(Xml x, Resource i) {
        x.leaf("reservationId", "r-" + i.id.substring(2)).leaf("ownerId", FakeAws.ACCOUNT)
                .items("instancesSet", List.of(i), FakeEc2::instance);
    }

    private static void instance(Xml x, Resource r) {
        String state = r.attr("instance-state-name");
        x.leaf("instanceId", r.id).leaf("imageId", r.attr("image-id"))
                .wrap("instanceState", s -> s.leaf("code", STATE_CODES.get(state)).leaf("name", state))
                .leaf("instanceType", r.attr("instance-type")).leaf("launchTime", r.attr("launch-time"))
                .wrap("placement", p -> p.leaf("availabilityZone", r.attr("availability-zone")).leaf("tenancy", "default"))
                .leaf("subnetId", r.attr("subnet-id")).leaf("vpcId", r.attr("vpc-id"))
                .leaf("privateIpAddress", r.attr("private-ip-address"))
                .items("groupSet", List.of(r.attr("groups").split(",")), (y, g) -> y.leaf("groupId", g))
                .leaf("rootDeviceType", "ebs").leaf("rootDeviceName", r.attr("root-device-name"))
                .leaf("clientToken", r.attr("client-token")).tagSet(r.tags);
    }

    private String describeInstances(Form f) {
        List<String> ids = f.list("InstanceId");
        for (String id : ids) {
            aws.get("instance", id, "InvalidInstanceID.NotFound");
        }
        aws.all("instance").stream().filter(r -> ids.isEmpty() || ids.contains(r.id)).forEach(FakeEc2::observe);
        Map<String, List<String>> filters = f.filters();
        List<Resource> found = aws.all("instance").stream().filter(r -> ids.isEmpty() || ids.contains(r.id))
                .filter(r -> r.matches(filters)).sorted(Comparator.comparing(r -> r.id)).toList();
        return Xml.ec2("DescribeInstances", x -> x.items("reservationSet", found, FakeEc2::reservation));
    }

    /** Instances move on when looked at: they boot, an image builder powers off after booting, terminations end. */
    private static void observe(Resource r) {
        String s = r.attr("instance-state-name");
        boolean builder = "image-builder".equals(r.tags.get("palette.dev/role"));
        switch (s) {
            case "pending" -> r.set("instance-state-name", "running");
            case "running" -> {
                if (builder && "stop".equals(r.attr("shutdown-behavior"))) {
                    r.set("instance-state-name", "stopped");
                }
            }
            case "shutting-down" -> r.set("instance-state-name", "terminated");
            default -> { }
        }
    }

    private String terminateInstances(Form f) {
        List<Resource> targets = new ArrayList<>();
        for (String id : f.list("InstanceId")) {
            targets.add(aws.get("instance", id, "InvalidInstanceID.NotFound"));
        }
        List<String[]> changes = new ArrayList<>();
        for (Resource r : targets) {
            String before = r.attr("instance-state-name");
            String after = "terminated".equals(before) ? before : "shutting-down";
            r.set("instance-state-name", after);
            changes.add(new String[] {r.id, before, after});
        }
        return Xml.ec2("TerminateInstances", x -> x.items("instancesSet", changes, (y, c) -> y.leaf("instanceId", c[0])
                .wrap("currentState", s -> s.leaf("code", STATE_CODES.get(c[2])).leaf("name", c[2]))
                .wrap("previousState", s -> s.leaf("code", STATE_CODES.get(c[1])).leaf("name", c[1]))));
    }

    // ---- images ----------------------------------------------------------------------------------------------

    private String describeImages(Form f) {
        List<String> ids = f.list("ImageId");
        for (String id : ids) {
            aws.get("image", id, "InvalidAMIID.NotFound");
        }
        List<String> owners = f.list("Owner");
        Map<String, List<String>> filters = f.filters();
        List<Resource> found = aws.all("image").stream().filter(r -> ids.isEmpty() || ids.contains(r.id))
                .filter(r -> owners.isEmpty() || owners.contains("self") && FakeAws.ACCOUNT.equals(r.attr("owner-id")))
                .filter(r -> r.matches(filters)).toList();
        String xml = Xml.ec2("DescribeImages", x -> x.items("imagesSet", found, (y, r) -> y.leaf("imageId", r.id)
                .leaf("name", r.attr("name")).leaf("imageState", r.attr("state")).leaf("ownerId", r.attr("owner-id"))
                .leaf("rootDeviceType", "ebs").leaf("rootDeviceName", r.attr("root-device-name"))
                .leaf("creationDate", r.attr("creation-date")).tagSet(r.tags)));
        found.stream().filter(r -> "pending".equals(r.attr("state"))).forEach(r -> r.set("state", "available"));
        return xml;
    }

    private Resource newImage(String name, Map<String, String> tags, String rootDevice) {
        if (aws.all("image").stream().anyMatch(i -> name.equals(i.attr("name")) && FakeAws.ACCOUNT.equals(i.attr("owner-id")))) {
            throw new Fault(400, "InvalidAMIName.Duplicate", "AMI name " + name + " is already in use by AMI");
        }
        Resource img = aws.add(new Resource(aws.newId("ami"), "image", tags)).set("name", name).set("state", "pending")
                .set("owner-id", FakeAws.ACCOUNT).set("root-device-name", rootDevice).set("creation-date", Instant.now());
        img.set("image-id", img.id);
        return img;
    }

    private String copyImage(Form f) {
        String token = f.get("ClientToken");
        if (token != null && aws.clientTokens.containsKey(token)) {
            String id = aws.clientTokens.get(token);
            return Xml.ec2("CopyImage", x -> x.leaf("imageId", id));
        }
        String source = f.get("SourceRegion") + "/" + f.get("SourceImageId");
        Resource remote = aws.resources.get(source);
        if (remote == null) {
            throw Fault.notFound("InvalidAMIID.NotFound", f.get("SourceImageId"));
        }
        Resource img = newImage(f.get("Name"), f.tagSpec("image"), "/dev/sda1");
        if (token != null) {
            aws.clientTokens.put(token, img.id);
        }
        return Xml.ec2("CopyImage", x -> x.leaf("imageId", img.id));
    }

    private String createImage(Form f) {
        Resource i = aws.get("instance", f.get("InstanceId"), "InvalidInstanceID.NotFound");
        Resource img = newImage(f.get("Name"), f.tagSpec("image"), i.attr("root-device-name"));
        img.set("source-instance", i.id);
        return Xml.ec2("CreateImage", x -> x.leaf("imageId", img.id));
    }
}
