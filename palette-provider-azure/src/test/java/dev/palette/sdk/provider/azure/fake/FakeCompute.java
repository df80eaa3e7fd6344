package dev.palette.sdk.provider.azure.fake;

import static dev.palette.sdk.provider.azure.fake.FakeArm.JSON;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.palette.sdk.provider.azure.fake.FakeArm.Answer;
import dev.palette.sdk.provider.azure.fake.FakeArm.Call;
import dev.palette.sdk.provider.azure.fake.FakeArm.Refusal;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;

/** Microsoft.Compute of {@link FakeArm}: VMs, disks, images, snapshots, galleries, marketplace, usage. */
final class FakeCompute {
    private final FakeArm arm;

    FakeCompute(FakeArm arm) {
        this.arm = arm;
    }

    Answer handle(Call c, String type, String id, String rg) {
        return switch (type) {
            case "microsoft.compute/virtualmachines" -> vm(c, id, rg);
            case "microsoft.compute/disks" -> disk(c, id, rg);
            case "microsoft.compute/images", "microsoft.compute/snapshots" -> simple(c, type, id, rg);
            case "microsoft.compute/galleries" -> galleryVersion(c, rg);
            default -> throw new Refusal(400, "NoRegisteredProviderFound", "no fake for " + type);
        };
    }

    // ---- virtual machines -----------------------------------------------------------------------------------

    private Answer vm(Call c, String id, String rg) {
        String name = c.seg(7);
        ArmResource found = arm.get(id);
        if (c.seg().size() == 9) {
            return vmAction(c, arm.require(id, "Microsoft.Compute/virtualMachines/" + name, rg), c.lower(8));
        }
        switch (c.method()) {
            case "GET" -> {
                ArmResource vm = arm.require(id, "Microsoft.Compute/virtualMachines/" + name, rg);
                ObjectNode out = vm.json.deepCopy();
                out.withObjectProperty("properties").remove("userData");
                if ("instanceView".equalsIgnoreCase(c.query().get("$expand"))) {
                    ArrayNode statuses = out.withObjectProperty("properties").withObjectProperty("instanceView").putArray("statuses");
                    statuses.addObject().put("code", "ProvisioningState/" + vm.properties().path("provisioningState").asText()
                            .toLowerCase(Locale.ROOT));
                    statuses.addObject().put("code", "PowerState/" + vm.power);
                    if (isBuilder(vm) && "running".equals(vm.power)) {
                        vm.power = "stopped"; // the build ran and powered the builder off
                    }
                }
                return Answer.ok(out);
            }
            case "PUT" -> {
                if (found == null) {
                    admit(c.body());
                }
                ObjectNode json = arm.fromBody(c, id, name, "Microsoft.Compute/virtualMachines", found == null ? null : found.json);
                ObjectNode p = json.withObjectProperty("properties");
                p.put("vmId", java.util.UUID.nameUUIDFromBytes(id.getBytes(StandardCharsets.UTF_8)).toString());
                p.put("timeCreated", found != null ? found.properties().path("timeCreated").asText() : OffsetDateTime.now().toString());
                ObjectNode osDisk = p.withObjectProperty("storageProfile").withObjectProperty("osDisk");
                String diskName = osDisk.path("name").asText(name + "_OsDisk");
                String diskId = "/subscriptions/" + c.seg(1) + "/resourceGroups/" + rg + "/providers/Microsoft.Compute/disks/" + diskName;
                osDisk.withObjectProperty("managedDisk").put("id", diskId);
                osDisk.put("osType", "Linux");
                if (found == null) {
                    createDisk(diskId, diskName, rg, id, osDisk.path("diskSizeGB").asInt(30));
                    for (JsonNode nic : p.path("networkProfile").path("networkInterfaces")) {
                        ArmResource n = arm.get(nic.path("id").asText());
                        if (n == null) {
                            throw new Refusal(404, "NotFound", "Resource " + nic.path("id").asText() + " not found.");
                        }
                        n.properties().withObjectProperty("virtualMachine").put("id", id);
                    }
                }
                ArmResource vm = new ArmResource(id, "microsoft.compute/virtualmachines", rg, name, json);
                if (found != null) {
                    vm.power = found.power;
                }
                arm.put(vm);
                return arm.accepted(c, vm, found == null);
            }
            case "DELETE" -> {
                if (found == null) {
                    return new Answer(204, null, Map.of());
                }
                JsonNode p = found.properties();
                arm.remove(id);
                for (JsonNode nic : p.path("networkProfile").path("networkInterfaces")) {
                    ArmResource n = arm.get(nic.path("id").asText());
                    if (n != null) {
                        if ("Delete".equals(nic.path("properties").path("deleteOption").asText())) {
                            arm.remove(n.id);
                        } else {
                            n.properties().remove("virtualMachine");
                        }
                    }
                }
                JsonNode osDisk = p.path("storageProfile").path("osDisk");
                ArmResource disk = arm.get(osDisk.path("managedDisk").path("id").asText());
                if (disk != null) {
                    if ("Delete".equals(osDisk.path("deleteOption").asText())) {
                        arm.remove(disk.id);
                    } else {
                        disk.json.remove("managedBy");
                    }
                }
                return arm.deleted(c);
            }
            default -> throw new Refusal(405, "MethodNotAllowed", c.method());
        }
    }

    private static boolean isBuilder(ArmResource vm) {
        String data = vm.properties().path("osProfile").path("customData").asText("");
        try {
            return new String(Base64.getDecoder().decode(data), StandardCharsets.UTF_8).contains("mode: poweroff");
        } catch (IllegalArgumentException notBase64) {
            return false;
        }
    }

    /** ARM's checks before a VM is made: the size is offered, and the cores fit the quota. */
    private void admit(JsonNode body) {
        String size = body.path("properties").path("hardwareProfile").path("vmSize").asText("").toLowerCase(Locale.ROOT);
        if (arm.unavailableSizes.contains(size)) {
            throw new Refusal(409, "SkuNotAvailable", "The requested size for resource '" + size + "' is currently not available in "
                    + "location '" + arm.location + "' zones '" + body.path("zones").path(0).asText("") + "' for subscription "
                    + "'00000000'. Please try another size or deploy to a different location or zones. See "
                    + "https://aka.ms/azureskunotavailable for details.");
        }
        int used = usedCores();
        int wanted = FakeArm.CORES.getOrDefault(size, 2);
        if (used + wanted > arm.coreLimit()) {
            throw new Refusal(409, "OperationNotAllowed", "Operation could not be completed as it results in exceeding approved "
                    + "Total Regional Cores quota. Additional details - Deployment Model: Resource Manager, Location: " + arm.location
                    + ", Current Limit: " + arm.coreLimit() + ", Current Usage: " + used + ", Additional Required: " + wanted
                    + ", (Minimum) New Limit Required: " + (used + wanted) + ".");
        }
    }

    int usedCores() {
        return arm.resources.values().stream().filter(r -> r.type.equals("microsoft.compute/virtualmachines"))
                .mapToInt(r -> FakeArm.CORES.getOrDefault(r.properties().path("hardwareProfile").path("vmSize").asText("")
                        .toLowerCase(Locale.ROOT), 2)).sum();
    }

    private void createDisk(String id, String name, String rg, String vmId, int sizeGb) {
        ObjectNode json = JSON.createObjectNode().put("id", id).put("name", name).put("type", "Microsoft.Compute/disks")
                .put("location", arm.location).put("managedBy", vmId);
        json.set("tags", JSON.createObjectNode()); // Azure does not pass the VM's tags on
        json.withObjectProperty("properties").put("diskSizeGB", sizeGb).put("hyperVGeneration", "V2").put("osType", "Linux")
                .put("diskState", "Attached").put("provisioningState", "Succeeded");
        arm.put(new ArmResource(id, "microsoft.compute/disks", rg, name, json));
    }

    private Answer vmAction(Call c, ArmResource vm, String action) {
        switch (action) {
            case "deallocate" -> {
                vm.power = "deallocated";
                return arm.deleted(c); // 202 + Location, like the real one
            }
            case "generalize" -> {
                if (!"deallocated".equals(vm.power)) {
                    throw new Refusal(409, "OperationNotAllowed", "Operation 'generalize' is not allowed on VM '" + vm.name
                            + "' since the VM is running. Please deallocate the VM.");
                }
                vm.properties().put("osState", "Generalized");
                return new Answer(200, null, Map.of());
            }
            default -> throw new Refusal(400, "InvalidAction", action);
        }
    }

    // ---- disks, images, snapshots ---------------------------------------------------------------------------

    private Answer disk(Call c, String id, String rg) {
        ArmResource found = arm.get(id);
        String what = "Microsoft.Compute/disks/" + c.seg(7);
        switch (c.method()) {
            case "GET" -> {
                return Answer.ok(arm.require(id, what, rg).json);
            }
            case "PATCH" -> {
                ArmResource d = arm.require(id, what, rg);
                if (c.body().has("tags")) {
                    d.json.set("tags", c.body().get("tags"));
                }
                return arm.accepted(c, d, false);
            }
            case "DELETE" -> {
                if (found == null) {
                    return new Answer(204, null, Map.of());
                }
                if (found.json.hasNonNull("managedBy")) {
                    throw new Refusal(409, "OperationNotAllowed", "Disk " + found.name + " is attached to VM "
                            + found.json.get("managedBy").asText() + ".");
                }
                arm.remove(id);
                return arm.deleted(c);
            }
            default -> throw new Refusal(405, "MethodNotAllowed", c.method());
        }
    }

    private Answer simple(Call c, String type, String id, String rg) {
        ArmResource found = arm.get(id);
        String armType = type.equals("microsoft.compute/images") ? "Microsoft.Compute/images" : "Microsoft.Compute/snapshots";
        switch (c.method()) {
            case "GET" -> {
                return Answer.ok(arm.require(id, armType + "/" + c.seg(7), rg).json);
            }
            case "PUT" -> {
                ObjectNode json = arm.fromBody(c, id, c.seg(7), armType, found == null ? null : found.json);
                JsonNode source = json.path("properties").path("sourceVirtualMachine").path("id");
                if (!source.isMissingNode()) {
                    ArmResource vm = arm.require(source.asText(), source.asText(), rg);
                    if (!"Generalized".equals(vm.properties().path("osState").asText())) {
                        throw new Refusal(409, "OperationNotAllowed", "The source virtual machine '" + vm.id
                                + "' must be generalized to create an image.");
                    }
                }
                if (armType.endsWith("snapshots")) {
                    json.withObjectProperty("properties").put("completionPercent", 100.0);
                }
                ArmResource r = new ArmResource(id, type, rg, c.seg(7), json);
                arm.put(r);
                FakeArm.Answer a = arm.accepted(c, r, found == null);
                // Snapshots answer a new PUT with 202, as their API defines (200 or 202, never 201).
                return armType.endsWith("snapshots") ? new FakeArm.Answer(found == null ? 202 : 200, a.body(), a.headers()) : a;
            }
            case "DELETE" -> {
                if (found == null) {
                    return new Answer(204, null, Map.of());
                }
                arm.remove(id);
                return arm.deleted(c);
            }
            default -> throw new Refusal(405, "MethodNotAllowed", c.method());
        }
    }

    private Answer galleryVersion(Call c, String rg) {
        // /subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/galleries/g/images/i/versions/v
        String id = "/subscriptions/" + c.seg(1) + "/resourceGroups/" + rg + "/providers/Microsoft.Compute/galleries/" + c.seg(7)
                + "/images/" + c.seg(9) + "/versions/" + c.seg(11);
        return Answer.ok(arm.require(id, "Microsoft.Compute/galleries/" + c.seg(7) + "/images/" + c.seg(9) + "/versions/"
                + c.seg(11), rg).json);
    }

    // ---- location-scoped: marketplace, usage, sizes ---------------------------------------------------------

    Answer locationScoped(Call c) {
        // /subscriptions/s/providers/Microsoft.Compute/locations/{loc}/...
        String what = c.lower(6);
        if (what.equals("usages")) {
            ObjectNode out = JSON.createObjectNode();
            ObjectNode u = out.putArray("value").addObject();
            u.put("unit", "Count").put("currentValue", usedCores()).put("limit", arm.coreLimit() == Integer.MAX_VALUE ? 100000L : arm.coreLimit());
            u.withObjectProperty("name").put("value", "cores").put("localizedValue", "Total Regional vCPUs");
            return Answer.ok(out);
        }
        if (what.equals("vmsizes")) {
            ObjectNode out = JSON.createObjectNode();
            ArrayNode value = out.putArray("value");
            FakeArm.CORES.forEach((size, cores) -> value.addObject().put("name", canonical(size)).put("numberOfCores", cores));
            return Answer.ok(out);
        }
        if (what.equals("publishers")) {
            String prefix = (c.seg(7) + ":" + c.seg(11) + ":" + c.seg(13) + ":").toLowerCase(Locale.ROOT);
            if (c.seg().size() == 15) {
                ArrayNode versions = JSON.createArrayNode();
                arm.marketplace.stream().filter(u -> u.startsWith(prefix)).forEach(u -> versions.addObject()
                        .put("name", u.substring(prefix.length())).put("location", arm.location).put("id", "/x/" + u));
                return Answer.ok(versions);
            }
            if (!arm.marketplace.contains(prefix + c.lower(15))) {
                throw new Refusal(404, "ImageNotFound", "Artifact: VMImage was not found.");
            }
            ObjectNode img = JSON.createObjectNode().put("name", c.seg(15)).put("location", arm.location).put("id", "/x/" + prefix);
            return Answer.ok(img);
        }
        throw new Refusal(404, "NotFound", "no fake for " + c.path());
    }

    private static String canonical(String size) {
        StringBuilder sb = new StringBuilder();
        for (String part : size.split("_")) {
            if (sb.length() > 0) {
                sb.append('_');
            }
            sb.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
        }
        return sb.toString();
    }
}
