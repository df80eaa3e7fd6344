package dev.palette.sdk.observability;

import dev.palette.sdk.api.reconcile.ReconcileResult;
import dev.palette.sdk.core.EngineObserver;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Traces on the host's OpenTelemetry (only its API is used; the host supplies the SDK and exporter): a span
 * {@code palette.reconcile} per pass, with a child span {@code palette.provider.<operation>} per provider
 * call made in it. Attributes: {@code palette.cluster.id} on both, {@code palette.provider} and
 * {@code palette.operation} on provider calls, {@code palette.outcome} on passes. Failures are recorded as
 * exceptions on the span, with status ERROR.
 *
 * <p>One pass per cluster runs at a time, so a provider call's parent is the open pass of its cluster.
 */
public final class PaletteTracing implements EngineObserver {
    /** The cluster a span is about. */
    public static final AttributeKey<String> CLUSTER_ID = AttributeKey.stringKey("palette.cluster.id");
    /** The provider of a call. */
    public static final AttributeKey<String> PROVIDER = AttributeKey.stringKey("palette.provider");
    /** The SPI method of a call. */
    public static final AttributeKey<String> OPERATION = AttributeKey.stringKey("palette.operation");
    /** What a pass decided: done, requeue, failed or error. */
    public static final AttributeKey<String> OUTCOME = AttributeKey.stringKey("palette.outcome");

    private final Tracer tracer;
    private final Map<String, Span> passes = new ConcurrentHashMap<>();

    /**
     * Traces through the host's OpenTelemetry.
     *
     * @param openTelemetry the host's instance
     */
    public PaletteTracing(OpenTelemetry openTelemetry) {
        this.tracer = Objects.requireNonNull(openTelemetry).getTracer("dev.palette.sdk");
    }

    @Override
    public void passStarted(String clusterId) {
        Span span = tracer.spanBuilder("palette.reconcile").setSpanKind(SpanKind.INTERNAL).setNoParent()
                .setAttribute(CLUSTER_ID, clusterId).startSpan();
        passes.put(clusterId, span);
    }

    @Override
    public void passFinished(String clusterId, ReconcileResult result, Throwable error) {
        Span span = passes.remove(clusterId);
        if (span == null) {
            return;
        }
        span.setAttribute(OUTCOME, error != null ? "error" : result instanceof ReconcileResult.Done ? "done"
                : result instanceof ReconcileResult.Failed ? "failed" : "requeue");
        if (error != null) {
            fail(span, error);
        } else if (result instanceof ReconcileResult.Failed f) {
            fail(span, f.error());
        }
        span.end();
    }

    @Override
    public ProviderCall providerCallStarted(String provider, String operation, String clusterId) {
        Span parent = passes.get(clusterId);
        Span span = tracer.spanBuilder("palette.provider." + operation).setSpanKind(SpanKind.CLIENT)
                .setParent(parent == null ? Context.root() : Context.root().with(parent))
                .setAttribute(CLUSTER_ID, clusterId).setAttribute(PROVIDER, provider).setAttribute(OPERATION, operation)
                .startSpan();
        return error -> {
            if (error != null) {
                fail(span, error);
            }
            span.end();
        };
    }

    private static void fail(Span span, Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        span.recordException(cause);
        span.setStatus(StatusCode.ERROR, cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage());
    }
}
