package org.ccsync.status.inbound;

import io.smallrye.common.annotation.Blocking;
import io.smallrye.faulttolerance.api.ExponentialBackoff;
import io.smallrye.faulttolerance.api.RetryWhen;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.temporal.ChronoUnit;
import org.ccsync.contracts.CampusWrite;
import org.ccsync.contracts.Topics;
import org.ccsync.status.domain.PendingProjector;
import org.ccsync.support.LogContext;
import org.ccsync.support.PoisonRecordException;
import org.ccsync.support.TransientFailures;
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
    @Retry(maxRetries = -1, delay = 200, jitter = 100, maxDuration = 1, durationUnit = ChronoUnit.DAYS)
    @ExponentialBackoff(maxDelay = 15_000)
    @RetryWhen(exception = TransientFailures.class)
    public void onWrite(CampusWrite command) {
        if (command == null) {
            throw new PoisonRecordException(Topics.CAMPUS_WRITES);
        }
        try (LogContext ignored = LogContext.open(command.tenant(), command.courseId(), command.eventId())) {
            projector.project(command);
        }
    }
}
