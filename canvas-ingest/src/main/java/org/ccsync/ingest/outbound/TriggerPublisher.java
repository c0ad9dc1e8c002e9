package org.ccsync.ingest.outbound;

import io.opentelemetry.context.Context;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.TracingMetadata;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import jakarta.enterprise.context.ApplicationScoped;
import org.ccsync.contracts.CanvasEventReceived;
import org.ccsync.contracts.EventKeys;
import org.eclipse.microprofile.reactive.messaging.Channel;

/** Publishes accepted Live Event triggers on {@code canvas-triggers}, keyed by course (by district without one). */
@ApplicationScoped
public class TriggerPublisher {

    /**
     * The outgoing channel of the {@code canvas-triggers} topic. It cannot share the topic's name because this
     * service also consumes that topic, and one channel name cannot be both a Kafka source and a Kafka sink.
     */
    public static final String CHANNEL = "canvas-triggers-out";

    private final MutinyEmitter<CanvasEventReceived> emitter;

    public TriggerPublisher(@Channel(CHANNEL) MutinyEmitter<CanvasEventReceived> emitter) {
        this.emitter = emitter;
    }

    /** Sends the trigger; the Uni completes when the broker acknowledged it. */
    public Uni<Void> publish(CanvasEventReceived trigger) {
        // The webhook request's span is the parent of the record, whichever thread the connector sends it on.
        // A trigger whose course is not known yet is keyed by its district until its consumer finds the course.
        String key = trigger.courseId() == null ? EventKeys.district(trigger.tenant())
                : EventKeys.course(trigger.tenant(), trigger.courseId());
        return emitter.sendMessage(KafkaRecord.of(key, trigger)
                .addMetadata(TracingMetadata.withCurrent(Context.current())));
    }
}
