package org.ccsync.writer.domain;

import java.time.Instant;
import org.ccsync.contracts.CampusWrite;
import org.ccsync.contracts.DeleteResult;
import org.ccsync.contracts.EventIds;
import org.ccsync.contracts.ItemFailed;
import org.ccsync.contracts.ItemKind;
import org.ccsync.contracts.ItemRef;
import org.ccsync.contracts.ItemWritten;
import org.ccsync.contracts.Topics;
import org.ccsync.contracts.UpsertLineItem;
import org.ccsync.contracts.UpsertResult;
import org.ccsync.writer.outbound.ic.WriteFailure;

/**
 * Applies one campus-writes command to Infinite Campus on a lane worker: skips stale and unchanged writes through
 * the ledger, reports every item as ItemWritten or ItemFailed, and acks, nacks (DLQ) or hands the job back.
 */
/** The outcomes a write reports on sync-outcomes: {@link ItemWritten} (with its action) or {@link ItemFailed}. */
final class Outcomes {

    private Outcomes() {
    }

    static ItemRef lineItemRef(CampusWrite command, String title) {
        return new ItemRef(ItemKind.LINE_ITEM, command.assignmentId(), null, command.classSourcedId(),
                command.lineItemSourcedId(), title);
    }

    /**
     * The outcome of a write. Its id comes from the item, the content IC holds and the command: a redelivered command
     * repeats it (status-service drops the copy), while a command sent again after a delete (a new sync epoch) is news
     * even with the same content.
     */
    static ItemWritten written(CampusWrite command, ItemRef item, String action, String contentHash,
            String category, String gradingPeriod, Double score, Instant changedAt) {
        return new ItemWritten(EventIds.of("written", command.targetSourcedId(), command.sourceVersion(), contentHash,
                command.eventId()),
                Instant.now(), command.tenant(), command.courseId(), command.sourceVersion(), item, action, category,
                gradingPeriod, score, changedAt);
    }

    static ItemFailed failed(CampusWrite command, WriteFailure failure) {
        ItemRef item;
        if (command instanceof UpsertResult result) {
            item = new ItemRef(ItemKind.RESULT, result.assignmentId(), result.userId(), result.classSourcedId(),
                    result.resultSourcedId(), null);
        } else if (command instanceof DeleteResult delete) {
            item = new ItemRef(ItemKind.RESULT, delete.assignmentId(), delete.userId(), delete.classSourcedId(),
                    delete.resultSourcedId(), null);
        } else {
            item = lineItemRef(command, command instanceof UpsertLineItem upsert ? upsert.title() : null);
        }
        String error = failure.isTransient()
                ? failure.getMessage() + " Retries are used up; the command is parked on "
                        + Topics.dlq(Topics.CAMPUS_WRITES) + " for replay."
                : failure.getMessage();
        String eventId = EventIds.of("failed", command.targetSourcedId(), command.sourceVersion(),
                failure.errorCode(), command.eventId());
        return new ItemFailed(eventId, Instant.now(), command.tenant(), command.courseId(), command.sourceVersion(),
                item, failure.errorCode(), error, false);
    }
}
