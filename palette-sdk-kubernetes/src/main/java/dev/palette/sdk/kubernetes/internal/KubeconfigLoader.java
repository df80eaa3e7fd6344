package dev.palette.sdk.kubernetes.internal;

import dev.palette.sdk.api.error.PaletteException;
import dev.palette.sdk.api.store.Secret;
import dev.palette.sdk.api.store.SecretStore;
import dev.palette.sdk.api.workload.WorkloadTarget;
import io.fabric8.kubernetes.client.Config;

/**
 * Reads a cluster's kubeconfig from the secret store into a fabric8 {@link Config}, with the access's
 * timeouts. Nothing of the kubeconfig's text ever reaches a message: it holds the admin's private key.
 */
public final class KubeconfigLoader {
    /** The field of the kubeconfig secret that holds the YAML (as the engine's PKI writes it). */
    public static final String VALUE_FIELD = "value";

    private final SecretStore secrets;
    private final AccessSettings settings;

    /**
     * A loader.
     *
     * @param secrets where the kubeconfigs are
     * @param settings the timeouts to apply
     */
    public KubeconfigLoader(SecretStore secrets, AccessSettings settings) {
        this.secrets = secrets;
        this.settings = settings;
    }

    /**
     * The configuration of a cluster's client.
     *
     * @param target the cluster
     * @return a new configuration
     * @throws PaletteException if the secret is missing (retryable: the engine writes it before it records
     *     the endpoint, so another engine may still be on the way) or unreadable (not retryable)
     */
    public Config load(WorkloadTarget target) {
        String where = "cluster " + target.clusterId() + ": the kubeconfig at secret key " + target.kubeconfigSecretKey();
        Secret secret = secrets.get(target.kubeconfigSecretKey())
                .orElseThrow(() -> new PaletteException(where + " does not exist", true));
        String yaml = secret.get(VALUE_FIELD).filter(v -> !v.isBlank())
                .orElseThrow(() -> new PaletteException(where + " has no '" + VALUE_FIELD + "' field", false));
        Config config;
        try {
            config = Config.fromKubeconfig(yaml);
        } catch (RuntimeException e) {
            // The parser's message and causes may quote the text, private key included: only the type is kept.
            throw new PaletteException(where + " cannot be read (" + e.getClass().getSimpleName() + ")", false);
        }
        ClientKeyAlgorithm.of(config.getClientKeyData()).ifPresent(config::setClientKeyAlgo);
        config.setConnectionTimeout(Math.toIntExact(settings.connectTimeout().toMillis()));
        config.setRequestTimeout(Math.toIntExact(settings.requestTimeout().toMillis()));
        config.setRequestRetryBackoffLimit(settings.requestRetries());
        return config;
    }
}
