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
 */
public record Scope(VimClient vim, Vcenter vc, ProviderContext ctx, VsphereCloudConfig cfg, Placement placement,
                    Settings settings) {
    /**
     * The provider's timings.
     *
     * @param waitInterval how often a state is looked at (an image builder powering off)
     * @param maxWait how long such a wait lasts at most
     */
    public record Settings(java.time.Duration waitInterval, java.time.Duration maxWait) {
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
