/**
 * How to write a provider plug-in for your own cloud: {@link dev.palette.sdk.samples.customprovider.LabCloudProvider}
 * adapts a blocking, in-house VM API ({@link dev.palette.sdk.samples.customprovider.LabCloudApi}) to the
 * asynchronous {@link dev.palette.sdk.api.provider.CloudProvider} SPI. It is registered in
 * {@code META-INF/services/dev.palette.sdk.api.provider.CloudProvider}, so an engine on a class path that
 * holds this jar finds it by its id, {@code lab}.
 */
package dev.palette.sdk.samples.customprovider;
