package org.ccsync.status;

import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.ccsync.contracts.SyncOutcome;
import org.ccsync.contracts.Topics;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Consumes the outcome topic into the status views, once per event id. */
@ApplicationScoped
public class OutcomeListener {

    private final ProcessedEvents processedEvents;
    private final OutcomeProjector projector;

    public OutcomeListener(ProcessedEvents processedEvents, OutcomeProjector projector) {
        this.processedEvents = processedEvents;
        this.projector = projector;
    }

    @Incoming(Topics.SYNC_OUTCOMES)
    @Transactional
    public void onOutcome(SyncOutcome outcome) {
        if (outcome == null) {
            throw new PoisonRecordException(Topics.SYNC_OUTCOMES);
        }
        if (!processedEvents.markProcessed(outcome.eventId())) {
            Log.infof("skipping duplicate event %s", outcome.eventId());
            return;
        }
        projector.apply(outcome);
    }
}
