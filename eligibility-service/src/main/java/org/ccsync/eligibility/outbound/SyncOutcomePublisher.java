package org.ccsync.eligibility.outbound;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.ccsync.contracts.EventKeys;
import org.ccsync.contracts.SyncOutcome;
import org.ccsync.contracts.Topics;
import org.ccsync.support.Outbox;

/** Publishes outcomes on sync-outcomes, keyed by course, through the outbox of the caller's transaction. */
@ApplicationScoped
public class SyncOutcomePublisher {

    private final Outbox outbox;

    public SyncOutcomePublisher(Outbox outbox) {
        this.outbox = outbox;
    }

    /** Adds the outcomes in order; they reach Kafka, in that order, once the transaction commits. */
    public void publish(List<SyncOutcome> outcomes) {
        outcomes.forEach(outcome -> outbox.add(Topics.SYNC_OUTCOMES,
                EventKeys.course(outcome.tenant(), outcome.courseId()), outcome));
    }
}
