package dev.palette.sdk.provider.aws.fake;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One resource of the fake cloud: its id, its tags, and the attributes EC2 filters and answers name
 * ({@code vpc-id}, {@code availability-zone}, {@code instance-state-name}, …). Guarded by the fake.
 */
final class Resource {
    final String id;
    final String type;
    final Map<String, String> tags;
    final Map<String, String> attrs = new LinkedHashMap<>();
    /** Security group rules, route table associations, load balancer subnets, target group members, … */
    final List<Map<String, String>> parts = new ArrayList<>();
    long createdAt = System.nanoTime();

    Resource(String id, String type, Map<String, String> tags) {
        this.id = id;
        this.type = type;
        this.tags = new LinkedHashMap<>(tags);
    }

    String attr(String name) {
        return attrs.get(name);
    }

    Resource set(String name, Object value) {
        attrs.put(name, value == null ? null : String.valueOf(value));
        return this;
    }

    /** Whether every filter accepts this resource ({@code tag:K} against tags, anything else against attributes). */
    boolean matches(Map<String, List<String>> filters) {
        for (Map.Entry<String, List<String>> f : filters.entrySet()) {
            String v = f.getKey().startsWith("tag:") ? tags.get(f.getKey().substring(4)) : attrs.get(f.getKey());
            if (v == null || !f.getValue().contains(v)) {
                return false;
            }
        }
        return true;
    }
}
