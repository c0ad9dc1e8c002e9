package org.ccsync.eligibility;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.ccsync.contracts.CampusWrite;
import org.ccsync.contracts.EventKeys;
import org.ccsync.contracts.Topics;
import org.ccsync.support.Outbox;

/** Publishes IC write commands on campus-writes, keyed by district, through the outbox of the caller's transaction. */
@ApplicationScoped
public class CampusWritePublisher {

    private final Outbox outbox;

    public CampusWritePublisher(Outbox outbox) {
        this.outbox = outbox;
    }

    /** Adds the commands in order; they reach Kafka, in that order, once the transaction commits. */
    public void publish(List<CampusWrite> writes) {
        writes.forEach(write -> outbox.add(Topics.CAMPUS_WRITES, EventKeys.district(write.tenant()), write));
    }
}
