package dev.palette.sdk.core.internal.reconcile;

import dev.palette.sdk.api.model.Cluster;
import dev.palette.sdk.api.model.Machine;

/** Produces the cloud-init user data of a machine. */
@FunctionalInterface
public interface BootstrapData {
    /**
     * The user data for one machine.
     *
     * @param cluster the cluster
     * @param machine the machine
     * @param initNode whether it is the first control-plane node (kubeadm init) rather than a joining one
     * @return the {@code #cloud-config} text
     */
    String userData(Cluster cluster, Machine machine, boolean initNode);
}
