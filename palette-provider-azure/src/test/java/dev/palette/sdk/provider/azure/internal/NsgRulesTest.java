package dev.palette.sdk.provider.azure.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.resourcemanager.network.fluent.models.SecurityRuleInner;
import dev.palette.sdk.api.provider.SecurityRule;
import dev.palette.sdk.core.network.NetworkRules;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The engine's rules as security group rules: sources, names, priorities that never collide. */
class NsgRulesTest {
    private final NsgRules rules = new NsgRules(Map.of(SecurityRule.CONTROL_PLANE, "10.0.0.0/24", SecurityRule.WORKER,
            "10.0.128.0/17"), "*");

    @Test
    void everyRuleOfAGroupMadeAtOnceHasItsOwnPriority() {
        List<SecurityRuleInner> all = NsgRules.all(rules.wanted(SecurityRule.CONTROL_PLANE, NetworkRules.defaults()));
        assertThat(all).extracting(SecurityRuleInner::priority).doesNotHaveDuplicates().doesNotContainNull();
        assertThat(all).extracting(SecurityRuleInner::name).contains("tcp-6443-from-load-balancer", "tcp-2379-2380-from-control-plane",
                "deny-vnet-inbound");
    }
}
