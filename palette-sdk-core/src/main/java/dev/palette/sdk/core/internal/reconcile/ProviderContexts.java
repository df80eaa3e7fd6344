package dev.palette.sdk.core.internal.reconcile;

import dev.palette.sdk.api.error.NotFoundException;
import dev.palette.sdk.api.model.Cluster;
import dev.palette.sdk.api.provider.Credentials;
import dev.palette.sdk.api.provider.ProviderContext;
import dev.palette.sdk.api.provider.ResourceTags;
import dev.palette.sdk.api.store.Secret;
import dev.palette.sdk.api.store.SecretStore;
import java.util.LinkedHashMap;
import java.util.Map;

/** Builds the {@link ProviderContext} of a cluster: its tags, and its credentials from the secret store. */
final class ProviderContexts {
    /** The value of {@link ResourceTags#MANAGED_BY}. */
    static final String MANAGER = "palette-sdk";
    private final SecretStore secrets;

    ProviderContexts(SecretStore secrets) {
        this.secrets = secrets;
    }

    ProviderContext of(Cluster c) {
        Map<String, String> tags = new LinkedHashMap<>();
        c.metadata().labels().forEach((k, v) -> {
            if (!k.startsWith("palette.dev/")) {
                tags.put(k, v);
            }
        });
        tags.put(ResourceTags.CLUSTER_ID, c.id());
        tags.put(ResourceTags.MANAGED_BY, MANAGER);
        Credentials credentials = Credentials.NONE;
        if (c.spec().cloud().credentialsRef().isPresent()) {
            String key = c.spec().cloud().credentialsRef().get();
            Secret s = secrets.get(key).orElseThrow(() ->
                    new NotFoundException("cloud credentials secret '" + key + "' not found in the secret store"));
            credentials = new Credentials(s.data());
        }
        return new ProviderContext(c.id(), c.metadata().name(), c.spec().cloud(), tags, credentials);
    }
}
