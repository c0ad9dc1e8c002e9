package org.ccsync.ingest.platform;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.smallrye.reactive.messaging.TracingMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Continues the traces of a course's coalesced triggers: the re-read runs in a span whose parent is the first
 * trigger's trace and which links the others, so the snapshots it publishes carry the webhook's trace id.
 */
@ApplicationScoped
public class TriggerTracing {

    private final Tracer tracer;
    private final boolean off;

    public TriggerTracing(Tracer tracer,
            @ConfigProperty(name = "quarkus.otel.sdk.disabled", defaultValue = "false") boolean off) {
        this.tracer = tracer;
        this.off = off;
    }

    /** A span made current for the re-read of one course; closing it ends the span and restores the context. */
    public interface Active extends AutoCloseable {
        @Override
        void close();
    }

    /** Starts the re-read span of one course's triggers, in their topic order; does nothing while tracing is off. */
    public Active reread(String tenant, String courseId, List<? extends Message<?>> triggers) {
        if (off) {
            // Off, the SDK still hands out (unexported) spans: skip them, so no span or exemplar exists at all.
            return () -> { };
        }
        Context parent = null;
        SpanBuilder builder = tracer.spanBuilder("canvas-triggers reread").setSpanKind(SpanKind.CONSUMER)
                .setAttribute("ccsync.tenant", tenant)
                .setAttribute("ccsync.course", courseId)
                .setAttribute("messaging.batch.message_count", (long) triggers.size());
        for (Message<?> trigger : triggers) {
            Context context = TracingMetadata.fromMessage(trigger).map(TracingMetadata::getCurrentContext)
                    .orElse(null);
            if (context == null) {
                continue;
            }
            if (parent == null) {
                parent = context;
                continue;
            }
            SpanContext other = Span.fromContext(context).getSpanContext();
            if (other.isValid()) {
                builder.addLink(other);
            }
        }
        Span span = builder.setParent(parent != null ? parent : Context.root()).startSpan();
        Scope scope = span.makeCurrent();
        return () -> {
            scope.close();
            span.end();
        };
    }
}
