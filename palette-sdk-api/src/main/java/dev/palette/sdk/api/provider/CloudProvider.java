package dev.palette.sdk.api.provider;

import dev.palette.sdk.api.error.Violation;
import dev.palette.sdk.api.model.CloudConfig;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * A cloud, as the engine sees it: a dozen small, asynchronous, idempotent calls.
 *
 * <p><b>Contract</b> (checked by the testkit's {@code ProviderContractTest}, which every provider module
 * extends):
 * <ul>
 *   <li>Every call is idempotent and finds earlier work by tags: creating the same machine twice yields
 *       one machine; ensuring a network twice yields one network.</li>
 *   <li>Deleting something that is already gone succeeds.</li>
 *   <li>Listing by cluster finds everything any earlier attempt (or a crashed engine) made.</li>
 *   <li>Failures complete the stage exceptionally with a
 *       {@link dev.palette.sdk.api.error.PaletteException}: {@link dev.palette.sdk.api.error.QuotaExceededException}
 *       for quota and capacity, {@link dev.palette.sdk.api.error.ProviderException} with
 *       {@code retryable()} set for throttling and transient errors,
 *       {@link dev.palette.sdk.api.error.AccessDeniedException} for missing permissions.</li>
 *   <li>Calls return promptly: waiting on the cloud (a machine booting, an image copying) happens in the
 *       returned stage, never by blocking an engine thread. A provider over a blocking SDK runs the call
 *       on an executor of its own.</li>
 *   <li>Messages never contain credentials or user data.</li>
 * </ul>
 *
 * <p>Implementations have a public no-argument constructor and are listed in
 * {@code META-INF/services/dev.palette.sdk.api.provider.CloudProvider}, or are handed to the engine's
 * builder directly.
 */
public interface CloudProvider extends AutoCloseable {

    /**
     * What this provider is.
     *
     * @return the metadata
     */
    ProviderMetadata metadata();

    /**
     * Checks a cloud config before anything is stored. Paths are relative to the cloud config, e.g.
     * {@code properties.vpcId}; the engine prefixes them with {@code spec.cloud.}.
     *
     * @param cloud the config to check
     * @return every violation found; empty when the config is acceptable
     */
    default List<Violation> validate(CloudConfig cloud) {
        return List.of();
    }

    /**
     * Makes or finds the cluster's network: control-plane and worker domains per zone and the security
     * rules between them.
     *
     * @param context the cluster
     * @param request what is needed
     * @return the network
     */
    CompletionStage<NetworkInfo> ensureNetwork(ProviderContext context, NetworkRequest request);

    /**
     * Makes or finds the VM image for the cluster's region (reuse by signature, copy, or customize).
     *
     * @param context the cluster
     * @param request what is needed
     * @return the image
     */
    CompletionStage<ImageInfo> ensureImage(ProviderContext context, ImageRequest request);

    /**
     * Makes or finds the API server load balancer and converges its targets.
     *
     * @param context the cluster
     * @param request the port and the control-plane machines to send traffic to
     * @return the load balancer
     */
    CompletionStage<LoadBalancerInfo> ensureLoadBalancer(ProviderContext context, LoadBalancerRequest request);

    /**
     * Creates a machine, or returns the one an earlier call made for the same machine name.
     *
     * @param context the cluster
     * @param request the machine
     * @return the machine as the cloud reports it right after the call (usually pending)
     */
    CompletionStage<MachineInfo> createMachine(ProviderContext context, MachineRequest request);

    /**
     * Looks a machine up by name.
     *
     * @param context the cluster
     * @param machineName the machine name
     * @return the machine, or empty if the cloud has no such machine (or only a terminated one)
     */
    CompletionStage<Optional<MachineInfo>> describeMachine(ProviderContext context, String machineName);

    /**
     * Lists every machine tagged with the cluster id, whoever made it.
     *
     * @param context the cluster
     * @return the machines that exist (not terminated)
     */
    CompletionStage<List<MachineInfo>> listMachines(ProviderContext context);

    /**
     * Deletes a machine with its disks and NICs. Succeeds if it is already gone.
     *
     * @param context the cluster
     * @param machineName the machine name
     * @return completes when the cloud accepted the deletion
     */
    CompletionStage<Void> deleteMachine(ProviderContext context, String machineName);

    /**
     * Deletes the cluster's load balancer and network, in dependency order, touching only resources
     * tagged with the cluster id. Machines are deleted before this is called. Succeeds if nothing is left.
     *
     * @param context the cluster
     * @return completes when everything is gone
     */
    CompletionStage<Void> deleteInfrastructure(ProviderContext context);

    /**
     * Checks whether the cloud has room for machines the engine is about to create.
     *
     * @param context the cluster
     * @param request the capacity needed
     * @return the answer
     */
    CompletionStage<QuotaCheck> checkQuota(ProviderContext context, QuotaRequest request);

    /** Releases clients and threads. The default does nothing. */
    @Override
    default void close() {
    }
}
