package org.ccsync.eligibility.outbound;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.ccsync.contracts.CampusWrite;
import org.ccsync.contracts.EventKeys;
import org.ccsync.contracts.Topics;
import org.ccsync.contracts.UpsertResult;
import org.ccsync.eligibility.platform.EligibilityMetrics;
import org.ccsync.support.Outbox;
import org.ccsync.support.PipelineStages;

/** Publishes IC write commands on campus-writes, keyed by district, through the outbox of the caller's transaction. */
@ApplicationScoped
public class CampusWritePublisher {

    private final Outbox outbox;
    private final EligibilityMetrics metrics;

    public CampusWritePublisher(Outbox outbox, EligibilityMetrics metrics) {
        this.outbox = outbox;
        this.metrics = metrics;
    }

    /**
     * Adds the commands in order; they reach Kafka, in that order, once the transaction commits. The stage
     * {@code write_published} is taken here, when the command is committed with the decision.
     */
    public void publish(List<CampusWrite> writes) {
        for (CampusWrite write : writes) {
            outbox.add(Topics.CAMPUS_WRITES, EventKeys.district(write.tenant()), write);
            if (write instanceof UpsertResult result) {
                metrics.stage(PipelineStages.WRITE_PUBLISHED, result.gradedAt());
            }
        }
    }
}
