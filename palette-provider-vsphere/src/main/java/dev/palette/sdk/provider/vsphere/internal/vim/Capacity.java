package dev.palette.sdk.provider.vsphere.internal.vim;

/**
 * Free capacity where a cluster is placed.
 *
 * @param memoryMiB memory the compute resource can still give (its effective memory less what powered-on
 *                  machines are configured with)
 * @param datastoreFreeGiB free space on the datastore
 */
public record Capacity(long memoryMiB, long datastoreFreeGiB) {
}
