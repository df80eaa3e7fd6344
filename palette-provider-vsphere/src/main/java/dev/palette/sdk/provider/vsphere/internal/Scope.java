package dev.palette.sdk.provider.vsphere.internal;

import dev.palette.sdk.api.provider.ProviderContext;
import dev.palette.sdk.provider.vsphere.VsphereCloudConfig;
import dev.palette.sdk.provider.vsphere.internal.vim.Placement;
import dev.palette.sdk.provider.vsphere.internal.vim.VimClient;

/**
 * What one operation on one cluster works with.
 *
 * @param vim the vCenter client
 * @param vc the provider's threads and waits
 * @param ctx the cluster
 * @param cfg its settings
 * @param placement where its machines go
 * @param settings the provider's timings
 * @param creating the machines this provider is making now, as {@code <cluster id>/<machine name>}: a powered-off
 *     machine that was never started and is not among them was left half-made by an attempt that failed or died
 */
public record Scope(VimClient vim, Vcenter vc, ProviderContext ctx, VsphereCloudConfig cfg, Placement placement,
                    Settings settings, java.util.Set<String> creating) {
    /**
     * The provider's timings.
     *
     * @param waitInterval how often a state is looked at (an image builder powering off)
     * @param maxWait how long such a wait lasts at most
     */
    public record Settings(java.time.Duration waitInterval, java.time.Duration maxWait) {
    }

    /**
     * Starts a vCenter task and waits until it ends, holding no thread while it runs.
     *
     * @param start starts the task (a blocking call) and gives its id
     * @return the id of what the task made, if anything; fails with the task's fault
     */
    public java.util.concurrent.CompletableFuture<java.util.Optional<String>> task(java.util.function.Supplier<String> start) {
        return vc.run(start).thenCompose(id -> vc.task(() -> vim.task(id)));
    }

    /**
     * The name of the cluster's VM folder.
     *
     * @return {@code palette-<cluster id>}
     */
    public String folderName() {
        return "palette-" + ctx.clusterId();
    }
}
