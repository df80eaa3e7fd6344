package dev.palette.sdk.provider.azure.fake;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One resource of the fake: its id as ARM spells it, its type ({@code microsoft.compute/virtualmachines}),
 * its resource group, and its JSON as ARM returns it. Guarded by the fake.
 */
final class ArmResource {
    final String id;
    final String type;
    final String resourceGroup;
    final String name;
    final ObjectNode json;
    /** The power state of a VM ({@code running}, {@code stopped}, {@code deallocated}). */
    String power = "running";

    ArmResource(String id, String type, String resourceGroup, String name, ObjectNode json) {
        this.id = id;
        this.type = type;
        this.resourceGroup = resourceGroup;
        this.name = name;
        this.json = json;
    }

    ObjectNode properties() {
        return json.withObjectProperty("properties");
    }

    String tag(String key) {
        return json.path("tags").path(key).asText(null);
    }
}
