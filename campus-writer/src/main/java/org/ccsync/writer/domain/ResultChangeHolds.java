package org.ccsync.writer.domain;

import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.ccsync.contracts.CampusWrite;
import org.ccsync.contracts.DeleteResult;
import org.ccsync.contracts.SyncOutcome;
import org.ccsync.contracts.UpsertResult;
import org.ccsync.writer.outbound.OutcomePublisher;
import org.ccsync.writer.persistence.HeldChanges;
import org.ccsync.writer.persistence.HoldViews;
import org.ccsync.writer.persistence.LedgerRepository;
import org.ccsync.writer.platform.WriterConfig;
import org.ccsync.writer.platform.WriterMetrics;

/**
 * Holds a course's score changes for a district admin once more than the district's share of its scores in IC changed
 * within the window (a wrong Canvas address, a Canvas incident or a mistaken bulk edit), from the change that passes
 * the share on; later changes of the course's scores join the hold. Ordinary grading passes without waiting: a first
 * score on a placeholder ("missing" without score), a new result, a repair of drift and a change within the share.
 */
@ApplicationScoped
public class ResultChangeHolds {

    /** What the gate needs of the district. */
    record Limits(int percent, int minResults, Duration window) {
    }

    private final HeldChanges holds;
    private final HoldViews views;
    private final EntityManager entityManager;
    private final OutcomePublisher publisher;
    private final WriterMetrics metrics;
    private final WriterConfig config;

    public ResultChangeHolds(HeldChanges holds, HoldViews views, EntityManager entityManager,
            OutcomePublisher publisher, WriterMetrics metrics, WriterConfig config) {
        this.holds = holds;
        this.views = views;
        this.entityManager = entityManager;
        this.publisher = publisher;
        this.metrics = metrics;
        this.config = config;
    }

    /**
     * Passes a change of a result IC holds through the gate.
     *
     * @return the {@code held_for_approval} outcome when the change is held; empty when it may be sent
     */
    public Optional<SyncOutcome> gate(CampusWrite command) {
        WriterConfig.District district = config.districts().get(command.tenant());
        int percent = district == null ? 50 : district.holdResultChangePercent();
        if (percent >= 100) {
            return Optional.empty();
        }
        Limits limits = new Limits(percent, district == null ? 20 : district.holdResultChangeMin(),
                config.drift().resultChangeWindow());
        HeldChanges.Gated gated = admit(command, limits);
        if (gated.gate() != HeldChanges.Gate.HELD) {
            return Optional.empty();
        }
        if (gated.opened()) {
            metrics.held(command.tenant(), HeldChanges.RESULT_CHANGES);
        }
        views.holdById(gated.holdId()).ifPresent(hold -> publisher.publish(HoldViews.changed(hold)));
        return Optional.of(DeleteBursts.held(command, gated.holdId(), "Held for a district admin (hold "
                + gated.holdId() + ") with the course's other score changes: not sent to Infinite Campus until "
                + "released."));
    }

    /** Counts the change against the course's window, or holds it; one course's changes take their turn. */
    @Transactional
    HeldChanges.Gated admit(CampusWrite command, Limits limits) {
        if (holds.released(command.eventId()) || !scoredInIc(command.targetSourcedId())) {
            return new HeldChanges.Gated(HeldChanges.Gate.PASS, 0, false);
        }
        String tenant = command.tenant();
        String courseId = command.courseId();
        holds.lockCourse(tenant, courseId);
        Optional<Object[]> open = holds.open(tenant, courseId, HeldChanges.RESULT_CHANGES);
        if (open.isPresent()) {
            long holdId = ((Number) open.get()[0]).longValue();
            holds.addCommand(holdId, command, describe(command));
            return new HeldChanges.Gated(HeldChanges.Gate.HELD, holdId, false);
        }
        Instant now = Instant.now();
        entityManager.createNativeQuery("""
                delete from result_change where tenant = :tenant and course_id = :course and changed_at < :since
                """).setParameter("tenant", tenant).setParameter("course", courseId)
                .setParameter("since", Timestamp.from(now.minus(limits.window()))).executeUpdate();
        int changed = 1 + ((Number) entityManager.createNativeQuery("""
                select count(*) from result_change where tenant = :tenant and course_id = :course
                and sourced_id <> :result
                """).setParameter("tenant", tenant).setParameter("course", courseId)
                .setParameter("result", command.targetSourcedId()).getSingleResult()).intValue();
        // The course's scores are counted only once enough changed to pass the share of the smallest course held.
        if ((long) changed * 100 > (long) limits.percent() * limits.minResults()) {
            int scored = scoredResults(tenant, courseId);
            if (scored >= limits.minResults() && (long) changed * 100 > (long) limits.percent() * scored) {
                String reason = changed + " of the course's " + scored + " scores in Infinite Campus would change "
                        + "within " + limits.window().toMinutes() + " minutes, more than the district's "
                        + limits.percent() + " %. A wrong Canvas address, a Canvas incident or a mistaken bulk edit "
                        + "can look like that, so the rest waits for a district admin to release it (or discard it).";
                long holdId = holds.createHold(tenant, courseId, HeldChanges.RESULT_CHANGES, reason, HeldChanges.HELD);
                holds.addCommand(holdId, command, describe(command));
                Log.warnf("holding score changes of course %s/%s for a district admin (hold %d): %s", tenant,
                        courseId, holdId, reason);
                return new HeldChanges.Gated(HeldChanges.Gate.HELD, holdId, true);
            }
        }
        entityManager.createNativeQuery("""
                insert into result_change (tenant, course_id, sourced_id, changed_at)
                values (:tenant, :course, :result, :at)
                on conflict (tenant, course_id, sourced_id) do update set changed_at = excluded.changed_at
                """).setParameter("tenant", tenant).setParameter("course", courseId)
                .setParameter("result", command.targetSourcedId()).setParameter("at", Timestamp.from(now))
                .executeUpdate();
        return new HeldChanges.Gated(HeldChanges.Gate.PASS, 0, false);
    }

    /** Whether IC holds a score for the result as the ledger last wrote it (a repair of drift does not count). */
    private boolean scoredInIc(String resultSourcedId) {
        return !entityManager.createNativeQuery("""
                select 1 from write_ledger where sourced_id = :id and not deleted and content_hash <> :drift
                and jsonb_typeof(cast(body as jsonb) #> '{result,score}') = 'number'
                """).setParameter("id", resultSourcedId).setParameter("drift", LedgerRepository.DRIFT_HASH)
                .getResultList().isEmpty();
    }

    private int scoredResults(String tenant, String courseId) {
        return ((Number) entityManager.createNativeQuery("""
                select count(*) from write_ledger where tenant = :tenant and course_id = :course
                and kind = 'RESULT' and not deleted and body is not null
                and jsonb_typeof(cast(body as jsonb) #> '{result,score}') = 'number'
                """).setParameter("tenant", tenant).setParameter("course", courseId).getSingleResult()).intValue();
    }

    private static String describe(CampusWrite command) {
        if (command instanceof UpsertResult result) {
            return "Change the score of student " + result.studentSourcedId() + " in assignment "
                    + result.assignmentId() + " (class " + result.classSourcedId() + ") to "
                    + (result.excused() ? "exempt" : result.score());
        }
        if (command instanceof DeleteResult result) {
            return "Remove the score of student " + result.studentSourcedId() + " in assignment "
                    + result.assignmentId() + " (class " + result.classSourcedId() + "): " + result.reasonCode();
        }
        return "Change result " + command.targetSourcedId();
    }
}
