package dev.palette.sdk.api.model;

import dev.palette.sdk.api.error.Violation;
import dev.palette.sdk.api.internal.Immutable;
import java.util.List;

/**
 * What applying a new spec to a cluster would do, computed without changing anything: whether the spec
 * is valid, the ordered machine actions with their reasons, and the capacity the rollout needs on top of
 * the cluster's size.
 *
 * @param basedOnGeneration the spec generation the preview was computed from
 * @param violations why the new spec would be refused; empty when it is valid
 * @param actions the machine actions, in rollout order
 * @param kubernetesVersions the Kubernetes versions the cluster would pass through, current first
 * @param peakMachines the most machines that exist at once during the rollout
 * @param surgeMachines how many machines above the larger of the current and the new size the rollout needs
 */
public record ChangePlan(long basedOnGeneration, List<Violation> violations, List<PlannedAction> actions,
                         List<String> kubernetesVersions, int peakMachines, int surgeMachines) {
    /**
     * Copies the components.
     *
     * @param basedOnGeneration the generation
     * @param violations the violations, may be {@code null}
     * @param actions the actions, may be {@code null}
     * @param kubernetesVersions the versions, may be {@code null}
     * @param peakMachines the peak
     * @param surgeMachines the surge
     */
    public ChangePlan {
        violations = Immutable.list(violations);
        actions = Immutable.list(actions);
        kubernetesVersions = Immutable.list(kubernetesVersions);
    }

    /**
     * Whether the new spec is valid.
     *
     * @return {@code true} if it has no violations
     */
    public boolean valid() {
        return violations.isEmpty();
    }

    /**
     * The preview as lines for humans.
     *
     * @return the summary
     */
    public String summary() {
        if (!valid()) {
            return "invalid: " + String.join("; ", violations.stream().map(Violation::toString).toList());
        }
        if (actions.isEmpty()) {
            return "no machine changes";
        }
        return String.join("\n", actions.stream().map(PlannedAction::summary).toList())
                + "\npeak " + peakMachines + " machines (surge " + surgeMachines + "); Kubernetes " + String.join(" → ", kubernetesVersions);
    }
}
