package dev.palette.sdk.core.internal.reconcile;

import dev.palette.sdk.api.error.AddonException;
import dev.palette.sdk.api.model.Cluster;
import dev.palette.sdk.api.model.ConditionStatus;
import dev.palette.sdk.api.model.Layer;
import dev.palette.sdk.api.model.ChartReference;
import dev.palette.sdk.api.model.Manifest;
import dev.palette.sdk.api.model.Pack;
import dev.palette.sdk.api.workload.AddonRelease;
import dev.palette.sdk.api.workload.WorkloadCluster;
import dev.palette.sdk.core.pack.ResolvedProfile;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletionException;

/**
 * Brings a workload cluster's add-on packs in line with the profile, once its API server answers: the
 * packs that carry manifests, in layer order (CNI, then CSI, then add-ons; within a layer, profile order),
 * each applied only when its release differs from the one the cluster records; the first failure stops
 * the later layers, which wait; packs that left the profile are removed last. What the cluster records is
 * remembered per cluster for a while, so a converged cluster costs no API call on most passes.
 */
final class AddonSync {
    /** How long what a cluster records is trusted before it is read again (drift is repaired within this). */
    static final Duration RECHECK = Duration.ofMinutes(5);

    /** The outcome of one pass: the {@code AddonsReady} condition, and what happened, for events. */
    record Outcome(ConditionStatus status, String reason, String message, List<String> applied, List<String> removed) {
    }

    private record Known(Map<String, String> digests, Instant readAt) {
    }

    private final Map<String, Known> known = new ConcurrentHashMap<>();
    private final AddonCharts charts;

    AddonSync(AddonCharts charts) {
        this.charts = charts;
    }

    /** A pack's release, or why it could not be made (its chart could not be rendered). */
    record Wanted(AddonRelease release, String error) {
    }

    /**
     * Syncs one cluster.
     *
     * @param c the cluster
     * @param wc its API
     * @param now the time
     * @return empty when the cluster has no add-on packs and never had; else the outcome
     */
    CompletionStage<Optional<Outcome>> sync(Cluster c, WorkloadCluster wc, Instant now) {
        List<Wanted> wanted = wanted(c);
        Known k = known.get(c.id());
        boolean hadAddons = c.status().condition(dev.palette.sdk.api.model.ConditionTypes.ADDONS_READY).isPresent();
        if (wanted.isEmpty() && !hadAddons) {
            return CompletableFuture.completedFuture(Optional.empty());
        }
        CompletionStage<Map<String, String>> current = k != null && k.readAt().plus(RECHECK).isAfter(now)
                ? CompletableFuture.completedFuture(k.digests())
                : wc.addons().thenApply(m -> {
                    known.put(c.id(), new Known(Map.copyOf(m), now));
                    return m;
                });
        // What the cluster records could not be read: say so on AddonsReady, not on the machines' conditions.
        return current.handle((installed, err) -> err)
                .thenCompose(err -> err != null
                        ? CompletableFuture.completedFuture(new Outcome(ConditionStatus.FALSE, "AddonsUnreadable",
                                "cannot read the add-on records: " + unwrap(err).getMessage(), List.of(), List.of()))
                        : current.thenCompose(installed -> apply(c.id(), wc, wanted, new LinkedHashMap<>(installed), 0,
                                new ArrayList<>(), now)))
                .thenApply(Optional::of);
    }

    private CompletionStage<Outcome> apply(String clusterId, WorkloadCluster wc, List<Wanted> wanted,
                                          Map<String, String> installed, int i, List<String> applied, Instant now) {
        if (i == wanted.size()) {
            return prune(clusterId, wc, wanted.stream().map(Wanted::release).toList(), installed, applied, now);
        }
        AddonRelease r = wanted.get(i).release();
        if (wanted.get(i).error() != null) {
            return CompletableFuture.completedFuture(new Outcome(ConditionStatus.FALSE, "AddonFailed", r.pack() + " " + r.version()
                    + ": " + wanted.get(i).error() + waiting(wanted, i), applied, List.of()));
        }
        String digest = r.digest();
        if (digest.equals(installed.get(r.pack()))) {
            return apply(clusterId, wc, wanted, installed, i + 1, applied, now);
        }
        return wc.applyAddon(r).handle((ok, err) -> err).thenCompose(err -> {
            if (err != null) {
                known.remove(clusterId); // read again next time: a partial apply may have recorded something
                return CompletableFuture.completedFuture(new Outcome(ConditionStatus.FALSE, "AddonFailed",
                        describe(r, unwrap(err)) + waiting(wanted, i), applied, List.of()));
            }
            installed.put(r.pack(), digest);
            remember(clusterId, installed, now);
            applied.add(r.pack() + " " + r.version());
            return apply(clusterId, wc, wanted, installed, i + 1, applied, now);
        });
    }

    private CompletionStage<Outcome> prune(String clusterId, WorkloadCluster wc, List<AddonRelease> wanted,
                                          Map<String, String> installed, List<String> applied, Instant now) {
        List<String> gone = installed.keySet().stream().filter(p -> wanted.stream().noneMatch(r -> r.pack().equals(p))).sorted().toList();
        CompletionStage<Void> chain = CompletableFuture.completedFuture(null);
        for (String pack : gone) {
            chain = chain.thenCompose(x -> wc.removeAddon(pack)).thenRun(() -> {
                installed.remove(pack);
                remember(clusterId, installed, now);
            });
        }
        return chain.handle((x, err) -> {
            if (err != null) {
                known.remove(clusterId);
                return new Outcome(ConditionStatus.FALSE, "AddonRemovalFailed", "removing packs that left the profile: "
                        + unwrap(err).getMessage(), applied, List.of());
            }
            String message = wanted.isEmpty() ? "no add-on packs" : wanted.size() + " add-on pack(s) applied: "
                    + String.join(", ", wanted.stream().map(r -> r.pack() + " " + r.version()).toList());
            return new Outcome(ConditionStatus.TRUE, "AddonsApplied", message, applied, gone);
        });
    }

    private void remember(String clusterId, Map<String, String> installed, Instant now) {
        Known k = known.get(clusterId);
        known.put(clusterId, new Known(Map.copyOf(installed), k == null ? now : k.readAt()));
    }

    /**
     * Forgets a cluster (deleted).
     *
     * @param clusterId the cluster
     */
    void forget(String clusterId) {
        known.remove(clusterId);
    }

    private static String waiting(List<Wanted> wanted, int i) {
        return i + 1 < wanted.size() ? "; waiting: " + String.join(", ", wanted.subList(i + 1, wanted.size()).stream()
                .map(w -> w.release().pack()).toList()) : "";
    }

    /**
     * The profile's packs that carry manifests or charts, CNI first, then CSI, then add-ons (the profile's
     * own order, which its rules keep by layer); each chart rendered into manifests after the pack's own.
     */
    List<Wanted> wanted(Cluster c) {
        List<Pack> packs = c.spec().profile().packs().stream()
                .filter(p -> (!p.manifests().isEmpty() || !p.charts().isEmpty()) && p.layer() != Layer.OS && p.layer() != Layer.KUBERNETES)
                .sorted(Comparator.comparingInt(p -> p.layer().ordinal()))
                .toList();
        if (packs.isEmpty()) {
            return List.of();
        }
        ResolvedProfile resolved = packs.stream().anyMatch(p -> !p.charts().isEmpty()) ? ResolvedProfile.of(c.spec()) : null;
        List<Wanted> out = new ArrayList<>();
        for (Pack p : packs) {
            List<Manifest> manifests = new ArrayList<>(p.manifests());
            String error = null;
            for (ChartReference chart : p.charts()) {
                try {
                    Map<String, Object> values = resolved.pack(p.name()).map(ResolvedProfile.ResolvedPack::values).orElse(Map.of());
                    manifests.add(new Manifest("chart:" + chart.path(), charts.render(p, chart, values)));
                } catch (dev.palette.sdk.api.error.ValidationException e) {
                    error = "chart " + chart.path() + ": " + String.join("; ", e.violations().stream().map(v -> v.message()).toList());
                    break;
                } catch (dev.palette.sdk.api.error.PaletteException e) {
                    error = "chart " + chart.path() + " " + e.getMessage();
                    break;
                }
            }
            out.add(new Wanted(new AddonRelease(p.name(), p.version(), p.layer(), manifests), error));
        }
        return out;
    }

    private static String describe(AddonRelease r, Throwable err) {
        if (err instanceof AddonException ae) {
            return r.pack() + " " + r.version() + (ae.object().isEmpty() ? "" : ": " + ae.object()) + ": " + ae.detail();
        }
        return r.pack() + " " + r.version() + ": " + err.getMessage();
    }

    private static Throwable unwrap(Throwable t) {
        return t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
    }
}
