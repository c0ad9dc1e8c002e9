package org.ccsync.status;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import org.ccsync.contracts.ItemFailed;
import org.ccsync.contracts.ItemKind;
import org.ccsync.contracts.ItemRef;
import org.ccsync.contracts.ItemSkipped;
import org.ccsync.contracts.ItemWritten;
import org.ccsync.contracts.SyncOutcome;
import org.ccsync.contracts.SyncRunProgressed;

/**
 * Folds one outcome into the status views. Every write is a version-checked upsert, so a replayed or
 * out-of-order outcome never replaces a newer one.
 */
@ApplicationScoped
public class OutcomeProjector {

    private static final String UPSERT_ITEM = """
            INSERT INTO item_status (tenant, course_id, item_key, kind, assignment_id, user_id, class_sourced_id,
                                     sourced_id, title, status, reason_code, message, category, grading_period,
                                     score, source_version, occurred_at)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)
            ON CONFLICT (tenant, course_id, item_key) DO UPDATE SET
                kind = EXCLUDED.kind, assignment_id = EXCLUDED.assignment_id, user_id = EXCLUDED.user_id,
                class_sourced_id = COALESCE(EXCLUDED.class_sourced_id, item_status.class_sourced_id),
                sourced_id = COALESCE(EXCLUDED.sourced_id, item_status.sourced_id),
                title = COALESCE(EXCLUDED.title, item_status.title),
                status = EXCLUDED.status, reason_code = EXCLUDED.reason_code, message = EXCLUDED.message,
                category = EXCLUDED.category, grading_period = EXCLUDED.grading_period, score = EXCLUDED.score,
                source_version = EXCLUDED.source_version, occurred_at = EXCLUDED.occurred_at
            WHERE item_status.source_version < EXCLUDED.source_version
               OR (item_status.source_version = EXCLUDED.source_version
                   AND item_status.occurred_at <= EXCLUDED.occurred_at)
            """;

    private static final String TOUCH_COURSE = """
            INSERT INTO course_status (tenant, course_id, last_success_at, last_outcome_at)
            VALUES (?1, ?2, ?3, ?4)
            ON CONFLICT (tenant, course_id) DO UPDATE SET
                last_success_at = GREATEST(course_status.last_success_at, EXCLUDED.last_success_at),
                last_outcome_at = GREATEST(course_status.last_outcome_at, EXCLUDED.last_outcome_at)
            """;

    private static final String UPSERT_RUN = """
            INSERT INTO sync_run (run_id, tenant, course_id, sync_trigger, requested_by, requested_at, stage,
                                  assignments, scores, message, updated_at)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)
            ON CONFLICT (run_id) DO UPDATE SET
                stage = EXCLUDED.stage, assignments = EXCLUDED.assignments, scores = EXCLUDED.scores,
                message = EXCLUDED.message, updated_at = EXCLUDED.updated_at
            WHERE sync_run.updated_at <= EXCLUDED.updated_at
            """;

    private final EntityManager entityManager;

    public OutcomeProjector(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /** Applies the outcome to the item, course and run views. */
    public void apply(SyncOutcome outcome) {
        if (outcome instanceof ItemWritten written) {
            upsertItem(written, written.item(), "WRITTEN", null, written.action(), written.category(),
                    written.gradingPeriod(), written.score());
            touchCourse(outcome, written.occurredAt());
        } else if (outcome instanceof ItemSkipped skipped) {
            upsertItem(skipped, skipped.item(), "SKIPPED", skipped.reasonCode(), skipped.reason(), null, null, null);
            touchCourse(outcome, null);
        } else if (outcome instanceof ItemFailed failed) {
            upsertItem(failed, failed.item(), "FAILED", failed.errorCode(), failed.error(), null, null, null);
            touchCourse(outcome, null);
        } else if (outcome instanceof SyncRunProgressed run) {
            entityManager.createNativeQuery(UPSERT_RUN)
                    .setParameter(1, run.runId())
                    .setParameter(2, run.tenant())
                    .setParameter(3, run.courseId())
                    .setParameter(4, run.trigger() == null ? "MANUAL" : run.trigger().name())
                    .setParameter(5, run.requestedBy())
                    .setParameter(6, run.occurredAt())
                    .setParameter(7, run.stage())
                    .setParameter(8, run.assignments())
                    .setParameter(9, run.scores())
                    .setParameter(10, run.message())
                    .setParameter(11, run.occurredAt())
                    .executeUpdate();
            touchCourse(outcome, null);
        }
    }

    private void upsertItem(SyncOutcome outcome, ItemRef item, String status, String reasonCode, String message,
            String category, String gradingPeriod, Double score) {
        entityManager.createNativeQuery(UPSERT_ITEM)
                .setParameter(1, outcome.tenant())
                .setParameter(2, outcome.courseId())
                .setParameter(3, itemKey(item))
                .setParameter(4, item.kind().name())
                .setParameter(5, item.assignmentId())
                .setParameter(6, item.userId())
                .setParameter(7, item.classSourcedId())
                .setParameter(8, item.sourcedId())
                .setParameter(9, item.title())
                .setParameter(10, status)
                .setParameter(11, reasonCode)
                .setParameter(12, message)
                .setParameter(13, category)
                .setParameter(14, gradingPeriod)
                .setParameter(15, score)
                .setParameter(16, outcome.sourceVersion())
                .setParameter(17, outcome.occurredAt())
                .executeUpdate();
    }

    private void touchCourse(SyncOutcome outcome, Instant successAt) {
        entityManager.createNativeQuery(TOUCH_COURSE)
                .setParameter(1, outcome.tenant())
                .setParameter(2, outcome.courseId())
                .setParameter(3, successAt)
                .setParameter(4, outcome.occurredAt())
                .executeUpdate();
    }

    /**
     * The key of an item in the view. Results are keyed by assignment and student, line items by assignment and
     * class, so that the eligibility service's skip and the writer's write of one item land on one row.
     */
    static String itemKey(ItemRef item) {
        ItemKind kind = item.kind();
        return switch (kind) {
            case COURSE -> "C";
            case ASSIGNMENT -> "A:" + item.assignmentId();
            case LINE_ITEM -> "L:" + item.assignmentId() + ":" + orUnknown(item.classSourcedId());
            case RESULT -> "R:" + item.assignmentId() + ":" + orUnknown(item.userId());
        };
    }

    private static String orUnknown(String value) {
        return value == null ? "?" : value;
    }
}
