package dev.palette.sdk.core.network;

import static org.assertj.core.api.Assertions.assertThat;

import dev.palette.sdk.api.provider.SecurityRule;
import java.util.List;
import org.junit.jupiter.api.Test;

class NetworkRulesTest {
    private static boolean allowed(String from, String to, String proto, int port) {
        List<SecurityRule> rules = NetworkRules.defaults();
        return rules.stream().anyMatch(r -> r.allows(from, to, proto, port));
    }

    @Test
    void isolatesTheControlPlane() {
        assertThat(allowed(SecurityRule.LOAD_BALANCER, SecurityRule.CONTROL_PLANE, "tcp", 6443)).isTrue();
        assertThat(allowed(SecurityRule.WORKER, SecurityRule.CONTROL_PLANE, "tcp", 6443)).isTrue();
        assertThat(allowed(SecurityRule.CONTROL_PLANE, SecurityRule.CONTROL_PLANE, "tcp", 2379)).isTrue();
        assertThat(allowed(SecurityRule.WORKER, SecurityRule.CONTROL_PLANE, "tcp", 2379)).as("a worker cannot reach etcd").isFalse();
        assertThat(allowed(SecurityRule.WORKER, SecurityRule.CONTROL_PLANE, "tcp", 2380)).isFalse();
        assertThat(allowed(SecurityRule.LOAD_BALANCER, SecurityRule.CONTROL_PLANE, "tcp", 2379)).isFalse();
        assertThat(allowed(SecurityRule.CONTROL_PLANE, SecurityRule.WORKER, "tcp", 10250)).isTrue();
        assertThat(allowed(SecurityRule.WORKER, SecurityRule.WORKER, "tcp", 10250)).as("kubelet only from the control plane").isFalse();
        assertThat(allowed(SecurityRule.ANYWHERE, SecurityRule.WORKER, "tcp", 30080)).isTrue();
        assertThat(allowed(SecurityRule.ANYWHERE, SecurityRule.CONTROL_PLANE, "tcp", 30080)).as("node ports on workers only").isFalse();
        assertThat(allowed(SecurityRule.ANYWHERE, SecurityRule.CONTROL_PLANE, "tcp", 22)).as("everything else is denied").isFalse();
    }
}
