package dev.palette.sdk.api.reconcile;

import dev.palette.sdk.api.model.ClusterEvent;
import java.time.Instant;

/** What the engine gives a reconciler for one pass. */
public interface ReconcileContext {

    /**
     * The engine clock's current time (virtual in tests).
     *
     * @return now
     */
    Instant now();

    /**
     * Records an event on the cluster's event stream; repeated identical warnings are folded.
     *
     * @param severity normal or warning
     * @param reason a CamelCase word
     * @param message a message for humans; never a secret
     */
    void event(ClusterEvent.Severity severity, String reason, String message);
}
