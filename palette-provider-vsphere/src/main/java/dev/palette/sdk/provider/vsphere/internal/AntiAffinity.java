package dev.palette.sdk.provider.vsphere.internal;

import dev.palette.sdk.api.provider.ResourceTags;
import dev.palette.sdk.provider.vsphere.internal.vim.VmInfo;
import java.util.List;

/**
 * With {@code antiAffinity: true}, one DRS rule per pool ({@code palette-<cluster id>-<pool>}) keeps the pool's
 * machines on different hosts; it is rewritten whenever a machine of the pool is made or deleted.
 */
final class AntiAffinity {
    private final Scope s;

    AntiAffinity(Scope s) {
        this.s = s;
    }

    /** Rewrites a pool's rule from the machines in the cluster's folder (a blocking call). */
    void sync(List<VmInfo> machines, String pool) {
        if (!s.cfg().antiAffinity() || !s.placement().clustered()) {
            return;
        }
        List<String> vms = machines.stream().filter(v -> pool.equals(v.attributes().get(ResourceTags.POOL))).map(VmInfo::id).toList();
        // A rule of one machine keeps nothing apart; vCenter also refuses rules of fewer than two.
        s.vim().antiAffinity(s.placement().computeResource(), "palette-" + s.ctx().clusterId() + "-" + pool,
                vms.size() < 2 ? List.of() : vms);
    }
}
