package org.ccsync.ingest.inbound;

import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Semaphore;
import org.ccsync.contracts.CanvasEventReceived;
import org.ccsync.contracts.Topics;
import org.ccsync.ingest.domain.CourseCoalescer;
import org.ccsync.ingest.domain.TriggerHandler;
import org.ccsync.ingest.platform.IngestConfig;
import org.ccsync.support.LogContext;
import org.ccsync.support.TransientFailures;
import org.eclipse.microprofile.reactive.messaging.Acknowledgment;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Consumes canvas-triggers and queues each trigger for its course in a {@link CourseCoalescer}, which hands a
 * course's waiting triggers to the {@link TriggerHandler} as one group: a quiet course is re-read at once, triggers
 * arriving during its re-read join the next one, and other courses never wait behind it. A record is acknowledged only
 * once its group's snapshots are acknowledged (the throttled commit strategy commits an offset only when every record
 * before it is settled), so a crash loses no trigger. Poison records go to canvas-triggers-dlq at once.
 */
@ApplicationScoped
public class TriggerListener {

    private final CourseCoalescer<KafkaRecord<String, CanvasEventReceived>> coalescer;
    // Bounds the triggers held in memory while their courses wait (a Canvas outage): the consumer then stops polling.
    private final Semaphore waiting;

    public TriggerListener(TriggerHandler handler, IngestConfig config) {
        this.waiting = new Semaphore(config.triggers().maxWaiting());
        this.coalescer = new CourseCoalescer<>(config.triggers().coalesceWindow(),
                config.triggers().districtParallelism(), (course, records) -> {
                    try {
                        handler.handle(records);
                    } finally {
                        waiting.release(records.size());
                    }
                });
    }

    @Incoming(Topics.CANVAS_TRIGGERS)
    @Acknowledgment(Acknowledgment.Strategy.MANUAL)
    @Blocking
    public CompletionStage<Void> on(KafkaRecord<String, CanvasEventReceived> record) throws InterruptedException {
        CanvasEventReceived trigger = record.getPayload();
        if (trigger == null || trigger.eventId() == null || trigger.tenant() == null || trigger.scope() == null
                || (trigger.courseId() == null && trigger.assignmentId() == null)) {
            // Only this record goes to the dead-letter topic, with its original bytes.
            try (LogContext ignored = trigger == null ? LogContext.open(null, null, null)
                    : LogContext.open(trigger.tenant(), trigger.courseId(), trigger.eventId())) {
                TriggerHandler.deadLetter(record, new IllegalArgumentException(
                        "a trigger without event id, tenant, scope, or course and assignment, or not JSON"));
            }
            return CompletableFuture.completedFuture(null);
        }
        waiting.acquire();
        // A trigger without course is looked up on its own; it shares no re-read with others.
        String course = trigger.courseId() != null ? trigger.tenant() + "/" + trigger.courseId()
                : trigger.tenant() + "/?" + trigger.eventId();
        coalescer.submit(trigger.tenant(), course, record);
        return CompletableFuture.completedFuture(null);
    }

    @PreDestroy
    void stop() {
        coalescer.close();
    }
}
