/**
 * The {@code vsphere} cloud provider: {@link dev.palette.sdk.provider.vsphere.VsphereProvider} and its settings,
 * {@link dev.palette.sdk.provider.vsphere.VsphereCloudConfig}.
 */
package dev.palette.sdk.provider.vsphere;
