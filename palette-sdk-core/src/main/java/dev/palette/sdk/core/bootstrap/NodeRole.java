package dev.palette.sdk.core.bootstrap;

/** What a node does when it first boots. */
public enum NodeRole {
    /** The first control-plane node: {@code kubeadm init}. */
    INIT,
    /** Another control-plane node: {@code kubeadm join --control-plane}. */
    JOIN_CONTROL_PLANE,
    /** A worker: {@code kubeadm join}. */
    WORKER
}
