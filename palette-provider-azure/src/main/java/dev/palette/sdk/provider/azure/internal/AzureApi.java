package dev.palette.sdk.provider.azure.internal;

import com.azure.core.management.exception.ManagementError;
import com.azure.core.management.exception.ManagementException;
import com.azure.core.management.polling.PollResult;
import com.azure.core.util.polling.AsyncPollResponse;
import com.azure.core.util.polling.LongRunningOperationStatus;
import com.azure.core.util.polling.PollerFlux;
import com.azure.json.JsonProviders;
import com.azure.json.JsonReader;
import com.azure.resourcemanager.compute.fluent.ComputeManagementClient;
import com.azure.resourcemanager.network.fluent.NetworkManagementClient;
import com.azure.resourcemanager.resources.fluent.ResourceManagementClient;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import reactor.core.publisher.Mono;

/**
 * The ARM clients of one subscription and set of credentials (the low-level ones of azure-resourcemanager:
 * one REST call per method, bodies as the API defines them), with every call routed through {@link Calls}
 * and long-running operations polled at the provider's interval (or Azure's {@code Retry-After}).
 *
 * @param subscriptionId the subscription
 * @param resources resource groups and generic resources
 * @param network virtual networks, security groups, load balancers, public IPs, NICs
 * @param compute virtual machines, disks, images, galleries
 * @param calls the rate limit and retry policy
 * @param redact removes the credentials' secrets from messages
 * @param pollInterval how often a long-running operation is polled when Azure gives no {@code Retry-After}
 */
public record AzureApi(String subscriptionId, ResourceManagementClient resources, NetworkManagementClient network,
                       ComputeManagementClient compute, Calls calls, UnaryOperator<String> redact, Duration pollInterval) {

    /**
     * One call.
     *
     * @param operation what is attempted, for messages
     * @param permission the ARM action it needs
     * @param call starts it
     * @param <T> the result type
     * @return the result
     */
    public <T> CompletableFuture<T> call(String operation, String permission, Supplier<Mono<T>> call) {
        return calls.run(operation, permission, true, redact, call);
    }

    /**
     * A read that answers empty when the resource (or its group) does not exist.
     *
     * @param operation what is read, for messages
     * @param permission the ARM action it needs
     * @param call starts it
     * @param <T> the result type
     * @return the resource, or empty
     */
    public <T> CompletableFuture<Optional<T>> find(String operation, String permission, Supplier<Mono<T>> call) {
        return calls.run(operation, permission, true, redact, () -> call.get().map(Optional::of)
                .onErrorResume(AzureErrors::isNotFound, e -> Mono.just(Optional.empty())));
    }

    /**
     * A long-running operation, polled to its end; a failed one fails with Azure's error (a VM whose
     * allocation failed reports {@code ZonalAllocationFailed} there, not in the answer to its PUT).
     *
     * @param operation what is attempted, for messages
     * @param permission the ARM action it needs
     * @param begin starts it
     * @param <T> the final result type
     * @return the final result
     */
    public <T> CompletableFuture<T> lro(String operation, String permission, Supplier<PollerFlux<PollResult<T>, T>> begin) {
        return call(operation, permission, () -> begin.get().setPollInterval(pollInterval).last()
                .flatMap(AzureApi::finalResultOrError));
    }

    private static <T> Mono<T> finalResultOrError(AsyncPollResponse<PollResult<T>, T> response) {
        if (response.getStatus() == LongRunningOperationStatus.SUCCESSFULLY_COMPLETED) {
            return response.getFinalResult();
        }
        PollResult.Error error = response.getValue() == null ? null : response.getValue().getError();
        String message = error == null || error.getMessage() == null ? "the operation ended " + response.getStatus() : error.getMessage();
        ManagementError value = null;
        if (error != null && error.getResponseBody() != null) {
            try (JsonReader reader = JsonProviders.createReader(error.getResponseBody())) {
                value = ManagementError.fromJson(reader);
            } catch (IOException | RuntimeException unreadable) {
                value = null;
            }
        }
        if (value == null || value.getCode() == null) {
            value = new ManagementError(response.getStatus().toString(), message);
        }
        return Mono.error(new ManagementException(value.getMessage() == null ? message : value.getMessage(), null, value));
    }
}
