/**
 * The {@code aws} cloud provider: {@link dev.palette.sdk.provider.aws.AwsProvider}, found by
 * {@code ServiceLoader}, and {@link dev.palette.sdk.provider.aws.AwsCloudConfig}, the settings it reads
 * from a cluster's cloud config.
 */
package dev.palette.sdk.provider.aws;
