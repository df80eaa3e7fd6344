package dev.palette.sdk.api.provider;

import dev.palette.sdk.api.internal.Immutable;
import java.util.Map;
import java.util.Objects;

/**
 * What a provider is: its id (used in {@code CloudConfig.provider}), the cloud type packs must support,
 * and the settings and credentials it understands.
 *
 * @param id the provider id, unique among the providers of an engine, e.g. {@code aws}
 * @param cloudType the cloud type that packs' {@code cloudTypes} name, e.g. {@code aws}
 * @param displayName a human-readable name
 * @param configProperties the {@code CloudConfig.properties} keys it understands, with a description each
 * @param credentialKeys the keys a credentials secret holds for it (empty: no explicit credentials)
 */
public record ProviderMetadata(String id, String cloudType, String displayName, Map<String, String> configProperties,
                               Map<String, String> credentialKeys) {
    /**
     * Validates and copies the components.
     *
     * @param id the id
     * @param cloudType the cloud type
     * @param displayName the display name, may be {@code null}
     * @param configProperties the settings, may be {@code null}
     * @param credentialKeys the credential keys, may be {@code null}
     */
    public ProviderMetadata {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(cloudType, "cloudType");
        displayName = displayName == null ? id : displayName;
        configProperties = Immutable.map(configProperties);
        credentialKeys = Immutable.map(credentialKeys);
    }
}
