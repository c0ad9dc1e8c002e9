package org.ccsync.ingest.outbound;

import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import jakarta.enterprise.context.ApplicationScoped;
import org.ccsync.contracts.EventKeys;
import org.ccsync.contracts.SyncOutcome;
import org.ccsync.contracts.Topics;
import org.eclipse.microprofile.reactive.messaging.Channel;

/** Publishes sync-run progress and failures on {@code sync-outcomes}, keyed by course. */
@ApplicationScoped
public class OutcomePublisher {

    private final MutinyEmitter<SyncOutcome> emitter;

    public OutcomePublisher(@Channel(Topics.SYNC_OUTCOMES) MutinyEmitter<SyncOutcome> emitter) {
        this.emitter = emitter;
    }

    /** Sends one outcome and waits for the broker's acknowledgement. */
    public void publish(SyncOutcome outcome) {
        emitter.sendMessageAndAwait(KafkaRecord.of(EventKeys.course(outcome.tenant(), outcome.courseId()), outcome));
    }
}
