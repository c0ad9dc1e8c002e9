package org.ccsync.eligibility;

import io.opentelemetry.context.Context;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.TracingMetadata;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.ccsync.contracts.EventKeys;
import org.ccsync.contracts.SyncOutcome;
import org.ccsync.contracts.Topics;
import org.eclipse.microprofile.reactive.messaging.Channel;

/** Publishes outcomes on sync-outcomes, keyed by course, and returns only once the broker acked them. */
@ApplicationScoped
public class SyncOutcomePublisher {

    private final MutinyEmitter<SyncOutcome> emitter;

    public SyncOutcomePublisher(@Channel(Topics.SYNC_OUTCOMES) MutinyEmitter<SyncOutcome> emitter) {
        this.emitter = emitter;
    }

    /** Sends the outcomes in order and waits for every acknowledgement. */
    public void publish(List<SyncOutcome> outcomes) {
        AckedSends.sendAll(outcomes, outcome -> emitter.sendMessage(
                KafkaRecord.of(EventKeys.course(outcome.tenant(), outcome.courseId()), outcome)
                        .addMetadata(TracingMetadata.withCurrent(Context.current()))));
    }
}
