package dev.palette.sdk.kubernetes.internal;

import dev.palette.sdk.api.workload.AppService;
import io.fabric8.kubernetes.api.model.LoadBalancerIngress;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeAddress;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * A cluster's Services of type {@code LoadBalancer} and {@code NodePort}, with their addresses: a load
 * balancer's first ingress host name or IP; for a node port, a Ready node's external address, else its
 * internal one. Blocking: called on the access's pool.
 */
final class AppServiceList {
    private AppServiceList() {
    }

    static List<AppService> of(KubernetesClient c) {
        List<AppService> out = new ArrayList<>();
        String nodeAddress = null;
        for (Service s : c.services().inAnyNamespace().list().getItems()) {
            String type = s.getSpec() == null ? null : s.getSpec().getType();
            if (!AppService.LOAD_BALANCER.equals(type) && !AppService.NODE_PORT.equals(type)) {
                continue;
            }
            List<AppService.Port> ports = new ArrayList<>();
            for (ServicePort p : s.getSpec().getPorts() == null ? List.<ServicePort>of() : s.getSpec().getPorts()) {
                ports.add(new AppService.Port(p.getName(), p.getProtocol(), p.getPort() == null ? 0 : p.getPort(),
                        p.getNodePort() == null ? 0 : p.getNodePort()));
            }
            String address;
            if (AppService.LOAD_BALANCER.equals(type)) {
                address = loadBalancerAddress(s).orElse("");
            } else {
                if (nodeAddress == null) {
                    nodeAddress = nodeAddress(c).orElse(""); // read once, for every NodePort service
                }
                address = nodeAddress;
            }
            out.add(new AppService(s.getMetadata().getNamespace(), s.getMetadata().getName(), type, address, ports,
                    AppService.urlOf(type, address, ports)));
        }
        out.sort(Comparator.comparing(AppService::namespace).thenComparing(AppService::name));
        return out;
    }

    private static Optional<String> loadBalancerAddress(Service s) {
        if (s.getStatus() == null || s.getStatus().getLoadBalancer() == null || s.getStatus().getLoadBalancer().getIngress() == null) {
            return Optional.empty();
        }
        for (LoadBalancerIngress i : s.getStatus().getLoadBalancer().getIngress()) {
            if (i.getHostname() != null && !i.getHostname().isEmpty()) {
                return Optional.of(i.getHostname());
            }
            if (i.getIp() != null && !i.getIp().isEmpty()) {
                return Optional.of(i.getIp());
            }
        }
        return Optional.empty();
    }

    private static Optional<String> nodeAddress(KubernetesClient c) {
        List<Node> nodes = c.nodes().list().getItems().stream().filter(AppServiceList::ready)
                .sorted(Comparator.comparing(n -> n.getMetadata().getName())).toList();
        for (String kind : List.of("ExternalIP", "InternalIP")) {
            for (Node n : nodes) {
                for (NodeAddress a : n.getStatus().getAddresses() == null ? List.<NodeAddress>of() : n.getStatus().getAddresses()) {
                    if (kind.equals(a.getType()) && a.getAddress() != null && !a.getAddress().isEmpty()) {
                        return Optional.of(a.getAddress());
                    }
                }
            }
        }
        return Optional.empty();
    }

    private static boolean ready(Node n) {
        if (n.getStatus() == null || n.getStatus().getConditions() == null) {
            return false;
        }
        for (NodeCondition c : n.getStatus().getConditions()) {
            if ("Ready".equals(c.getType())) {
                return "True".equals(c.getStatus());
            }
        }
        return false;
    }
}
