package dev.palette.sdk.provider.vsphere.internal;

import dev.palette.sdk.api.provider.QuotaCheck;
import dev.palette.sdk.api.provider.QuotaRequest;
import dev.palette.sdk.provider.vsphere.VsphereCloudConfig.Size;
import dev.palette.sdk.provider.vsphere.internal.vim.Capacity;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Whether the compute resource has the memory for machines about to be made. vCPUs are not counted: a
 * hypervisor shares them, and over-committing them is normal; memory is what makes a power-on fail.
 */
public final class Quotas {
    private final Scope s;

    /**
     * Works in a scope.
     *
     * @param s the scope
     */
    public Quotas(Scope s) {
        this.s = s;
    }

    /**
     * Checks a request.
     *
     * @param req the machines by instance type
     * @return the answer, with the figures when there is no room
     */
    public CompletableFuture<QuotaCheck> check(QuotaRequest req) {
        long memory = 0;
        for (Map.Entry<String, Integer> e : req.machinesByInstanceType().entrySet()) {
            Size size = s.cfg().size(e.getKey()).orElse(null);
            if (size == null) {
                return CompletableFuture.completedFuture(new QuotaCheck(false, "instance type '" + e.getKey()
                        + "' is not a vSphere machine size (write 4cpu-8gib or name one in properties.instanceTypes)"));
            }
            memory += size.memoryMiB() * e.getValue();
        }
        long needed = memory;
        return s.vc().run(() -> s.vim().capacity(s.placement())).thenApply((Capacity c) -> needed <= c.memoryMiB() ? QuotaCheck.OK
                : new QuotaCheck(false, "the machines need " + needed + " MiB of memory; " + s.cfg().computeCluster()
                        .or(() -> s.cfg().host()).orElse("the compute resource") + " has " + c.memoryMiB() + " MiB left"))
                .exceptionally(e -> {
                    throw VsphereErrors.map("checking capacity", e);
                });
    }
}
