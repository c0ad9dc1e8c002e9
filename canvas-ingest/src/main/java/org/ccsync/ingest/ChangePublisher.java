package org.ccsync.ingest;

import io.opentelemetry.context.Context;
import io.quarkus.logging.Log;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.TracingMetadata;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import jakarta.enterprise.context.ApplicationScoped;
import org.ccsync.contracts.CanvasChange;
import org.ccsync.contracts.EventKeys;
import org.ccsync.contracts.Topics;
import org.eclipse.microprofile.reactive.messaging.Channel;

/** Publishes Canvas snapshots on {@code canvas-changes}, keyed by course so one course stays in order. */
@ApplicationScoped
public class ChangePublisher {

    private final MutinyEmitter<CanvasChange> emitter;

    public ChangePublisher(@Channel(Topics.CANVAS_CHANGES) MutinyEmitter<CanvasChange> emitter) {
        this.emitter = emitter;
    }

    /** Sends one snapshot and waits for the broker's acknowledgement. */
    public void publish(CanvasChange change) {
        // The trace travels explicitly: the connector may dispatch the record on another thread.
        emitter.sendMessageAndAwait(KafkaRecord.of(EventKeys.course(change.tenant(), change.courseId()), change)
                .addMetadata(TracingMetadata.withCurrent(Context.current())));
        Log.debugf("published %s %s", change.getClass().getSimpleName(), change.eventId());
    }
}
