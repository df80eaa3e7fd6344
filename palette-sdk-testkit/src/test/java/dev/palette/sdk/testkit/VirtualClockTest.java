package dev.palette.sdk.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.palette.sdk.core.time.TimeSource;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class VirtualClockTest {
    private final VirtualClock clock = new VirtualClock();

    @Test
    void runsDueTasksInDeadlineOrderAtTheirDeadline() {
        List<String> ran = new ArrayList<>();
        clock.schedule(Duration.ofSeconds(30), () -> ran.add("b@" + clock.instant()));
        clock.schedule(Duration.ofSeconds(10), () -> {
            ran.add("a@" + clock.instant());
            clock.schedule(Duration.ofSeconds(5), () -> ran.add("a2@" + clock.instant()));
        });
        clock.schedule(Duration.ofMinutes(5), () -> ran.add("late"));
        assertThat(clock.advance(Duration.ofSeconds(30))).isEqualTo(3);
        assertThat(ran).containsExactly("a@2026-01-01T00:00:10Z", "a2@2026-01-01T00:00:15Z", "b@2026-01-01T00:00:30Z");
        assertThat(clock.instant()).isEqualTo(Instant.parse("2026-01-01T00:00:30Z"));
        assertThat(clock.pendingTasks()).isEqualTo(1);
        assertThat(clock.nextDeadline()).contains(Instant.parse("2026-01-01T00:05:00Z"));
    }

    @Test
    void zeroDelayRunsOnTheNextAdvanceNotOnTheCaller() {
        List<String> ran = new ArrayList<>();
        clock.schedule(Duration.ZERO, () -> ran.add("now"));
        assertThat(ran).isEmpty();
        clock.advance(Duration.ZERO);
        assertThat(ran).containsExactly("now");
    }

    @Test
    void cancelledTasksDoNotRunAndTimeNeverGoesBack() {
        List<String> ran = new ArrayList<>();
        TimeSource.Cancellable c = clock.schedule(Duration.ofSeconds(1), () -> ran.add("x"));
        c.cancel();
        assertThat(clock.advanceToNextDeadline()).isFalse();
        clock.advance(Duration.ofHours(1));
        assertThat(ran).isEmpty();
        assertThatThrownBy(() -> clock.advance(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theEngineSeesTheVirtualClockAsItsTimeSource() {
        assertThat(TimeSource.of(clock)).isSameAs(clock);
    }
}
