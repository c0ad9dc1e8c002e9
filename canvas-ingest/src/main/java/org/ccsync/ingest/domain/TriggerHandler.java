package org.ccsync.ingest.domain;

import io.quarkus.logging.Log;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.ccsync.contracts.CanvasEventReceived;
import org.ccsync.contracts.EventIds;
import org.ccsync.contracts.ItemFailed;
import org.ccsync.contracts.ItemKind;
import org.ccsync.contracts.ItemRef;
import org.ccsync.ingest.outbound.OutcomePublisher;
import org.ccsync.ingest.outbound.canvas.CanvasNotFoundException;
import org.ccsync.ingest.outbound.canvas.CanvasTokenRejectedException;
import org.ccsync.ingest.outbound.canvas.CanvasUnavailableException;
import org.ccsync.ingest.persistence.IngestStateRepository;
import org.ccsync.ingest.platform.IngestMetrics;
import org.ccsync.ingest.platform.TriggerTracing;
import org.ccsync.support.LogContext;
import org.ccsync.support.PipelineStages;
import org.ccsync.support.TransientFailures;

/**
 * Handles one group of triggers that the {@link org.ccsync.ingest.inbound.TriggerListener} coalesced for a course:
 * hands the not yet processed ones to the {@link TriggerRereader} together, so a grading burst across many
 * assignments of a course costs one {@code students/submissions} read, marks them processed once their snapshots are
 * acknowledged and acknowledges their records; a group that keeps failing goes to canvas-triggers-dlq record by
 * record. A trigger without course (its event named none) is handled once its course is found.
 */
@ApplicationScoped
public class TriggerHandler {

    private static final int CANVAS_ATTEMPTS = 6;

    private final TriggerRereader rereader;
    private final OutcomePublisher outcomes;
    private final IngestStateRepository state;
    private final TriggerTracing tracing;
    private final CourseFinder courses;
    private final IngestMetrics metrics;
    private final MissingCourses missing;

    public TriggerHandler(TriggerRereader rereader, OutcomePublisher outcomes, IngestStateRepository state,
            TriggerTracing tracing, CourseFinder courses, IngestMetrics metrics, MissingCourses missing) {
        this.rereader = rereader;
        this.outcomes = outcomes;
        this.state = state;
        this.tracing = tracing;
        this.courses = courses;
        this.metrics = metrics;
        this.missing = missing;
    }

    /** Handles the records of one course (or triggers without course), in their topic order, and settles each. */
    @ActivateRequestContext
    public void handle(List<KafkaRecord<String, CanvasEventReceived>> records) {
        CanvasEventReceived first = records.get(0).getPayload();
        if (first.courseId() == null) {
            records.forEach(this::handleWithoutCourse);
            return;
        }
        List<CanvasEventReceived> triggers = records.stream().map(KafkaRecord::getPayload).toList();
        triggers.forEach(t -> metrics.stage(PipelineStages.REREAD_STARTED, t.sourceVersion()));
        // One re-read serves several triggers: it continues the first one's trace and links the others.
        try (LogContext ignored = LogContext.open(first.tenant(), first.courseId(), eventIds(triggers));
                TriggerTracing.Active span = tracing.reread(first.tenant(), first.courseId(), records)) {
            try {
                handleWaitingOutOutages(triggers);
            } catch (RuntimeException e) {
                Log.errorf(e, "triggers of course %s/%s failed; sending them to the dead-letter topic",
                        first.tenant(), first.courseId());
                records.forEach(r -> deadLetter(r, e));
                return;
            }
        }
        triggers.forEach(t -> metrics.stage(PipelineStages.REREAD_DONE, t.sourceVersion()));
        records.forEach(KafkaRecord::ack);
    }

    private void handleWithoutCourse(KafkaRecord<String, CanvasEventReceived> record) {
        CanvasEventReceived trigger = record.getPayload();
        try (LogContext ignored = LogContext.open(trigger.tenant(), null, trigger.eventId())) {
            try {
                handleWithoutCourse(trigger);
            } catch (RuntimeException e) {
                Log.errorf(e, "trigger %s without course failed; sending it to the dead-letter topic",
                        trigger.eventId());
                deadLetter(record, e);
                return;
            }
        }
        record.ack();
    }

    /**
     * A trigger whose event named no course (an override raised by a background job) and whose assignment the webhook
     * did not know: the course is looked for in Canvas, then the trigger is handled as one of that course. One that
     * no synced course has is dropped with a log line: the assignment is not synced.
     */
    private void handleWithoutCourse(CanvasEventReceived trigger) {
        if (state.isProcessed(trigger.eventId())) {
            Log.infof("skipping duplicate event %s", trigger.eventId());
            return;
        }
        Optional<String> course = courses.courseOf(trigger.tenant(), trigger.assignmentId());
        if (course.isEmpty()) {
            Log.infof("event %s (%s) names assignment %s, which no course of district %s that is synced has; ignored",
                    trigger.eventId(), trigger.eventName(), trigger.assignmentId(), trigger.tenant());
            state.markProcessed(trigger.eventId());
            return;
        }
        try (LogContext ignored = LogContext.open(trigger.tenant(), course.get(), trigger.eventId())) {
            reread(List.of(inCourse(trigger, course.get())));
        }
    }

    /** The trigger, same event id, placed in the course found for it. */
    public static CanvasEventReceived inCourse(CanvasEventReceived trigger, String courseId) {
        return new CanvasEventReceived(trigger.eventId(), trigger.occurredAt(), trigger.tenant(), courseId,
                trigger.eventName(), trigger.scope(), trigger.assignmentId(), trigger.userId(),
                trigger.sourceVersion());
    }

    /**
     * Handles a course's triggers; while PostgreSQL or the broker is away, waits with growing pauses and tries again,
     * so the partition pauses and resumes where it stopped: an outage of our own infrastructure parks nothing on the
     * DLQ. Canvas failing beyond its client's own retries gets {@link #CANVAS_ATTEMPTS} such rounds (about a minute)
     * before the triggers are parked; the poller and the daily sync read the same state later.
     */
    private void handleWaitingOutOutages(List<CanvasEventReceived> triggers) {
        for (int attempt = 0; ; attempt++) {
            try {
                reread(triggers);
                return;
            } catch (RuntimeException e) {
                boolean canvasAway = e instanceof CanvasUnavailableException;
                if (canvasAway ? attempt + 1 >= CANVAS_ATTEMPTS : !TransientFailures.isTransient(e)) {
                    throw e;
                }
                long millis = TransientFailures.pauseBefore(attempt).toMillis();
                Log.warnf("triggers of course %s/%s wait %d ms for the database, broker or Canvas to come back: %s",
                        triggers.get(0).tenant(), triggers.get(0).courseId(), millis, e.getMessage());
                try {
                    Thread.sleep(millis);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    private void reread(List<CanvasEventReceived> triggers) {
        Set<String> seen = new LinkedHashSet<>();
        List<CanvasEventReceived> fresh = new ArrayList<>();
        for (CanvasEventReceived trigger : triggers) {
            if (!seen.add(trigger.eventId()) || state.isProcessed(trigger.eventId())) {
                Log.infof("skipping duplicate event %s", trigger.eventId());
                continue;
            }
            fresh.add(trigger);
        }
        if (fresh.isEmpty()) {
            return;
        }
        CanvasEventReceived last = fresh.get(fresh.size() - 1);
        try {
            rereader.reread(last.tenant(), last.courseId(), fresh);
        } catch (CanvasTokenRejectedException e) {
            Log.errorf("Canvas token of district %s rejected; %d trigger(s) of course %s not synced", last.tenant(),
                    fresh.size(), last.courseId());
            outcomes.publish(tokenRejected(last, e.getMessage()));
        } catch (CanvasNotFoundException e) {
            if (!missing.reportIfGone(last.tenant(), last.courseId(), e)) {
                throw e;
            }
        }
        // Marked only after the snapshots are acknowledged: a crash in between re-reads once more, and the
        // deterministic snapshot ids let downstream drop the repeats.
        fresh.forEach(t -> state.markProcessed(t.eventId()));
    }

    /** The log context's event id of a course's triggers: one id, or the group's distinct ids comma-separated. */
    private static String eventIds(List<CanvasEventReceived> triggers) {
        return triggers.stream().map(CanvasEventReceived::eventId).distinct().collect(Collectors.joining(","));
    }

    public static void deadLetter(KafkaRecord<String, CanvasEventReceived> record, Throwable reason) {
        record.nack(reason).toCompletableFuture().join();
    }

    static ItemFailed tokenRejected(CanvasEventReceived trigger, String message) {
        return new ItemFailed(
                EventIds.of("item-failed", trigger.tenant(), trigger.courseId(), "canvas_token_rejected",
                        trigger.eventId()),
                Instant.now(), trigger.tenant(), trigger.courseId(), trigger.sourceVersion(),
                new ItemRef(ItemKind.COURSE, trigger.assignmentId(), null, null, null, null),
                "canvas_token_rejected", message, false);
    }
}
