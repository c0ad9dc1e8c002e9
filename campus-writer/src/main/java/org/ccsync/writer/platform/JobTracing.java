package org.ccsync.writer.platform;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.quarkus.arc.Arc;
import io.quarkus.arc.ArcContainer;
import io.quarkus.arc.InstanceHandle;
import io.smallrye.reactive.messaging.TracingMetadata;
import org.ccsync.contracts.CampusWrite;
import org.eclipse.microprofile.config.ConfigProvider;
import org.ccsync.writer.lane.LaneJob;

/**
 * Continues a campus-writes record's trace on the lane worker that runs its job: the record's context becomes
 * current and a span covers the write, so the OneRoster calls made inside carry the grade's trace to IC.
 */
public final class JobTracing implements AutoCloseable {

    /** What a job gets while tracing is off: nothing is recorded and nothing changes on the thread. */
    private static final JobTracing OFF = new JobTracing(Span.getInvalid(), Scope.noop());

    private final Span span;
    private final Scope scope;

    private JobTracing(Span span, Scope scope) {
        this.span = span;
        this.scope = scope;
    }

    /**
     * Starts the write span of a job as a child of its Kafka record's trace (a new trace when the record carried
     * none) and makes it current on this thread until {@link #close()}; does nothing while tracing is off.
     */
    public static JobTracing start(LaneJob job) {
        Tracer tracer = tracer();
        if (tracer == null) {
            return OFF;
        }
        Context parent = job.message() == null ? Context.root()
                : TracingMetadata.fromMessage(job.message()).map(TracingMetadata::getCurrentContext)
                        .orElse(Context.root());
        CampusWrite command = job.command();
        Span span = tracer.spanBuilder("campus-writes " + command.getClass().getSimpleName())
                .setSpanKind(SpanKind.CONSUMER)
                .setParent(parent)
                .setAttribute("ccsync.tenant", command.tenant())
                .setAttribute("ccsync.event_id", command.eventId())
                .setAttribute("ccsync.target", String.valueOf(command.targetSourcedId()))
                .startSpan();
        return new JobTracing(span, span.makeCurrent());
    }

    /** The application's tracer while tracing is on; null when it is off or outside the application. */
    private static Tracer tracer() {
        ArcContainer container = Arc.container();
        if (container == null || !container.isRunning()) {
            return null;
        }
        // Off, the SDK still hands out (unexported) spans: skip them, so no span or exemplar exists at all.
        if (ConfigProvider.getConfig().getOptionalValue("quarkus.otel.sdk.disabled", Boolean.class).orElse(false)) {
            return null;
        }
        InstanceHandle<Tracer> handle = container.instance(Tracer.class);
        return handle.isAvailable() ? handle.get() : null;
    }

    /** Ends the span and restores the thread's previous context. */
    @Override
    public void close() {
        scope.close();
        span.end();
    }
}
