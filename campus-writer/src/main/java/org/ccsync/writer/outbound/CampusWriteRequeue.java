package org.ccsync.writer.outbound;

import io.quarkus.logging.Log;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.ccsync.contracts.CampusWrite;
import org.ccsync.contracts.DeleteLineItem;
import org.ccsync.contracts.DeleteResult;
import org.ccsync.contracts.EventIds;
import org.ccsync.contracts.EventKeys;
import org.ccsync.contracts.UpsertLineItem;
import org.ccsync.contracts.UpsertResult;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.ccsync.writer.persistence.LineItemRejections;
import org.ccsync.writer.persistence.ParkedResults;

/**
 * Puts held-back writes back on campus-writes, behind what the district's lane already has, once their cause can have
 * changed: a refused lineItem when a category mapping is saved or a sync runs, and the results parked behind it once
 * it is written. Each copy gets an event id derived from the original and the cause, so a redelivered cause requeues
 * the same records and the ledger makes the second copy a no-op. Returns once the broker acknowledged; never called
 * inside a database transaction.
 */
@ApplicationScoped
public class CampusWriteRequeue {

    static final String CHANNEL = "campus-writes-requeue";

    private final MutinyEmitter<CampusWrite> emitter;
    private final LineItemRejections rejections;
    private final ParkedResults parked;

    public CampusWriteRequeue(@Channel(CHANNEL) MutinyEmitter<CampusWrite> emitter, LineItemRejections rejections,
            ParkedResults parked) {
        this.emitter = emitter;
        this.rejections = rejections;
        this.parked = parked;
    }

    /**
     * Tries every refused lineItem of a course (of the whole district when {@code courseId} is null) again.
     *
     * @return how many were requeued
     */
    public int retryRefusedLineItems(String tenant, String courseId, String causeEventId) {
        List<UpsertLineItem> refused = rejections.refusedCommands(tenant, courseId);
        for (UpsertLineItem command : refused) {
            send(retry(command, EventIds.of("retry", command.eventId(), causeEventId)));
        }
        if (!refused.isEmpty()) {
            Log.infof("requeued %d refused lineItems of %s for another try (cause %s)", refused.size(),
                    courseId == null ? "district " + tenant : "course " + tenant + "/" + courseId, causeEventId);
        }
        return refused.size();
    }

    /**
     * Sends the results parked behind a lineItem that has just been written.
     *
     * @return how many were requeued
     */
    public int releaseParkedResults(String lineItemSourcedId, String causeEventId) {
        List<UpsertResult> waiting = parked.waitingFor(lineItemSourcedId);
        for (UpsertResult command : waiting) {
            send(retry(command, EventIds.of("released", command.eventId(), causeEventId)));
        }
        parked.sent(waiting);
        if (!waiting.isEmpty()) {
            Log.infof("lineItem %s is written: requeued its %d parked results", lineItemSourcedId, waiting.size());
        }
        return waiting.size();
    }

    /**
     * Writes a command again to repair IC (a verification found IC different); its event id comes from the original
     * and the verification, so a repeated verification's copy is new while a redelivered one is not.
     */
    public void repair(CampusWrite command, String verificationId) {
        send(withEventId(command, EventIds.of("repair", command.eventId(), verificationId)));
    }

    /** Puts a command held for a district admin back on campus-writes under the given event id. */
    public void release(CampusWrite command, String eventId) {
        send(withEventId(command, eventId));
    }

    public static CampusWrite withEventId(CampusWrite c, String eventId) {
        if (c instanceof UpsertLineItem upsert) {
            return retry(upsert, eventId);
        }
        if (c instanceof UpsertResult result) {
            return retry(result, eventId);
        }
        if (c instanceof DeleteLineItem d) {
            return new DeleteLineItem(eventId, d.occurredAt(), d.tenant(), d.courseId(), d.assignmentId(),
                    d.classSourcedId(), d.lineItemSourcedId(), d.sourceVersion(), d.reasonCode());
        }
        DeleteResult d = (DeleteResult) c;
        return new DeleteResult(eventId, d.occurredAt(), d.tenant(), d.courseId(), d.assignmentId(),
                d.classSourcedId(), d.lineItemSourcedId(), d.resultSourcedId(), d.userId(), d.studentSourcedId(),
                d.sourceVersion(), d.reasonCode());
    }

    private void send(CampusWrite command) {
        emitter.sendMessageAndAwait(Message.of(command).addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(EventKeys.district(command.tenant())).build()));
    }

    public static UpsertLineItem retry(UpsertLineItem c, String eventId) {
        return new UpsertLineItem(eventId, c.occurredAt(), c.tenant(), c.courseId(), c.assignmentId(),
                c.classSourcedId(), c.lineItemSourcedId(), c.sourceVersion(), c.title(), c.pointsPossible(),
                c.assignDate(), c.dueDate(), c.group());
    }

    public static UpsertResult retry(UpsertResult c, String eventId) {
        return new UpsertResult(eventId, c.occurredAt(), c.tenant(), c.courseId(), c.assignmentId(),
                c.classSourcedId(), c.lineItemSourcedId(), c.resultSourcedId(), c.userId(), c.studentSourcedId(),
                c.sourceVersion(), c.score(), c.excused(), c.late(), c.missing(), c.scoreDate(), c.gradedAt(),
                c.partiallyGraded());
    }
}
