package dev.palette.sdk.cli;

import dev.palette.sdk.api.model.Cluster;
import dev.palette.sdk.api.model.Condition;
import dev.palette.sdk.api.store.ClusterQuery;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** Lists the clusters kept in a store: one line each, then its conditions. */
@Command(name = "clusters", mixinStandardHelpOptions = true,
        description = "List the clusters kept in a store (--store; default: the H2 file under ~/.palette).")
public final class ClustersCommand implements Callable<Integer> {
    @Mixin
    StoreOptions store;

    @Override
    public Integer call() throws Exception {
        if (!store.persistent()) {
            store.url = StoreOptions.DEFAULT_URL;
        }
        try (StoreOptions.Stores stores = store.open()) {
            List<Cluster> all = stores.clusters().list(ClusterQuery.all());
            System.out.println(all.size() + " cluster" + (all.size() == 1 ? "" : "s") + " in " + store.url());
            for (Cluster c : all) {
                System.out.printf("%s  %s  %s/%s  %s  %d machines%n", c.id(), c.metadata().name(), c.metadata().tenant(),
                        c.metadata().project(), c.status().phase(), c.status().machines().size());
                for (Condition cond : c.status().conditions()) {
                    System.out.println("    " + cond.summary());
                }
            }
            return 0;
        }
    }
}
