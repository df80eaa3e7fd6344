/**
 * The {@code azure} cloud provider: {@link dev.palette.sdk.provider.azure.AzureProvider}, found by
 * {@code ServiceLoader}, and {@link dev.palette.sdk.provider.azure.AzureCloudConfig}, the settings it reads
 * from a cluster's cloud config.
 */
package dev.palette.sdk.provider.azure;
