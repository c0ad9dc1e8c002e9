package org.ccsync.eligibility.domain;

import java.util.ArrayList;
import java.util.List;
import org.ccsync.contracts.CampusWrite;
import org.ccsync.contracts.SyncOutcome;
import org.ccsync.eligibility.persistence.Assignment;

/** The commands and outcomes one snapshot produced, in the order they were decided. */
public final class Emissions {

    /** One command or outcome to publish, with the assignment it belongs to. */
    public record Emission(String eventId, String assignmentId, Object payload) {
    }

    private final List<Emission> writes = new ArrayList<>();
    private final List<Emission> outcomes = new ArrayList<>();

    void write(Assignment assignment, CampusWrite write) {
        writes.add(new Emission(write.eventId(), assignment.assignmentId, write));
    }

    void outcome(Assignment assignment, SyncOutcome outcome) {
        outcomes.add(new Emission(outcome.eventId(), assignment.assignmentId, outcome));
    }

    public List<Emission> writes() {
        return writes;
    }

    public List<Emission> outcomes() {
        return outcomes;
    }
}
