package dev.palette.sdk.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A small run of the scale harness: correctness, not speed (speeds are measured by hand, see the README). */
class ScaleHarnessSmokeTest {
    @Test
    void twentyClustersConvergeRollAndDelete() {
        List<String> phases = new ArrayList<>();
        Map<String, Object> r = ScaleHarness.run(new ScaleHarness.Options(20, 1, 2, Duration.ZERO, Duration.ZERO,
                Duration.ofMillis(50)), (phase, counts) -> {
                    if (counts[0] == counts[1] && !phases.contains(phase)) {
                        phases.add(phase);
                    }
                });
        assertThat(phases).containsExactly("converge", "rollout", "delete");
        assertThat(r).containsEntry("clusters", 20).containsEntry("machines", 60);
        assertThat((Long) r.get("reconciles")).isGreaterThan(60L);
        assertThat((Long) r.get("provider_calls")).isGreaterThan(60L);
        assertThat((Long) r.get("p99_reconcile_micros")).isGreaterThanOrEqualTo((Long) r.get("p50_reconcile_micros")).isPositive();
    }

    @Test
    void theSameRunOnH2WithLatencyReportsTheCriticalPathAndEfficiency() {
        Map<String, Object> r = ScaleHarness.run(new ScaleHarness.Options(10, 1, 2, Duration.ofMillis(20), Duration.ofMillis(100),
                Duration.ofMillis(20), "h2", Duration.ZERO), null);
        assertThat(r).containsEntry("store", "h2");
        double critical = (Double) r.get("critical_path_seconds");
        assertThat(critical).as("3 calls, then 2 machine steps of 2 calls and a boot").isEqualTo(0.34);
        assertThat((Double) r.get("converge_seconds")).isGreaterThanOrEqualTo(critical);
        assertThat((Double) r.get("efficiency")).isBetween(0.0, 1.0);
    }

    @Test
    void workersOverlapTheSecondControlPlaneMachineOnTheCriticalPath() {
        ScaleHarness.Options threeAndTen = new ScaleHarness.Options(1, 3, 10, Duration.ofMillis(200), Duration.ofSeconds(2),
                Duration.ofMillis(100));
        assertThat(ScaleHarness.criticalPathSeconds(threeAndTen)).as("3 calls, then 3 control-plane steps")
                .isCloseTo(7.8, org.assertj.core.data.Offset.offset(1e-9));
        ScaleHarness.Options controlPlaneOnly = new ScaleHarness.Options(1, 3, 0, Duration.ofMillis(200), Duration.ofSeconds(2),
                Duration.ofMillis(100));
        assertThat(ScaleHarness.criticalPathSeconds(controlPlaneOnly)).isCloseTo(7.8, org.assertj.core.data.Offset.offset(1e-9));
        ScaleHarness.Options oneAndThree = new ScaleHarness.Options(1, 1, 3, Duration.ofMillis(200), Duration.ofSeconds(2),
                Duration.ofMillis(100));
        assertThat(ScaleHarness.criticalPathSeconds(oneAndThree)).as("the workers follow the only control-plane machine")
                .isCloseTo(5.4, org.assertj.core.data.Offset.offset(1e-9));
    }
}
