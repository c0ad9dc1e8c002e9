package org.ccsync.status.persistence;

import static org.ccsync.status.persistence.ItemStatusRepository.REMOVED;
import static org.ccsync.status.persistence.ItemStatusRepository.SKIPPED;
import static org.ccsync.status.persistence.ItemStatusRepository.WRITTEN;

import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.util.ArrayList;
import java.util.List;
import org.ccsync.contracts.ItemKind;
import org.ccsync.contracts.ItemRef;
import org.ccsync.status.persistence.ItemStatusRepository.Outcome;
import org.ccsync.status.persistence.ItemStatusRepository.Row;

/**
 * Why an item left Infinite Campus, and the results a deleted lineItem takes along (IC deletes them with it). The
 * caller holds the course's lock.
 */
@ApplicationScoped
class ItemRemovals {

    /** The reason code of a result removed because its lineItem was deleted. */
    static final String LINE_ITEM_DELETED = "line_item_deleted";

    /** Why an item was removed from IC: a reason code and a sentence, each null when unknown. */
    record Removal(String reasonCode, String why) {

        String message() {
            if (why != null) {
                return "Removed from Infinite Campus: " + why;
            }
            return reasonCode == null ? "Removed from Infinite Campus."
                    : "Removed from Infinite Campus (" + reasonCode + ").";
        }

        String withLineItemMessage() {
            if (why != null) {
                return "Removed from Infinite Campus with its lineItem: " + why;
            }
            return reasonCode == null ? "Removed from Infinite Campus with its lineItem."
                    : "Removed from Infinite Campus with its lineItem (" + reasonCode + ").";
        }
    }

    /**
     * The results a deleted lineItem took along: those whose last outcome put them in IC. One still waiting for a
     * newer write stays PENDING; its last outcome becomes REMOVED.
     */
    private static final String REMOVE_LINE_ITEM_RESULTS = """
            UPDATE item_status SET
                status = CASE WHEN status = 'WRITTEN' THEN 'REMOVED' ELSE status END,
                outcome_status = 'REMOVED', reason_code = ?5, message = ?6,
                occurred_at = GREATEST(occurred_at, ?7)
            WHERE tenant = ?1 AND course_id = ?2 AND kind = 'RESULT' AND assignment_id = ?3
              AND class_sourced_id = ?4 AND outcome_status = 'WRITTEN'
            RETURNING user_id, status
            """;

    private static final String SELECT_ASSIGNMENT_SKIP = """
            SELECT reason_code, message, source_version FROM item_status
            WHERE tenant = ?1 AND course_id = ?2 AND item_key = ?3 AND outcome_status = 'SKIPPED'
            """;

    private final EntityManager entityManager;
    private final ItemCounters counters;

    ItemRemovals(EntityManager entityManager, ItemCounters counters) {
        this.entityManager = entityManager;
        this.counters = counters;
    }

    /**
     * Why an item left IC, as far as the view knows. A lineItem: the skip that made it stop syncing (its own, or
     * its assignment's when that came after the lineItem's last outcome), else the delete command's reason code. A
     * result: the delete command's reason code, else what a deleted result always means.
     */
    Removal removal(Outcome outcome, Row before) {
        String commandReason = before != null && before.pendingReasonCode() != null
                && before.pendingVersion() != null && before.pendingVersion() <= outcome.sourceVersion()
                ? before.pendingReasonCode() : null;
        if (outcome.item().kind() == ItemKind.RESULT) {
            String code = commandReason;
            String why = switch (code == null ? "" : code) {
                case "score_cleared" -> "the score was cleared in Canvas.";
                case "excuse_lifted" -> "the excuse was lifted in Canvas and there is no score to replace it.";
                case "" -> "its score was cleared in Canvas, or its excuse lifted.";
                default -> null;
            };
            return new Removal(code, why);
        }
        if (outcome.item().kind() == ItemKind.LINE_ITEM) {
            if (before != null && SKIPPED.equals(before.outcomeStatus()) && before.message() != null) {
                return new Removal(before.reasonCode(), before.message());
            }
            List<?> skips = entityManager.createNativeQuery(SELECT_ASSIGNMENT_SKIP)
                    .setParameter(1, outcome.tenant())
                    .setParameter(2, outcome.courseId())
                    .setParameter(3, ItemStatusRepository.itemKey(new ItemRef(ItemKind.ASSIGNMENT,
                            outcome.item().assignmentId(), null, null, null, null)))
                    .getResultList();
            if (!skips.isEmpty()) {
                Object[] skip = (Object[]) skips.get(0);
                boolean afterLastOutcome = before == null
                        || ((Number) skip[2]).longValue() >= before.sourceVersion();
                if (afterLastOutcome && skip[1] != null) {
                    return new Removal((String) skip[0], (String) skip[1]);
                }
            }
        }
        if ("deleted".equals(commandReason)) {
            return new Removal(commandReason, "the assignment was deleted in Canvas.");
        }
        return new Removal(commandReason, null);
    }

    /** Moves the results IC deleted along with a lineItem to REMOVED and their counters with them. */
    void removeResultsOf(Outcome lineItem, Removal removal) {
        ItemRef item = lineItem.item();
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery(REMOVE_LINE_ITEM_RESULTS)
                .setParameter(1, lineItem.tenant())
                .setParameter(2, lineItem.courseId())
                .setParameter(3, item.assignmentId())
                .setParameter(4, item.classSourcedId())
                .setParameter(5, LINE_ITEM_DELETED)
                .setParameter(6, removal.withLineItemMessage())
                .setParameter(7, lineItem.occurredAt())
                .getResultList();
        // A result still PENDING keeps its counters; only those that were WRITTEN move.
        List<String> users = new ArrayList<>();
        long moved = 0;
        for (Object[] row : rows) {
            if (REMOVED.equals(row[1])) {
                moved++;
                if (row[0] != null) {
                    users.add((String) row[0]);
                }
            }
        }
        if (moved == 0) {
            return;
        }
        Log.infof("lineItem %s of course %s/%s was deleted in IC: %d written result(s) are removed with it",
                item.sourcedId(), lineItem.tenant(), lineItem.courseId(), moved);
        counters.addCount(lineItem.tenant(), lineItem.courseId(), item.assignmentId(), ItemKind.RESULT.name(),
                WRITTEN, "", -moved);
        counters.addCount(lineItem.tenant(), lineItem.courseId(), item.assignmentId(), ItemKind.RESULT.name(),
                REMOVED, "", moved);
        counters.addCourseCounts(lineItem.tenant(), lineItem.courseId(), WRITTEN, -moved);
        counters.addCourseCounts(lineItem.tenant(), lineItem.courseId(), REMOVED, moved);
        if (!users.isEmpty()) {
            counters.moveStudentsWrittenToRemoved(lineItem.tenant(), lineItem.courseId(), users);
        }
    }
}
