package dev.palette.sdk.api.model;

import java.util.List;

/**
 * The fixed vocabulary of cluster condition types, named after the lifecycle milestones of the seed
 * document ("Creating Infrastructure", "Customizing Image", "Adding Control Plane Node", ...).
 */
public final class ConditionTypes {
    /** Network domains, security groups and the API load balancer exist. */
    public static final String INFRASTRUCTURE_READY = "InfrastructureReady";
    /** The VM image for the OS and Kubernetes packs exists in the cluster's region. */
    public static final String IMAGE_READY = "ImageReady";
    /** Every control-plane machine runs and its node is Ready. */
    public static final String CONTROL_PLANE_READY = "ControlPlaneReady";
    /** Every worker machine runs and its node is Ready. */
    public static final String WORKERS_READY = "WorkersReady";
    /** The CNI, CSI and add-on layers are applied. */
    public static final String ADDONS_READY = "AddonsReady";
    /** Heartbeat, node conditions and metrics are within bounds. */
    public static final String HEALTHY = "Healthy";
    /** A rolling upgrade is in progress (TRUE while it runs). */
    public static final String UPGRADING = "Upgrading";
    /** Unhealthy machines are being replaced (TRUE while it runs). */
    public static final String REMEDIATING = "Remediating";
    /** Deletion is in progress (TRUE while it runs). */
    public static final String DELETING = "Deleting";
    /** The last CIS benchmark scan: True with its totals, False with why it failed or timed out. */
    public static final String COMPLIANCE_SCAN = "ComplianceScan";

    /** The provisioning milestones, in the order they are reached. */
    public static final List<String> PROVISIONING_ORDER =
            List.of(INFRASTRUCTURE_READY, IMAGE_READY, CONTROL_PLANE_READY, WORKERS_READY, ADDONS_READY);

    private ConditionTypes() {
    }
}
