package org.ccsync.eligibility.outbound;

import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.ccsync.contracts.CampusWrite;
import org.ccsync.contracts.CanvasChange;
import org.ccsync.contracts.SyncOutcome;
import org.ccsync.eligibility.domain.Emissions.Emission;
import org.ccsync.eligibility.domain.Emissions;
import org.ccsync.eligibility.persistence.EventLedgerRepository;
import org.ccsync.eligibility.platform.EligibilityMetrics;

/**
 * Publishes what one snapshot produced, in its transaction: only what the emitted-event ledger has not seen, the
 * writes before the outcomes, each through the outbox; the decision metrics count it once the transaction commits.
 */
@ApplicationScoped
public class EmissionPublisher {

    private final EventLedgerRepository ledger;
    private final CampusWritePublisher writePublisher;
    private final SyncOutcomePublisher outcomePublisher;
    private final Event<EligibilityMetrics.Published> published;

    public EmissionPublisher(EventLedgerRepository ledger, CampusWritePublisher writePublisher,
            SyncOutcomePublisher outcomePublisher, Event<EligibilityMetrics.Published> published) {
        this.ledger = ledger;
        this.writePublisher = writePublisher;
        this.outcomePublisher = outcomePublisher;
        this.published = published;
    }

    public void publish(CanvasChange change, Emissions out) {
        List<Emission> all = new ArrayList<>(out.writes());
        all.addAll(out.outcomes());
        if (all.isEmpty()) {
            return;
        }
        Set<String> seen = ledger.alreadyEmitted(all.stream().map(Emission::eventId).collect(Collectors.toSet()));
        List<CampusWrite> writes = new ArrayList<>();
        for (Emission emission : out.writes()) {
            if (seen.add(emission.eventId()) && ledger.markEmitted(emission.eventId(), change.tenant(),
                    change.courseId(), emission.assignmentId())) {
                writes.add((CampusWrite) emission.payload());
            }
        }
        List<SyncOutcome> outcomes = new ArrayList<>();
        for (Emission emission : out.outcomes()) {
            if (seen.add(emission.eventId()) && ledger.markEmitted(emission.eventId(), change.tenant(),
                    change.courseId(), emission.assignmentId())) {
                outcomes.add((SyncOutcome) emission.payload());
            }
        }
        // Writes go first: once an outcome of this event is visible, its writes are too.
        writePublisher.publish(writes);
        outcomePublisher.publish(outcomes);
        // Counted once the transaction commits, so a retry of this snapshot does not count its decisions twice.
        published.fire(new EligibilityMetrics.Published(change.tenant(), writes, outcomes));
        Log.debugf("event %s: %d writes and %d outcomes published, %d already published", change.eventId(),
                writes.size(), outcomes.size(), all.size() - writes.size() - outcomes.size());
        if (Log.isDebugEnabled()) {
            // Links this snapshot's id (the log context's eventId) to the ids of what it caused downstream.
            writes.forEach(write -> Log.debugf("published %s %s for %s", write.getClass().getSimpleName(),
                    write.eventId(), write.targetSourcedId()));
            outcomes.forEach(outcome -> Log.debugf("published %s %s", outcome.getClass().getSimpleName(),
                    outcome.eventId()));
        }
    }
}
