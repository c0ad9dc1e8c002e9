package org.ccsync.eligibility;

import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.ccsync.contracts.CanvasChange;
import org.ccsync.contracts.Topics;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Consumes canvas-changes, retrying each snapshot a few times in a fresh transaction of {@link EligibilityService}
 * before the record is nacked to canvas-changes-dlq.
 */
@ApplicationScoped
public class CanvasChangeListener {

    private final EligibilityService service;

    public CanvasChangeListener(EligibilityService service) {
        this.service = service;
    }

    @Incoming(Topics.CANVAS_CHANGES)
    @Blocking
    @Retry(maxRetries = 3, delay = 200, jitter = 100, abortOn = IllegalArgumentException.class)
    public void on(CanvasChange change) {
        if (change == null) {
            throw new IllegalArgumentException("a canvas-changes record without a payload");
        }
        try (LogContext ignored = LogContext.open(change.tenant(), change.courseId(), change.eventId())) {
            service.process(change);
        }
    }
}
