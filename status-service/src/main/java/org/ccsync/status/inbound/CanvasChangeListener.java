package org.ccsync.status.inbound;

import io.smallrye.common.annotation.Blocking;
import io.smallrye.faulttolerance.api.ExponentialBackoff;
import io.smallrye.faulttolerance.api.RetryWhen;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.temporal.ChronoUnit;
import org.ccsync.contracts.AssignmentChanged;
import org.ccsync.contracts.CanvasChange;
import org.ccsync.contracts.RosterChanged;
import org.ccsync.contracts.Topics;
import org.ccsync.status.domain.RosterProjector;
import org.ccsync.support.LogContext;
import org.ccsync.support.PoisonRecordException;
import org.ccsync.support.TransientFailures;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Reads course names, rosters and assignment titles from Canvas snapshots; score snapshots are not needed here. */
@ApplicationScoped
public class CanvasChangeListener {

    private final RosterProjector projector;

    public CanvasChangeListener(RosterProjector projector) {
        this.projector = projector;
    }

    @Incoming(Topics.CANVAS_CHANGES)
    @Blocking
    @Retry(maxRetries = -1, delay = 200, jitter = 100, maxDuration = 1, durationUnit = ChronoUnit.DAYS)
    @ExponentialBackoff(maxDelay = 15_000)
    @RetryWhen(exception = TransientFailures.class)
    public void onChange(CanvasChange change) {
        if (change == null) {
            throw new PoisonRecordException(Topics.CANVAS_CHANGES);
        }
        try (LogContext ignored = LogContext.open(change.tenant(), change.courseId(), change.eventId())) {
            if (change instanceof RosterChanged roster) {
                projector.project(roster);
            } else if (change instanceof AssignmentChanged assignment) {
                projector.project(assignment);
            }
        }
    }
}
