package dev.palette.sdk.core.internal.validation;

import dev.palette.sdk.api.error.ValidationException;
import dev.palette.sdk.api.error.Violation;
import dev.palette.sdk.api.model.ClusterProfile;
import dev.palette.sdk.api.model.ClusterSpec;
import dev.palette.sdk.api.model.HealthPolicy;
import dev.palette.sdk.api.model.Layer;
import dev.palette.sdk.api.model.MachinePoolSpec;
import dev.palette.sdk.api.model.Pack;
import dev.palette.sdk.api.model.Taint;
import dev.palette.sdk.api.model.UpgradePolicy;
import dev.palette.sdk.api.provider.CloudProvider;
import dev.palette.sdk.core.ProviderRegistry;
import dev.palette.sdk.core.pack.ProfileRules;
import dev.palette.sdk.core.pack.ResolvedProfile;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks a cluster name and spec before anything is stored, collecting every violation with its field
 * path so that a user fixes all of them in one go.
 */
public final class ClusterValidator {
    /** A DNS-1123 label: what Kubernetes accepts for node names, which machine names become. */
    private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
    private static final Pattern PERCENT_OR_COUNT = Pattern.compile("(\\d{1,3})%|\\d+");
    private static final Set<String> TAINT_EFFECTS = Set.of("NoSchedule", "PreferNoSchedule", "NoExecute");
    private static final int MAX_POOL_NAME = 40;
    private static final int MIN_DISK_GIB = 10;

    private final ProviderRegistry providers;

    /**
     * Creates a validator.
     *
     * @param providers the providers a spec may name
     */
    public ClusterValidator(ProviderRegistry providers) {
        this.providers = providers;
    }

    /**
     * Throws if the name or spec has any violation.
     *
     * @param name the cluster name
     * @param spec the spec
     * @throws ValidationException with every violation
     */
    public void requireValid(String name, ClusterSpec spec) {
        List<Violation> v = new ArrayList<>();
        checkName(name, v);
        checkSpec(spec, v);
        if (!v.isEmpty()) {
            throw new ValidationException(v);
        }
    }

    /**
     * Throws if the spec has any violation.
     *
     * @param spec the spec
     * @throws ValidationException with every violation
     */
    public void requireValid(ClusterSpec spec) {
        List<Violation> v = new ArrayList<>();
        checkSpec(spec, v);
        if (!v.isEmpty()) {
            throw new ValidationException(v);
        }
    }

    /**
     * Throws if a spec is invalid, or invalid as a change of a cluster's current spec: Kubernetes never
     * goes down (an upgrade of several minors is carried out one minor at a time).
     *
     * @param current the cluster's current spec
     * @param next the new spec
     * @throws ValidationException with every violation
     */
    public void requireValidChange(ClusterSpec current, ClusterSpec next) {
        List<Violation> v = new ArrayList<>();
        checkSpec(next, v);
        if (v.isEmpty()) {
            checkKubernetesStep(current, next, v);
        }
        if (!v.isEmpty()) {
            throw new ValidationException(v);
        }
    }

    private static void checkKubernetesStep(ClusterSpec current, ClusterSpec next, List<Violation> v) {
        String from = current.profile().kubernetesPack().map(Pack::version).orElse("");
        String to = next.profile().kubernetesPack().map(Pack::version).orElse("");
        int[] a = majorMinor(from);
        int[] b = majorMinor(to);
        if (a == null || b == null || (a[0] == b[0] && a[1] == b[1])) {
            return;
        }
        int index = 0;
        for (int i = 0; i < next.profile().packs().size(); i++) {
            if (next.profile().packs().get(i).layer() == Layer.KUBERNETES) {
                index = i;
            }
        }
        String path = "spec.profile.packs[" + index + "].version";
        if (b[0] < a[0] || (b[0] == a[0] && b[1] < a[1])) {
            v.add(Violation.of(path, "Kubernetes cannot go down from " + from + " to " + to));
        } else if (b[0] != a[0]) {
            v.add(Violation.of(path, "Kubernetes cannot change its major version (" + from + " to " + to + ")"));
        }
        // More than one minor up is allowed: the engine passes through each minor in between.
    }

    private static int[] majorMinor(String version) {
        String[] p = version.replaceFirst("^v", "").split("\\.");
        try {
            return p.length < 2 ? null : new int[] {Integer.parseInt(p[0]), Integer.parseInt(p[1])};
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static void checkName(String name, List<Violation> v) {
        if (name == null || name.isEmpty()) {
            v.add(Violation.of("metadata.name", "is required"));
        } else if (name.length() > 63 || !DNS_LABEL.matcher(name).matches()) {
            v.add(Violation.of("metadata.name",
                    "must be at most 63 lower-case letters, digits and '-', starting and ending with a letter or digit"));
        }
    }

    private void checkSpec(ClusterSpec spec, List<Violation> v) {
        if (spec == null) {
            v.add(Violation.of("spec", "is required"));
            return;
        }
        String cloudType = checkCloud(spec, v);
        checkProfile(spec.profile(), cloudType, v);
        if (spec.profile() != null) {
            try {
                ResolvedProfile.of(spec);
            } catch (ValidationException e) {
                e.violations().forEach(x -> v.add(Violation.of("spec.profile." + x.path(), x.message())));
            }
        }
        checkControlPlane(spec.controlPlane(), v);
        Set<String> names = new HashSet<>();
        names.add(MachinePoolSpec.CONTROL_PLANE);
        for (int i = 0; i < spec.workerPools().size(); i++) {
            MachinePoolSpec pool = spec.workerPools().get(i);
            String path = "spec.workerPools[" + i + "]";
            checkPool(pool, path, v);
            if (!pool.name().isEmpty() && !names.add(pool.name())) {
                v.add(Violation.of(path + ".name", pool.name().equals(MachinePoolSpec.CONTROL_PLANE)
                        ? "'control-plane' is reserved for the control-plane pool"
                        : "duplicate pool name '" + pool.name() + "'"));
            }
        }
        checkUpgrade(spec.upgrade(), v);
        checkHealth(spec.health(), v);
    }

    /** Returns the provider's cloud type, or null when the provider is unknown. */
    private String checkCloud(ClusterSpec spec, List<Violation> v) {
        if (spec.cloud() == null) {
            v.add(Violation.of("spec.cloud", "is required"));
            return null;
        }
        String id = spec.cloud().provider();
        if (id.isEmpty()) {
            v.add(Violation.of("spec.cloud.provider", "is required"));
            return null;
        }
        if (!providers.contains(id)) {
            v.add(Violation.of("spec.cloud.provider",
                    "unknown provider '" + id + "' (known: " + String.join(", ", providers.ids()) + ")"));
            return null;
        }
        CloudProvider p = providers.get(id);
        for (Violation pv : p.validate(spec.cloud())) {
            v.add(Violation.of("spec.cloud." + pv.path(), pv.message()));
        }
        return p.metadata().cloudType();
    }

    private static void checkProfile(ClusterProfile profile, String cloudType, List<Violation> v) {
        if (profile == null) {
            v.add(Violation.of("spec.profile", "is required"));
            return;
        }
        if (profile.packs().stream().allMatch(p -> p.layer() == Layer.ADDON)) {
            v.add(Violation.of("spec.profile.packs", "missing an OS layer (os); an add-on profile alone cannot make a cluster"));
        }
        v.addAll(ProfileRules.check(profile, cloudType, "spec.profile"));
    }

    private static void checkControlPlane(MachinePoolSpec cp, List<Violation> v) {
        if (cp == null) {
            v.add(Violation.of("spec.controlPlane", "is required"));
            return;
        }
        checkPool(cp, "spec.controlPlane", v);
        if (!cp.name().equals(MachinePoolSpec.CONTROL_PLANE)) {
            v.add(Violation.of("spec.controlPlane.name", "must be 'control-plane'"));
        }
        if (cp.count() < 1 || cp.count() % 2 == 0) {
            v.add(Violation.of("spec.controlPlane.count", "must be odd and >= 1 (1, 3 or 5) to keep etcd quorum"));
        }
    }

    private static void checkPool(MachinePoolSpec pool, String path, List<Violation> v) {
        if (pool.name().isEmpty()) {
            v.add(Violation.of(path + ".name", "is required"));
        } else if (pool.name().length() > MAX_POOL_NAME || !DNS_LABEL.matcher(pool.name()).matches()) {
            v.add(Violation.of(path + ".name", "must be at most " + MAX_POOL_NAME
                    + " lower-case letters, digits and '-', starting and ending with a letter or digit"));
        }
        if (pool.count() < 0) {
            v.add(Violation.of(path + ".count", "must be >= 0"));
        }
        if (pool.instanceType().isBlank()) {
            v.add(Violation.of(path + ".instanceType", "is required"));
        }
        if (pool.diskGiB() < MIN_DISK_GIB) {
            v.add(Violation.of(path + ".diskGiB", "must be >= " + MIN_DISK_GIB));
        }
        Set<String> zones = new HashSet<>();
        for (int i = 0; i < pool.zones().size(); i++) {
            String z = pool.zones().get(i);
            if (z == null || z.isBlank()) {
                v.add(Violation.of(path + ".zones[" + i + "]", "must not be blank"));
            } else if (!zones.add(z)) {
                v.add(Violation.of(path + ".zones[" + i + "]", "duplicate zone '" + z + "'"));
            }
        }
        for (int i = 0; i < pool.taints().size(); i++) {
            Taint t = pool.taints().get(i);
            if (!TAINT_EFFECTS.contains(t.effect())) {
                v.add(Violation.of(path + ".taints[" + i + "].effect",
                        "must be NoSchedule, PreferNoSchedule or NoExecute"));
            }
        }
    }

    private static void checkUpgrade(UpgradePolicy u, List<Violation> v) {
        if (u.maxSurge() < 0) {
            v.add(Violation.of("spec.upgrade.maxSurge", "must be >= 0"));
        }
        if (u.maxUnavailable() < 0) {
            v.add(Violation.of("spec.upgrade.maxUnavailable", "must be >= 0"));
        }
        if (u.maxSurge() == 0 && u.maxUnavailable() == 0) {
            v.add(Violation.of("spec.upgrade", "maxSurge and maxUnavailable must not both be 0"));
        }
    }

    private static void checkHealth(HealthPolicy h, List<Violation> v) {
        if (!PERCENT_OR_COUNT.matcher(h.maxUnhealthy()).matches()) {
            v.add(Violation.of("spec.health.maxUnhealthy", "must be a count like '2' or a percentage like '40%'"));
        }
        if (h.nodeStartupTimeout().isNegative() || h.nodeStartupTimeout().isZero()) {
            v.add(Violation.of("spec.health.nodeStartupTimeout", "must be positive"));
        }
        if (h.readyUnknownTimeout().isNegative() || h.readyUnknownTimeout().isZero()) {
            v.add(Violation.of("spec.health.readyUnknownTimeout", "must be positive"));
        }
        if (h.networkUnavailableTimeout().isNegative() || h.networkUnavailableTimeout().isZero()) {
            v.add(Violation.of("spec.health.networkUnavailableTimeout", "must be positive"));
        }
    }
}
