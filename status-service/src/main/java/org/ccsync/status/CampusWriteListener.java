package org.ccsync.status;

import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.ccsync.contracts.CampusWrite;
import org.ccsync.contracts.Topics;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Watches the IC write commands (upserts and deletes) so that an item waiting for Infinite Campus shows as PENDING. */
@ApplicationScoped
public class CampusWriteListener {

    private final PendingProjector projector;

    public CampusWriteListener(PendingProjector projector) {
        this.projector = projector;
    }

    @Incoming(Topics.CAMPUS_WRITES)
    @Blocking
    @Retry(maxRetries = 3, delay = 200, abortOn = PoisonRecordException.class)
    public void onWrite(CampusWrite command) {
        if (command == null) {
            throw new PoisonRecordException(Topics.CAMPUS_WRITES);
        }
        try (LogContext ignored = LogContext.open(command.tenant(), command.courseId(), command.eventId())) {
            projector.project(command);
        }
    }
}
