/**
 * The public API of the Palette SDK.
 *
 * <p>Sub-packages, each with one job:
 * <ul>
 *   <li>{@link dev.palette.sdk.api.model} &mdash; immutable records describing packs, profiles,
 *       cluster specs and cluster status;</li>
 *   <li>{@link dev.palette.sdk.api.provider} &mdash; the cloud provider SPI a provider plug-in implements;</li>
 *   <li>{@link dev.palette.sdk.api.store} &mdash; the persistence SPIs a host supplies;</li>
 *   <li>{@link dev.palette.sdk.api.workload} &mdash; how the engine reaches a workload cluster's API;</li>
 *   <li>{@link dev.palette.sdk.api.reconcile} &mdash; reconcilers a host may register;</li>
 *   <li>{@link dev.palette.sdk.api.error} &mdash; the exception hierarchy rooted at
 *       {@link dev.palette.sdk.api.error.PaletteException}.</li>
 * </ul>
 * Nothing here depends on a third-party library.
 */
package dev.palette.sdk.api;
