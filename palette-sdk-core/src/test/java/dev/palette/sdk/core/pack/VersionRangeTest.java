package dev.palette.sdk.core.pack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.palette.sdk.api.error.ValidationException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class VersionRangeTest {
    private static boolean in(String range, String version) {
        return VersionRange.parse(range).matches(version);
    }

    @Test
    void publishedVersionsOrderAsPeopleReadThem() {
        List<String> v = new ArrayList<>(List.of("1.10.0", "1.9.2", "v1.9.10", "1.0.0-58eadf5", "1.0.0", "22.04", "7.7.1908", "1.0.0-rc.1"));
        v.sort(VersionRange.ORDER);
        assertThat(v).containsExactly("1.0.0-58eadf5", "1.0.0-rc.1", "1.0.0", "1.9.2", "v1.9.10", "1.10.0", "7.7.1908", "22.04");
        assertThat(VersionRange.compare("22.04", "22.4")).isZero();
        assertThat(VersionRange.ORDER.compare("22.04", "22.4")).as("consistent with equals").isNotZero();
        assertThat(VersionRange.compare("1.21", "1.21.0")).isZero();
    }

    @Test
    void rangesMatchWhatTheySay() {
        assertThat(in("1.27.5", "1.27.5")).isTrue();
        assertThat(in("1.27.5", "v1.27.5")).isTrue();
        assertThat(in("1.27.5", "1.27.50")).isFalse();
        assertThat(in("1.27.x", "1.27.0")).isTrue();
        assertThat(in("1.27.x", "1.28.0")).isFalse();
        assertThat(in("1.27.*", "1.27.99")).isTrue();
        assertThat(in("1.x", "1.99.1")).isTrue();
        assertThat(in("^1.27.0", "1.99.0")).isTrue();
        assertThat(in("^1.27.0", "2.0.0")).isFalse();
        assertThat(in("^1.27.0", "2.0.0-rc1")).isFalse();
        assertThat(in("^1.27.0", "1.26.9")).isFalse();
        assertThat(in("^0.25.0", "0.25.9")).isTrue();
        assertThat(in("^0.25.0", "0.26.0")).as("below 1.0 the minor is breaking").isFalse();
        assertThat(in("~1.27.0", "1.27.9")).isTrue();
        assertThat(in("~1.27.0", "1.28.0")).isFalse();
        assertThat(in(">=1.27.0 <1.29.0", "1.28.15")).isTrue();
        assertThat(in(">=1.27.0 <1.29.0", "1.29.0")).isFalse();
        assertThat(in(">1.27.0 <=1.29.0", "1.29.0")).isTrue();
        assertThat(in("<1.29.0", "1.29.0-rc.1")).as("not below 1.29").isFalse();
        assertThat(in("<1.29.0", "1.28.0-58eadf5")).isTrue();
        assertThat(in("<1.29.0-rc.2", "1.29.0-rc.1")).isTrue();
        assertThat(in("1.27.0 - 1.27.4", "1.27.4")).isTrue();
        assertThat(in("1.26.x || >=1.30", "1.30.1")).isTrue();
        assertThat(in("*", "anything")).isTrue();
        assertThat(in("1.27.x", "")).isFalse();
        assertThat(VersionRange.parse("~1.27.0").highest(List.of("1.27.1", "1.27.12", "1.27.3", "1.28.0"))).hasValue("1.27.12");
        assertThat(VersionRange.parse("2.x").highest(List.of("1.0"))).isEmpty();
        assertThat(VersionRange.parse(" >=1.2 ").toString()).isEqualTo(">=1.2");
    }

    @Test
    void malformedRangesAreRefused() {
        assertThatThrownBy(() -> VersionRange.parse("")).isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> VersionRange.parse("=>1.2")).isInstanceOf(ValidationException.class)
                .hasMessageContaining("'=>1.2'");
        assertThatThrownBy(() -> VersionRange.parse("1.a.x")).isInstanceOf(ValidationException.class)
                .hasMessageContaining("malformed wildcard");
    }
}
