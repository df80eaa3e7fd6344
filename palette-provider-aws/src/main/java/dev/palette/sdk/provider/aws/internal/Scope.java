package dev.palette.sdk.provider.aws.internal;

import dev.palette.sdk.api.provider.ProviderContext;
import dev.palette.sdk.provider.aws.AwsCloudConfig;

/**
 * What one provider call works with: the AWS clients of the cluster's region and credentials, the
 * cluster, and its AWS settings.
 *
 * @param api the clients
 * @param ctx the cluster
 * @param cfg its settings
 */
public record Scope(AwsApi api, ProviderContext ctx, AwsCloudConfig cfg) {
    /**
     * The cluster id.
     *
     * @return the id
     */
    public String clusterId() {
        return ctx.clusterId();
    }
}
