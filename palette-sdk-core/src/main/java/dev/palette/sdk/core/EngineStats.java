package dev.palette.sdk.core;

/**
 * A snapshot of an engine's work.
 *
 * @param running whether the engine is started and not closed
 * @param queueDepth clusters ready for a pass
 * @param inFlight passes running (including those waiting on the cloud)
 * @param waiting clusters waiting for a delay (backoff, polling) before their next pass
 * @param passes reconcile passes completed since start
 * @param queueAdds how many times a cluster was put in the work queue since start
 */
public record EngineStats(boolean running, int queueDepth, int inFlight, int waiting, long passes, long queueAdds) {
}
