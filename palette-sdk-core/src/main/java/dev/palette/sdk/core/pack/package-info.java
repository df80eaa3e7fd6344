/**
 * Packs and cluster profiles as they are published, and what a cluster makes of them: reading pack
 * folders ({@link dev.palette.sdk.core.pack.PackReader}) and profile files in every published shape
 * ({@link dev.palette.sdk.core.pack.ProfileReader}, {@link dev.palette.sdk.core.pack.ProfileWriter}),
 * pack registries ({@link dev.palette.sdk.core.pack.DirectoryPackRegistry},
 * {@link dev.palette.sdk.core.pack.InMemoryPackRegistry}, {@link dev.palette.sdk.core.pack.PackRegistries}
 * with version ranges), the layer rules ({@link dev.palette.sdk.core.pack.ProfileRules}), values merging
 * and variables ({@link dev.palette.sdk.core.pack.ValuesMerger}), values schemas
 * ({@link dev.palette.sdk.core.pack.PackSchema}), resolution of a profile into final values
 * ({@link dev.palette.sdk.core.pack.ProfileResolver}) and the image signature of an OS pack
 * ({@link dev.palette.sdk.core.pack.PackSignature}).
 */
package dev.palette.sdk.core.pack;
