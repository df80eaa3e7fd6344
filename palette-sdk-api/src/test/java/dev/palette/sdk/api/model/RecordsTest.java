package dev.palette.sdk.api.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.palette.sdk.api.error.ValidationException;
import dev.palette.sdk.api.error.Violation;
import dev.palette.sdk.api.provider.Credentials;
import dev.palette.sdk.api.provider.MachineRequest;
import dev.palette.sdk.api.store.Secret;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The API records: immutable copies, builders that round-trip, secrets that never print. */
class RecordsTest {
    private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void recordsCopyWhatTheyAreGivenAndStayUnmodifiable() {
        List<String> zones = new ArrayList<>(List.of("a"));
        Map<String, Object> values = new HashMap<>(Map.of("k", new ArrayList<>(List.of(1))));
        MachinePoolSpec pool = MachinePoolSpec.builder().name("w").count(1).instanceType("m").zones(zones).build();
        Pack pack = Pack.builder().name("p").version("1").layer(Layer.ADDON).values(values).build();
        zones.add("b");
        values.put("other", 2);
        assertThat(pool.zones()).containsExactly("a");
        assertThat(pack.values()).containsOnlyKeys("k");
        assertThatThrownBy(() -> pool.zones().add("c")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> ((List<Object>) pack.values().get("k")).add(2)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void buildersRoundTrip() {
        Condition c = Condition.builder().type(ConditionTypes.HEALTHY).status(ConditionStatus.FALSE).reason("NodePressure")
                .message("DiskPressure on w-1").lastTransitionTime(T).attempts(2).build();
        assertThat(c.toBuilder().build()).isEqualTo(c);
        assertThat(c.summary()).isEqualTo("Healthy=False NodePressure (2 attempts): DiskPressure on w-1");
        ClusterEvent e = ClusterEvent.builder().clusterId("c").sequence(1).reason("R").message("m").firstTimestamp(T).build();
        assertThat(e.lastTimestamp()).isEqualTo(T);
        assertThat(e.count()).isEqualTo(1);
        Pack p = Pack.builder().name("p").version("1").layer(Layer.OS).ansibleRoles(List.of("r")).build();
        assertThat(p.toBuilder().build()).isEqualTo(p);
        assertThat(p.supportsCloud("aws")).as("no cloud types means all").isTrue();
    }

    @Test
    void secretsNeverPrint() {
        assertThat(new Credentials(Map.of("secretAccessKey", "AKIA-planted")).toString()).doesNotContain("AKIA-planted");
        assertThat(Secret.of("token", "abc.planted").toString()).doesNotContain("planted");
        MachineRequest r = new MachineRequest("m", "p", MachineRole.WORKER, "t", 10, "", "img", "#cloud-config\ntoken: planted", Map.of());
        assertThat(r.toString()).doesNotContain("planted").contains("redacted");
    }

    @Test
    void aValidationExceptionListsEveryViolation() {
        ValidationException e = new ValidationException(List.of(Violation.of("spec.workerPools[1].count", "must be >= 0"),
                Violation.of("metadata.name", "is required")));
        assertThat(e.getMessage()).isEqualTo("2 violations: spec.workerPools[1].count: must be >= 0; metadata.name: is required");
        assertThat(e.retryable()).isFalse();
        assertThatThrownBy(() -> new ValidationException(List.of())).isInstanceOf(IllegalArgumentException.class);
    }
}
