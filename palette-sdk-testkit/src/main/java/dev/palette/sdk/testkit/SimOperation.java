package dev.palette.sdk.testkit;

/** The calls of the simulated cloud, one per {@link dev.palette.sdk.api.provider.CloudProvider} method. */
public enum SimOperation {
    /** {@code ensureNetwork}. */
    ENSURE_NETWORK,
    /** {@code ensureImage}. */
    ENSURE_IMAGE,
    /** {@code ensureLoadBalancer}. */
    ENSURE_LOAD_BALANCER,
    /** {@code createMachine}. */
    CREATE_MACHINE,
    /** {@code describeMachine}. */
    DESCRIBE_MACHINE,
    /** {@code listMachines}. */
    LIST_MACHINES,
    /** {@code deleteMachine}. */
    DELETE_MACHINE,
    /** {@code deleteInfrastructure}. */
    DELETE_INFRASTRUCTURE,
    /** {@code checkQuota}. */
    CHECK_QUOTA
}
