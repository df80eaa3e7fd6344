package dev.palette.sdk.api.provider;

import java.util.Objects;

/**
 * One allowed flow between network domains; everything not allowed is denied. The engine hands the
 * provider the full list (API server from the load balancer and workers, etcd between control-plane
 * nodes, kubelet from the control plane, node ports to workers).
 *
 * @param description what the rule is for
 * @param source who may connect: {@link #LOAD_BALANCER}, {@link #CONTROL_PLANE}, {@link #WORKER} or {@link #ANYWHERE}
 * @param target which domain accepts: {@link #CONTROL_PLANE} or {@link #WORKER}
 * @param protocol {@code tcp} or {@code udp}
 * @param fromPort first port
 * @param toPort last port, inclusive
 */
public record SecurityRule(String description, String source, String target, String protocol, int fromPort,
                           int toPort) {
    /** The API load balancer. */
    public static final String LOAD_BALANCER = "load-balancer";
    /** The control-plane network domain. */
    public static final String CONTROL_PLANE = "control-plane";
    /** The worker network domain. */
    public static final String WORKER = "worker";
    /** Any address. */
    public static final String ANYWHERE = "anywhere";

    /**
     * Validates the components.
     *
     * @param description the description
     * @param source the source domain
     * @param target the target domain
     * @param protocol the protocol
     * @param fromPort the first port
     * @param toPort the last port
     */
    public SecurityRule {
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(protocol, "protocol");
        if (fromPort < 0 || toPort < fromPort || toPort > 65535) {
            throw new IllegalArgumentException("bad port range " + fromPort + "-" + toPort);
        }
    }

    /**
     * Whether this rule allows a connection.
     *
     * @param from the source domain
     * @param to the target domain
     * @param proto the protocol
     * @param port the port
     * @return {@code true} if allowed
     */
    public boolean allows(String from, String to, String proto, int port) {
        return (source.equals(ANYWHERE) || source.equals(from)) && target.equals(to) && protocol.equals(proto)
                && port >= fromPort && port <= toPort;
    }
}
