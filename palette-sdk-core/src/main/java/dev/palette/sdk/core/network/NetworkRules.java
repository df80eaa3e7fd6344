package dev.palette.sdk.core.network;

import dev.palette.sdk.api.provider.SecurityRule;
import java.util.List;

/**
 * The network isolation every cluster gets, as data providers turn into security groups, NSGs or
 * firewall rules: control plane and workers live in separate network domains, and only these flows are
 * allowed between them — everything else is denied.
 *
 * <ul>
 *   <li>API server 6443/tcp from the load balancer, the workers and the control plane;</li>
 *   <li>etcd 2379-2380/tcp between control-plane nodes only;</li>
 *   <li>kubelet 10250/tcp from the control plane to every node;</li>
 *   <li>NodePort services 30000-32767/tcp to workers only;</li>
 *   <li>the CNI's overlay between all nodes: VXLAN 4789/udp (Calico's VXLAN mode, Flannel, Antrea) and
 *       BGP 179/tcp (Calico's BGP mode); a host whose CNI needs other ports passes its own list to the engine.</li>
 * </ul>
 */
public final class NetworkRules {
    private static final String CP = SecurityRule.CONTROL_PLANE;
    private static final String W = SecurityRule.WORKER;
    private static final String LB = SecurityRule.LOAD_BALANCER;

    private NetworkRules() {
    }

    /**
     * The default rules.
     *
     * @return the rules
     */
    public static List<SecurityRule> defaults() {
        return List.of(
                new SecurityRule("API server from the load balancer", LB, CP, "tcp", 6443, 6443),
                new SecurityRule("API server from workers", W, CP, "tcp", 6443, 6443),
                new SecurityRule("API server between control-plane nodes", CP, CP, "tcp", 6443, 6443),
                new SecurityRule("etcd between control-plane nodes", CP, CP, "tcp", 2379, 2380),
                new SecurityRule("kubelet from the control plane", CP, CP, "tcp", 10250, 10250),
                new SecurityRule("kubelet on workers from the control plane", CP, W, "tcp", 10250, 10250),
                new SecurityRule("NodePort services on workers", SecurityRule.ANYWHERE, W, "tcp", 30000, 32767),
                new SecurityRule("CNI VXLAN among control-plane nodes", CP, CP, "udp", 4789, 4789),
                new SecurityRule("CNI VXLAN control plane to workers", CP, W, "udp", 4789, 4789),
                new SecurityRule("CNI VXLAN workers to control plane", W, CP, "udp", 4789, 4789),
                new SecurityRule("CNI VXLAN among workers", W, W, "udp", 4789, 4789),
                new SecurityRule("CNI BGP among control-plane nodes", CP, CP, "tcp", 179, 179),
                new SecurityRule("CNI BGP control plane to workers", CP, W, "tcp", 179, 179),
                new SecurityRule("CNI BGP workers to control plane", W, CP, "tcp", 179, 179),
                new SecurityRule("CNI BGP among workers", W, W, "tcp", 179, 179));
    }
}
