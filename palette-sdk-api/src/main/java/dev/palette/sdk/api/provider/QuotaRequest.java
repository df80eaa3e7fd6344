package dev.palette.sdk.api.provider;

import dev.palette.sdk.api.internal.Immutable;
import java.util.Map;

/**
 * Capacity the engine is about to ask for.
 *
 * @param machinesByInstanceType how many more machines of each instance type
 */
public record QuotaRequest(Map<String, Integer> machinesByInstanceType) {
    /**
     * Copies the components.
     *
     * @param machinesByInstanceType the counts, may be {@code null}
     */
    public QuotaRequest {
        machinesByInstanceType = Immutable.map(machinesByInstanceType);
    }
}
