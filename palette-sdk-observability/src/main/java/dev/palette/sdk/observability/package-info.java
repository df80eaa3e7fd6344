/**
 * Engine observers for what the host already runs: {@link dev.palette.sdk.observability.PaletteMetrics} on a
 * Micrometer {@code MeterRegistry} and {@link dev.palette.sdk.observability.PaletteTracing} on an
 * OpenTelemetry {@code OpenTelemetry}. Neither library is a required dependency: the host brings the one it
 * uses.
 */
package dev.palette.sdk.observability;
