/**
 * The vSphere provider's workings: placement, folders, machines, images, teardown, error mapping. Not API.
 */
package dev.palette.sdk.provider.vsphere.internal;
