package org.ccsync.status.domain;

import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.ccsync.contracts.CampusWrite;
import org.ccsync.contracts.DeleteLineItem;
import org.ccsync.contracts.DeleteResult;
import org.ccsync.contracts.ItemKind;
import org.ccsync.contracts.ItemRef;
import org.ccsync.contracts.UpsertLineItem;
import org.ccsync.contracts.UpsertResult;
import org.ccsync.status.persistence.ItemStatusRepository;
import org.ccsync.support.ProcessedEvents;

/**
 * Marks the item of an IC write command (UpsertLineItem, DeleteLineItem, UpsertResult, DeleteResult) PENDING when
 * the command is newer than the item's last outcome; the writer's outcome for that version (or a newer one) clears
 * it. A delete command's reason code is kept to say why the item was removed.
 */
@ApplicationScoped
public class PendingProjector {

    private final ProcessedEvents processedEvents;
    private final ItemStatusRepository items;
    private final DailySyncService dailySync;

    public PendingProjector(ProcessedEvents processedEvents, ItemStatusRepository items, DailySyncService dailySync) {
        this.processedEvents = processedEvents;
        this.items = items;
        this.dailySync = dailySync;
    }

    @Transactional
    public void project(CampusWrite command) {
        if (!processedEvents.markProcessed(command.eventId())) {
            Log.infof("skipping duplicate event %s", command.eventId());
            return;
        }
        items.lockCourse(command.tenant(), command.courseId());
        if (items.touchCourse(command.tenant(), command.courseId(), null, null)) {
            dailySync.courseDiscovered(command.tenant(), command.courseId());
        }
        items.markPending(command.tenant(), command.courseId(), item(command), command.sourceVersion(),
                command.occurredAt(), deleteReason(command));
    }

    private static ItemRef item(CampusWrite command) {
        if (command instanceof UpsertResult result) {
            return new ItemRef(ItemKind.RESULT, result.assignmentId(), result.userId(), result.classSourcedId(),
                    result.resultSourcedId(), null);
        }
        if (command instanceof DeleteResult delete) {
            return new ItemRef(ItemKind.RESULT, delete.assignmentId(), delete.userId(), delete.classSourcedId(),
                    delete.resultSourcedId(), null);
        }
        String title = command instanceof UpsertLineItem upsert ? upsert.title() : null;
        return new ItemRef(ItemKind.LINE_ITEM, command.assignmentId(), null, command.classSourcedId(),
                command.lineItemSourcedId(), title);
    }

    /** Why a delete command removes its item, kept until the writer's DELETED outcome; null for an upsert. */
    private static String deleteReason(CampusWrite command) {
        if (command instanceof DeleteResult delete) {
            return delete.reasonCode();
        }
        return command instanceof DeleteLineItem delete ? delete.reasonCode() : null;
    }
}
