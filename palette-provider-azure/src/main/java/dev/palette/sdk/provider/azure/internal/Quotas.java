package dev.palette.sdk.provider.azure.internal;

import com.azure.resourcemanager.compute.fluent.models.UsageInner;
import com.azure.resourcemanager.compute.fluent.models.VirtualMachineSizeInner;
import dev.palette.sdk.api.provider.QuotaCheck;
import dev.palette.sdk.api.provider.QuotaRequest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Checks ahead the subscription's Total Regional vCPUs quota in the location: the vCPUs of the machines
 * about to be made (from the sizes' core counts) against the limit and current usage Azure reports.
 * Per-family quotas are reported by Azure when a VM is created ({@code OperationNotAllowed}), which
 * {@link AzureErrors} turns into a quota error with Azure's message.
 */
public final class Quotas {
    static final String USAGE_READ = "Microsoft.Compute/locations/usages/read";
    static final String SIZES_READ = "Microsoft.Compute/locations/vmSizes/read";

    private final Scope scope;

    /**
     * Works for one cluster.
     *
     * @param scope the cluster and its clients
     */
    public Quotas(Scope scope) {
        this.scope = scope;
    }

    /**
     * Whether the location has room.
     *
     * @param request the machines about to be made
     * @return the answer, with the numbers when there is no room
     */
    public CompletableFuture<QuotaCheck> check(QuotaRequest request) {
        if (request.machinesByInstanceType().isEmpty()) {
            return CompletableFuture.completedFuture(QuotaCheck.OK);
        }
        AzureApi api = scope.api();
        String location = scope.cfg().location();
        CompletableFuture<List<VirtualMachineSizeInner>> sizes = api.call("list VM sizes of " + location, SIZES_READ,
                () -> api.compute().getVirtualMachineSizes().listAsync(location).collectList());
        CompletableFuture<List<UsageInner>> usages = api.call("list compute usage of " + location, USAGE_READ,
                () -> api.compute().getUsages().listAsync(location).collectList());
        return sizes.thenCombine(usages, (s, u) -> {
            Map<String, Integer> cores = new HashMap<>();
            s.forEach(z -> cores.put(z.name().toLowerCase(java.util.Locale.ROOT), z.numberOfCores() == null ? 0 : z.numberOfCores()));
            long wanted = 0;
            for (Map.Entry<String, Integer> e : request.machinesByInstanceType().entrySet()) {
                wanted += (long) cores.getOrDefault(e.getKey().toLowerCase(java.util.Locale.ROOT), 0) * e.getValue();
            }
            Optional<UsageInner> total = u.stream().filter(x -> x.name() != null && "cores".equalsIgnoreCase(x.name().value())).findFirst();
            if (total.isEmpty()) {
                return QuotaCheck.OK;
            }
            long limit = total.get().limit();
            long used = total.get().currentValue();
            if (used + wanted <= limit) {
                return QuotaCheck.OK;
            }
            return new QuotaCheck(false, "Total Regional vCPUs quota of " + location + " exceeded: limit " + limit + ", in use "
                    + used + ", additional required " + wanted);
        });
    }
}
