package dev.palette.sdk.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.palette.sdk.api.workload.AppService;
import dev.palette.sdk.api.workload.WorkloadCluster;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeAddressBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The application services of a cluster, listed through the real client from the CRUD mock. */
class Fabric8AppServicesTest {
    @RegisterExtension
    final ConnectedCluster connected = new ConnectedCluster();
    private final MockApiServer api = connected.api;
    private final WorkloadCluster cluster = connected.cluster;

    private static Service service(String ns, String name, String type, String portName, int port, Integer nodePort) {
        return new ServiceBuilder().withNewMetadata().withNamespace(ns).withName(name).endMetadata()
                .withNewSpec().withType(type).addNewPort().withName(portName).withPort(port).withNodePort(nodePort)
                .withProtocol("TCP").endPort().endSpec().build();
    }

    @Test
    void loadBalancerAndNodePortServicesOfEveryNamespaceAreListedWithTheirUrls() {
        Node n = TestObjects.node("worker-0", "demo-worker-0", Instant.parse("2026-01-01T10:00:00Z"));
        n.getStatus().setAddresses(List.of(new NodeAddressBuilder().withType("InternalIP").withAddress("10.0.32.7").build(),
                new NodeAddressBuilder().withType("ExternalIP").withAddress("203.0.113.40").build()));
        api.client().resource(n).create();
        Service shop = service("shop", "storefront", "LoadBalancer", "https", 443, 31443);
        shop.setStatus(new io.fabric8.kubernetes.api.model.ServiceStatusBuilder().withNewLoadBalancer().addNewIngress()
                .withHostname("a1b2-shop.elb.us-east-1.amazonaws.com").endIngress().endLoadBalancer().build());
        api.client().resource(shop).create();
        api.client().resource(service("monitoring", "grafana", "NodePort", "http", 3000, 30300)).create();
        api.client().resource(service("shop", "pending-lb", "LoadBalancer", "web", 8080, 30080)).create();
        api.client().resource(service("kube-system", "kube-dns", "ClusterIP", "dns", 53, null)).create();

        List<AppService> services = cluster.services().toCompletableFuture().join();

        assertThat(services).extracting(AppService::name).as("ClusterIP services stay inside")
                .containsExactly("grafana", "pending-lb", "storefront");
        assertThat(services.get(0).url()).as("a node's external address and the node port").isEqualTo("http://203.0.113.40:30300/");
        assertThat(services.get(1).address()).as("a load balancer not provisioned yet").isEmpty();
        assertThat(services.get(1).url()).isEmpty();
        assertThat(services.get(2)).satisfies(s -> {
            assertThat(s.type()).isEqualTo(AppService.LOAD_BALANCER);
            assertThat(s.address()).isEqualTo("a1b2-shop.elb.us-east-1.amazonaws.com");
            assertThat(s.url()).isEqualTo("https://a1b2-shop.elb.us-east-1.amazonaws.com/");
            assertThat(s.ports()).containsExactly(new AppService.Port("https", "TCP", 443, 31443));
        });
    }
}
