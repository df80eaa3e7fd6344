package dev.palette.sdk.provider.vsphere.internal;

import dev.palette.sdk.api.provider.ResourceTags;
import dev.palette.sdk.provider.vsphere.internal.vim.VmInfo;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/** Deletes what a cluster has in vCenter: the machines left in its folder, its DRS rules, the folder. */
public final class Teardown {
    private final Scope s;

    /**
     * Works in a scope.
     *
     * @param s the scope
     */
    public Teardown(Scope s) {
        this.s = s;
    }

    /**
     * Deletes everything; succeeds when nothing is left.
     *
     * @return completes when the folder is gone
     */
    public CompletableFuture<Void> run() {
        Machines machines = new Machines(s);
        return new Folders(s).find().thenCompose(folder -> {
            if (folder.isEmpty()) {
                return CompletableFuture.completedFuture(null);
            }
            return s.vc().run(() -> s.vim().listVms(folder.get())).thenCompose(left -> {
                Set<String> pools = new LinkedHashSet<>();
                left.forEach(v -> pools.add(v.attributes().getOrDefault(ResourceTags.POOL, "")));
                CompletableFuture<?>[] gone = left.stream().map(machines::destroy).toArray(CompletableFuture[]::new);
                return CompletableFuture.allOf(gone).thenCompose(x -> s.task(() -> {
                    AntiAffinity rules = new AntiAffinity(s);
                    pools.forEach(p -> rules.sync(List.<VmInfo>of(), p));
                    return s.vim().destroyFolder(folder.get());
                })).handle(VsphereErrors.<java.util.Optional<String>>tolerating("deleting folder " + s.folderName(),
                        "ManagedObjectNotFound"));
            });
        });
    }
}
