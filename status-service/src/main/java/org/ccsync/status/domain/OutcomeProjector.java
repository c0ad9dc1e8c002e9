package org.ccsync.status.domain;

import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import org.ccsync.contracts.CourseVerified;
import org.ccsync.contracts.DistrictStatusChanged;
import org.ccsync.contracts.HoldChanged;
import org.ccsync.contracts.ItemFailed;
import org.ccsync.contracts.ItemSkipped;
import org.ccsync.contracts.ItemWritten;
import org.ccsync.contracts.SyncOutcome;
import org.ccsync.contracts.SyncRunProgressed;
import org.ccsync.status.persistence.ItemStatusRepository;
import org.ccsync.support.ProcessedEvents;

/**
 * Folds one outcome into the status views, once per event id. Every item write is version-checked: an outcome of an
 * older source version than the item's never replaces it; of two outcomes of one version (event ids are derived
 * from content, so a recomputed late penalty is a new outcome of the same Canvas version) the later to arrive on
 * the course's partition wins.
 */
@ApplicationScoped
public class OutcomeProjector {

    /** {@link ItemWritten#action()} of an item removed from Infinite Campus. */
    static final String DELETED = "DELETED";

    private static final String UPSERT_RUN = """
            INSERT INTO sync_run (run_id, tenant, course_id, sync_trigger, requested_by, requested_at, stage,
                                  assignments, scores, message, updated_at, source_version)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)
            ON CONFLICT (run_id) DO UPDATE SET
                stage = EXCLUDED.stage, assignments = EXCLUDED.assignments, scores = EXCLUDED.scores,
                message = EXCLUDED.message, updated_at = EXCLUDED.updated_at,
                source_version = EXCLUDED.source_version,
                requested_by = COALESCE(sync_run.requested_by, EXCLUDED.requested_by)
            WHERE sync_run.source_version < EXCLUDED.source_version
               OR (sync_run.source_version = EXCLUDED.source_version AND sync_run.updated_at <= EXCLUDED.updated_at)
            """;

    private static final String UPSERT_DISTRICT = """
            INSERT INTO district_status (tenant, ic_available, credentials_valid, credentials_expire_at, message,
                                         source_version, occurred_at, identity_strategy)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
            ON CONFLICT (tenant) DO UPDATE SET
                ic_available = EXCLUDED.ic_available, credentials_valid = EXCLUDED.credentials_valid,
                credentials_expire_at = EXCLUDED.credentials_expire_at, message = EXCLUDED.message,
                identity_strategy = COALESCE(EXCLUDED.identity_strategy, district_status.identity_strategy),
                source_version = EXCLUDED.source_version, occurred_at = EXCLUDED.occurred_at
            WHERE district_status.source_version < EXCLUDED.source_version
               OR (district_status.source_version = EXCLUDED.source_version
                   AND district_status.occurred_at <= EXCLUDED.occurred_at)
            """;

    private final EntityManager entityManager;
    private final ProcessedEvents processedEvents;
    private final ItemStatusRepository items;
    private final DailySyncService dailySync;
    private final DriftService drift;

    public OutcomeProjector(EntityManager entityManager, ProcessedEvents processedEvents, ItemStatusRepository items,
            DailySyncService dailySync, DriftService drift) {
        this.drift = drift;
        this.entityManager = entityManager;
        this.processedEvents = processedEvents;
        this.items = items;
        this.dailySync = dailySync;
    }

    /** Applies the outcome to the item, course, run and district views unless it was applied before. */
    @Transactional
    public void project(SyncOutcome outcome) {
        if (!processedEvents.markProcessed(outcome.eventId())) {
            Log.infof("skipping duplicate event %s", outcome.eventId());
            return;
        }
        if (outcome instanceof DistrictStatusChanged district) {
            entityManager.createNativeQuery(UPSERT_DISTRICT)
                    .setParameter(1, district.tenant())
                    .setParameter(2, district.icAvailable())
                    .setParameter(3, district.credentialsValid())
                    .setParameter(4, district.credentialsExpireAt())
                    .setParameter(5, district.message())
                    .setParameter(6, district.sourceVersion())
                    .setParameter(7, district.occurredAt())
                    .setParameter(8, district.identityStrategy())
                    .executeUpdate();
            return;
        }
        if (outcome instanceof CourseVerified verified) {
            drift.verified(verified);
            return;
        }
        if (outcome instanceof HoldChanged hold) {
            drift.holdChanged(hold);
            return;
        }
        items.lockCourse(outcome.tenant(), outcome.courseId());
        Instant successAt = outcome instanceof ItemWritten ? outcome.occurredAt() : null;
        if (items.touchCourse(outcome.tenant(), outcome.courseId(), successAt, outcome.occurredAt())) {
            dailySync.courseDiscovered(outcome.tenant(), outcome.courseId());
        }
        if (outcome instanceof ItemWritten written) {
            // DELETED: IC no longer holds the item (a lineItem's results go with it); the repository says why.
            String status = DELETED.equals(written.action()) ? ItemStatusRepository.REMOVED
                    : ItemStatusRepository.WRITTEN;
            items.applyOutcome(new ItemStatusRepository.Outcome(written.tenant(), written.courseId(), written.item(),
                    status, null, written.action(), written.category(), written.gradingPeriod(), written.score(),
                    written.sourceVersion(), written.occurredAt()));
        } else if (outcome instanceof ItemSkipped skipped) {
            items.applyOutcome(new ItemStatusRepository.Outcome(skipped.tenant(), skipped.courseId(), skipped.item(),
                    "SKIPPED", skipped.reasonCode(), skipped.reason(), null, null, null, skipped.sourceVersion(),
                    skipped.occurredAt()));
        } else if (outcome instanceof ItemFailed failed) {
            items.applyOutcome(new ItemStatusRepository.Outcome(failed.tenant(), failed.courseId(), failed.item(),
                    "FAILED", failed.errorCode(), failed.error(), null, null, null, failed.sourceVersion(),
                    failed.occurredAt()));
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
                    .setParameter(12, run.sourceVersion())
                    .executeUpdate();
        }
    }
}
