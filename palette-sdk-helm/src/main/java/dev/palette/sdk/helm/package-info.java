/**
 * Helm charts of add-on packs, rendered with Helm itself through helm-java: give the engine a
 * {@link dev.palette.sdk.helm.HelmChartRenderer} with {@code PaletteEngine.builder().chartRenderer(..)}.
 */
package dev.palette.sdk.helm;
