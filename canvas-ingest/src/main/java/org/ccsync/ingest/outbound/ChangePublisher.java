package org.ccsync.ingest.outbound;

import io.opentelemetry.context.Context;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.TracingMetadata;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import org.ccsync.contracts.CanvasChange;
import org.ccsync.contracts.EventKeys;
import org.ccsync.contracts.Topics;
import org.eclipse.microprofile.reactive.messaging.Channel;

/** Publishes Canvas snapshots on {@code canvas-changes}, keyed by course so one course stays in order. */
@ApplicationScoped
public class ChangePublisher {

    private static final int BATCH = 100;
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final MutinyEmitter<CanvasChange> emitter;

    public ChangePublisher(@Channel(Topics.CANVAS_CHANGES) MutinyEmitter<CanvasChange> emitter) {
        this.emitter = emitter;
    }

    /** Sends one snapshot and waits for the broker's acknowledgement. */
    public void publish(CanvasChange change) {
        publishAll(List.of(change));
    }

    /**
     * Sends snapshots in their order and waits for every acknowledgement: a re-read's scores go out together instead
     * of one round trip each (the producer keeps their order on the course's partition), in bounded batches that never
     * overflow the emitter's buffer.
     */
    public void publishAll(List<? extends CanvasChange> all) {
        for (int from = 0; from < all.size(); from += BATCH) {
            // The trace travels explicitly: the connector may dispatch the record on another thread.
            List<Uni<Void>> sends = all.subList(from, Math.min(all.size(), from + BATCH)).stream()
                    .map(change -> emitter.sendMessage(KafkaRecord.of(
                            EventKeys.course(change.tenant(), change.courseId()), (CanvasChange) change)
                            .addMetadata(TracingMetadata.withCurrent(Context.current()))))
                    .toList();
            Uni.join().all(sends).andFailFast().await().atMost(TIMEOUT);
        }
        for (CanvasChange change : all) {
            Log.debugf("published %s %s", change.getClass().getSimpleName(), change.eventId());
        }
    }
}
