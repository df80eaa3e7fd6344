package dev.palette.sdk.api.workload;

import java.util.List;
import java.util.Objects;

/**
 * A service a workload cluster exposes outside itself — a Service of type {@code LoadBalancer} or
 * {@code NodePort}, whoever deployed it — with where to reach it.
 *
 * @param namespace its namespace
 * @param name its name
 * @param type {@code LoadBalancer} or {@code NodePort}
 * @param address the load balancer's host name or IP, or for a NodePort service a node's address; empty
 *     while a load balancer is still being provisioned
 * @param ports its ports
 * @param url a ready-to-open URL for its first port ({@code https} for port 443 or a port named {@code https}),
 *     empty while there is no address
 */
public record AppService(String namespace, String name, String type, String address, List<Port> ports, String url) {
    /** A Service of type {@code LoadBalancer}. */
    public static final String LOAD_BALANCER = "LoadBalancer";
    /** A Service of type {@code NodePort}. */
    public static final String NODE_PORT = "NodePort";

    /**
     * Validates and copies the components.
     *
     * @param namespace the namespace
     * @param name the name
     * @param type the type
     * @param address the address, may be empty
     * @param ports the ports
     * @param url the URL, may be empty
     */
    public AppService {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        address = address == null ? "" : address;
        ports = List.copyOf(ports);
        url = url == null ? "" : url;
    }

    /**
     * A service's port.
     *
     * @param name the port's name, may be empty
     * @param protocol {@code TCP}, {@code UDP} or {@code SCTP}
     * @param port the service port
     * @param nodePort the port on every node, 0 if none
     */
    public record Port(String name, String protocol, int port, int nodePort) {
        /**
         * Validates the components.
         *
         * @param name the name
         * @param protocol the protocol
         * @param port the port
         * @param nodePort the node port
         */
        public Port {
            name = name == null ? "" : name;
            protocol = protocol == null || protocol.isEmpty() ? "TCP" : protocol;
        }
    }

    /**
     * The service's URL on the first of its ports: on the load balancer's address and the service port, or on
     * a node's address and the node port.
     *
     * @param type the service type
     * @param address where it is reached, may be empty
     * @param ports its ports
     * @return the URL, empty without an address or ports
     */
    public static String urlOf(String type, String address, List<Port> ports) {
        if (address == null || address.isEmpty() || ports.isEmpty()) {
            return "";
        }
        Port p = ports.get(0);
        int port = LOAD_BALANCER.equals(type) ? p.port() : p.nodePort();
        String scheme = port == 443 || p.port() == 443 || p.name().toLowerCase(java.util.Locale.ROOT).contains("https") ? "https" : "http";
        String host = address.contains(":") ? "[" + address + "]" : address;
        boolean defaultPort = scheme.equals("https") && port == 443 || scheme.equals("http") && port == 80;
        return scheme + "://" + host + (defaultPort ? "" : ":" + port) + "/";
    }
}
