package dev.palette.sdk.jdbc.internal;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.palette.sdk.api.model.Cluster;
import java.util.Map;

/**
 * The JSON form of stored clusters: record components only (no derived getters such as
 * {@code isReady()}), times as ISO-8601 text, unknown fields ignored so that an older engine can read a
 * newer document.
 */
public final class ClusterJson {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new Jdk8Module())
            .addModule(new JavaTimeModule())
            .visibility(PropertyAccessor.ALL, JsonAutoDetect.Visibility.NONE)
            .visibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private ClusterJson() {
    }

    /**
     * Serializes a cluster.
     *
     * @param cluster the cluster
     * @return JSON text
     */
    public static String toJson(Cluster cluster) {
        try {
            return MAPPER.writeValueAsString(cluster);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize cluster " + cluster.id(), e);
        }
    }

    /**
     * Reads a cluster.
     *
     * @param json JSON text
     * @return the cluster
     */
    public static Cluster fromJson(String json) {
        try {
            return MAPPER.readValue(json, Cluster.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored cluster document cannot be read: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * Serializes a string map (a secret's data).
     *
     * @param data the map
     * @return JSON bytes
     */
    public static byte[] mapToBytes(Map<String, String> data) {
        try {
            return MAPPER.writeValueAsBytes(data);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Reads a string map.
     *
     * @param bytes JSON bytes
     * @return the map
     */
    @SuppressWarnings("unchecked")
    public static Map<String, String> mapFromBytes(byte[] bytes) {
        try {
            return MAPPER.readValue(bytes, Map.class);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("a stored secret cannot be read", e);
        }
    }
}
