package dev.palette.sdk.core.internal.reconcile;

import dev.palette.sdk.api.model.Machine;
import dev.palette.sdk.api.model.MachinePhase;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * Kubernetes upgrades go one minor version at a time (kubeadm supports no skips): a spec asking for
 * 1.33 on a cluster at 1.31 is reached through 1.32. The cluster is at the lowest version any of its
 * machines runs; each step's target is the next minor above that, until the spec's version.
 *
 * <p>The patch release of an intermediate minor comes from a lookup (the engine's pack registry: the
 * newest patch it has of that minor); without one, the minor's {@code .0} release, which always exists.
 */
public final class KubernetesSteps {
    /** Finds the newest patch release of {@code major.minor} for a Kubernetes pack name, if known. */
    private final BiFunction<String, String, Optional<String>> newestPatch;

    /**
     * Creates the stepper.
     *
     * @param newestPatch (pack name, {@code "1.32"}) to the newest patch release known, e.g. {@code 1.32.9}
     */
    public KubernetesSteps(BiFunction<String, String, Optional<String>> newestPatch) {
        this.newestPatch = newestPatch;
    }

    /** A stepper without a registry: intermediate minors at {@code .0}. */
    static final KubernetesSteps WITHOUT_REGISTRY = new KubernetesSteps((name, minor) -> Optional.empty());

    /**
     * The version new machines get now.
     *
     * @param machines the cluster's machines
     * @param packName the Kubernetes pack's name
     * @param desired the spec's version
     * @return the next step's version, or {@code desired} when one step (or none) is left
     */
    public String target(List<Machine> machines, String packName, String desired) {
        String current = current(machines);
        int[] from = parse(current);
        int[] to = parse(desired);
        if (from == null || to == null || from[0] != to[0] || to[1] <= from[1] + 1) {
            return desired;
        }
        String minor = from[0] + "." + (from[1] + 1);
        return newestPatch.apply(packName, minor).orElse(minor + ".0");
    }

    /**
     * The versions a cluster passes through from its current version to the desired one.
     *
     * @param current the current version
     * @param packName the Kubernetes pack's name
     * @param desired the desired version
     * @return current first, desired last
     */
    public List<String> path(String current, String packName, String desired) {
        List<String> out = new ArrayList<>();
        out.add(current);
        int[] from = parse(current);
        int[] to = parse(desired);
        if (from != null && to != null && from[0] == to[0]) {
            for (int m = from[1] + 1; m < to[1]; m++) {
                String minor = from[0] + "." + m;
                out.add(newestPatch.apply(packName, minor).orElse(minor + ".0"));
            }
        }
        if (!desired.equals(current)) {
            out.add(desired);
        }
        return List.copyOf(out);
    }

    /** The lowest version a machine of the cluster runs; empty when no machine is recorded. */
    static String current(List<Machine> machines) {
        // Few distinct versions, many machines: compare the distinct ones only.
        java.util.Set<String> versions = new java.util.HashSet<>();
        for (Machine m : machines) {
            if (m.phase() != MachinePhase.DELETING) {
                versions.add(m.kubernetesVersion());
            }
        }
        return versions.stream().filter(v -> parse(v) != null).min(VERSION_ORDER).orElse("");
    }

    /** Orders versions by major, minor and patch. */
    public static final Comparator<String> VERSION_ORDER = Comparator.comparing((String v) -> parse(v),
            Comparator.nullsFirst(Comparator.<int[]>comparingInt(p -> p[0]).thenComparingInt(p -> p[1])
                    .thenComparingInt(p -> p[2])));

    /** {@code [major, minor, patch]} of {@code v1.32.4}, {@code 1.32} or {@code 1.32.4-rc.1}; null if not a version. */
    static int[] parse(String version) {
        int[] out = new int[3];
        int part = 0;
        int digits = 0;
        int i = version.startsWith("v") ? 1 : 0;
        for (; i < version.length() && part < 3; i++) {
            char ch = version.charAt(i);
            if (ch >= '0' && ch <= '9') {
                out[part] = out[part] * 10 + (ch - '0');
                digits++;
            } else if (ch == '.' && digits > 0) {
                part++;
                digits = 0;
            } else {
                break; // a pre-release or build suffix
            }
        }
        boolean complete = part >= 2 || (part == 1 && digits > 0);
        return complete ? out : null;
    }
}
