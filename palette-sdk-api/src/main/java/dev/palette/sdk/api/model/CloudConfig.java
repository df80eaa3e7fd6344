package dev.palette.sdk.api.model;

import dev.palette.sdk.api.internal.Immutable;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a cluster runs: which provider, which region, and the provider's own settings (VPC ids,
 * resource groups, datacenters, ...). The provider validates {@link #properties()}; secrets never go
 * here — {@link #credentialsRef()} names an entry of the host's secret store instead.
 *
 * @param provider the provider id, e.g. {@code aws}, {@code azure}, {@code vsphere}, {@code sim}
 * @param region the region or location; empty where the provider has none
 * @param properties provider-specific settings as an immutable tree
 * @param credentialsRef the secret-store key of the cloud credentials, if not the provider's default
 */
public record CloudConfig(String provider, String region, Map<String, Object> properties,
                          Optional<String> credentialsRef) {
    /**
     * Normalizes the components.
     *
     * @param provider the provider id
     * @param region the region, may be {@code null}
     * @param properties the settings, may be {@code null}
     * @param credentialsRef the credentials reference, may be {@code null}
     */
    public CloudConfig {
        Objects.requireNonNull(provider, "provider");
        region = region == null ? "" : region;
        properties = Immutable.tree(properties);
        credentialsRef = credentialsRef == null ? Optional.empty() : credentialsRef;
    }

    /**
     * A config with a provider and region only.
     *
     * @param provider the provider id
     * @param region the region
     * @return the config
     */
    public static CloudConfig of(String provider, String region) {
        return new CloudConfig(provider, region, Map.of(), Optional.empty());
    }

    /**
     * A copy with different provider settings.
     *
     * @param newProperties the settings
     * @return the copy
     */
    public CloudConfig withProperties(Map<String, Object> newProperties) {
        return new CloudConfig(provider, region, newProperties, credentialsRef);
    }

    /**
     * A copy that names the credentials entry in the secret store.
     *
     * @param secretKey the secret-store key
     * @return the copy
     */
    public CloudConfig withCredentialsRef(String secretKey) {
        return new CloudConfig(provider, region, properties, Optional.of(secretKey));
    }
}
