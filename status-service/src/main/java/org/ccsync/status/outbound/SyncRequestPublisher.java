package org.ccsync.status.outbound;

import jakarta.enterprise.context.ApplicationScoped;
import org.ccsync.contracts.EventKeys;
import org.ccsync.contracts.SyncRequest;
import org.ccsync.contracts.Topics;
import org.ccsync.support.Outbox;

/** Publishes sync requests to canvas-ingest and campus-writer through the outbox of the caller's transaction. */
@ApplicationScoped
public class SyncRequestPublisher {

    private final Outbox outbox;

    public SyncRequestPublisher(Outbox outbox) {
        this.outbox = outbox;
    }

    /** Adds the request; it reaches Kafka once the caller's transaction (the run, schedule or audit row) commits. */
    public void publish(SyncRequest request) {
        outbox.add(Topics.SYNC_REQUESTS, EventKeys.course(request.tenant(), request.courseId()), request);
    }
}
