package org.ccsync.writer.outbound;

import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.Record;
import jakarta.enterprise.context.ApplicationScoped;
import org.ccsync.contracts.DistrictStatusChanged;
import org.ccsync.contracts.EventKeys;
import org.ccsync.contracts.SyncOutcome;
import org.ccsync.contracts.Topics;
import org.eclipse.microprofile.reactive.messaging.Channel;

/**
 * Publishes outcomes on sync-outcomes, keyed by course (a district's status by district), and returns only once
 * the broker acknowledged.
 */
@ApplicationScoped
public class OutcomePublisher {

    private final MutinyEmitter<Record<String, SyncOutcome>> emitter;

    public OutcomePublisher(@Channel(Topics.SYNC_OUTCOMES) MutinyEmitter<Record<String, SyncOutcome>> emitter) {
        this.emitter = emitter;
    }

    public void publish(SyncOutcome outcome) {
        String key = outcome instanceof DistrictStatusChanged
                ? EventKeys.district(outcome.tenant())
                : EventKeys.course(outcome.tenant(), outcome.courseId());
        emitter.sendAndAwait(Record.of(key, outcome));
    }
}
