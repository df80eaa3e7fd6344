package dev.palette.sdk.core.internal.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.palette.sdk.api.model.ClusterEvent;
import dev.palette.sdk.api.model.ClusterEvent.Severity;
import dev.palette.sdk.core.time.TimeSource;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventLogTest {
    private final EventLog log = new EventLog(1000, TimeSource.system());

    @Test
    void keepsTheLast1000EventsOldestFirst() {
        for (int i = 0; i < 1500; i++) {
            log.record("c1", Severity.NORMAL, "Step", "step " + i);
        }
        List<ClusterEvent> events = log.list("c1");
        assertThat(events).hasSize(1000);
        assertThat(events.get(0).message()).isEqualTo("step 500");
        assertThat(events.get(999).message()).isEqualTo("step 1499");
        assertThat(events.get(999).sequence()).isEqualTo(1500);
    }

    @Test
    void foldsARepeatedTransientErrorIntoOneEventWithACount() {
        log.record("c1", Severity.NORMAL, "MachineCreated", "created m1");
        for (int i = 0; i < 5; i++) {
            log.record("c1", Severity.WARNING, "ProviderError", "RequestLimitExceeded");
        }
        log.record("c1", Severity.NORMAL, "MachineReady", "m1 ready");
        log.record("c1", Severity.WARNING, "ProviderError", "RequestLimitExceeded");
        List<ClusterEvent> events = log.list("c1");
        assertThat(events).extracting(ClusterEvent::reason).containsExactly("MachineCreated", "ProviderError", "MachineReady");
        assertThat(events.get(1).count()).isEqualTo(6);
    }

    @Test
    void listenersHearEveryEventAndAFailingListenerHurtsNobody() throws Exception {
        List<ClusterEvent> heard = new ArrayList<>();
        try (AutoCloseable a = log.subscribe(e -> {
            throw new IllegalStateException("boom");
        }); AutoCloseable b = log.subscribe(heard::add)) {
            log.record("c1", Severity.NORMAL, "A", "a");
            log.record("c2", Severity.NORMAL, "B", "b");
        }
        log.record("c1", Severity.NORMAL, "C", "after unsubscribe");
        assertThat(heard).extracting(ClusterEvent::reason).containsExactly("A", "B");
        assertThat(log.list("c2")).hasSize(1);
        assertThat(log.list("unknown")).isEmpty();
    }
}
