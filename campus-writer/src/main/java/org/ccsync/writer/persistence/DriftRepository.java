package org.ccsync.writer.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** What verifications read and record: a course's ledger rows, their findings, and IC-side values kept. */
@ApplicationScoped
public class DriftRepository {

    /** One ledger row of a course, with the command that set it and the body IC received (null for a delete). */
    public record Row(String sourcedId, String kind, String lineItemSourcedId, String classSourcedId,
            String contentHash, boolean deleted, String command, String body) {
    }

    /** One difference between IC and what Canvas says should be there. */
    public record Finding(String sourcedId, String kind, String classSourcedId, String difference, String field,
            String icValue, String canvasValue, String action, String message) {
    }

    /** The latest verification of a course. */
    public record Verification(String verificationId, Instant verifiedAt, String trigger, String runId, String mode,
            int icRequests, int found, int repaired, List<Finding> findings) {
    }

    /** A category or grading period a teacher chose in IC for a lineItem. */
    public record Kept(String categorySourcedId, String gradingPeriodSourcedId) {
    }

    private final EntityManager entityManager;

    public DriftRepository(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /** Every ledger row of a course that knows its command (written since the ledger keeps commands). */
    @Transactional
    public List<Row> rows(String tenant, String courseId) {
        List<Row> rows = new ArrayList<>();
        for (Object o : entityManager.createNativeQuery("""
                select sourced_id, kind, line_item_sourced_id, class_sourced_id, content_hash, deleted, command, body
                from write_ledger where tenant = :tenant and course_id = :course and command is not null
                order by kind, sourced_id
                """).setParameter("tenant", tenant).setParameter("course", courseId).getResultList()) {
            Object[] r = (Object[]) o;
            rows.add(new Row((String) r[0], (String) r[1], (String) r[2], (String) r[3], (String) r[4],
                    (Boolean) r[5], (String) r[6], (String) r[7]));
        }
        return rows;
    }

    /** How many lineItems of a course were deleted in IC since a moment. */
    @Transactional
    public int lineItemDeletesSince(String tenant, String courseId, Instant since) {
        return ((Number) entityManager.createNativeQuery("""
                select count(*) from write_ledger where tenant = :tenant and course_id = :course and kind = 'LINE_ITEM'
                and deleted and written_at >= :since
                """).setParameter("tenant", tenant).setParameter("course", courseId)
                .setParameter("since", Timestamp.from(since)).getSingleResult()).intValue();
    }

    /** Records a verification and its findings; the course's previous verification's findings are replaced. */
    @Transactional
    public void recordVerification(String tenant, String courseId, Verification verification) {
        entityManager.createNativeQuery("""
                delete from drift_finding where tenant = :tenant and course_id = :course
                """).setParameter("tenant", tenant).setParameter("course", courseId).executeUpdate();
        entityManager.createNativeQuery("""
                insert into course_verification (tenant, course_id, verification_id, verified_at, trigger, run_id, mode,
                                                 ic_requests, found, repaired)
                values (:tenant, :course, :id, :at, :trigger, :run, :mode, :requests, :found, :repaired)
                on conflict (tenant, course_id) do update set verification_id = excluded.verification_id,
                    verified_at = excluded.verified_at, trigger = excluded.trigger, run_id = excluded.run_id,
                    mode = excluded.mode, ic_requests = excluded.ic_requests, found = excluded.found,
                    repaired = excluded.repaired
                """)
                .setParameter("tenant", tenant).setParameter("course", courseId)
                .setParameter("id", verification.verificationId())
                .setParameter("at", Timestamp.from(verification.verifiedAt()))
                .setParameter("trigger", verification.trigger()).setParameter("run", verification.runId())
                .setParameter("mode", verification.mode()).setParameter("requests", verification.icRequests())
                .setParameter("found", verification.found()).setParameter("repaired", verification.repaired())
                .executeUpdate();
        for (Finding f : verification.findings()) {
            entityManager.createNativeQuery("""
                    insert into drift_finding (verification_id, tenant, course_id, found_at, sourced_id, kind,
                        class_sourced_id, difference, field, ic_value, canvas_value, action, message)
                    values (:v, :tenant, :course, :at, :id, :kind, :class, :difference, :field, :ic, :canvas, :action,
                        :message)
                    """)
                    .setParameter("v", verification.verificationId()).setParameter("tenant", tenant)
                    .setParameter("course", courseId).setParameter("at", Timestamp.from(verification.verifiedAt()))
                    .setParameter("id", f.sourcedId()).setParameter("kind", f.kind())
                    .setParameter("class", f.classSourcedId()).setParameter("difference", f.difference())
                    .setParameter("field", f.field()).setParameter("ic", clip(f.icValue()))
                    .setParameter("canvas", clip(f.canvasValue())).setParameter("action", f.action())
                    .setParameter("message", clip(f.message()))
                    .executeUpdate();
        }
    }

    /** The latest verification of a course with its findings. */
    @Transactional
    public Optional<Verification> latest(String tenant, String courseId) {
        List<?> found = entityManager.createNativeQuery("""
                select verification_id, verified_at, trigger, run_id, mode, ic_requests, found, repaired
                from course_verification where tenant = :tenant and course_id = :course
                """).setParameter("tenant", tenant).setParameter("course", courseId).getResultList();
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Object[] v = (Object[]) found.get(0);
        List<Finding> findings = new ArrayList<>();
        for (Object o : entityManager.createNativeQuery("""
                select sourced_id, kind, class_sourced_id, difference, field, ic_value, canvas_value, action, message
                from drift_finding where verification_id = :v order by id
                """).setParameter("v", v[0]).getResultList()) {
            Object[] f = (Object[]) o;
            findings.add(new Finding((String) f[0], (String) f[1], (String) f[2], (String) f[3], (String) f[4],
                    (String) f[5], (String) f[6], (String) f[7], (String) f[8]));
        }
        return Optional.of(new Verification((String) v[0], instant(v[1]), (String) v[2], (String) v[3],
                (String) v[4], ((Number) v[5]).intValue(), ((Number) v[6]).intValue(), ((Number) v[7]).intValue(),
                findings));
    }

    /** The category or grading period a teacher chose in IC for a lineItem, when one is kept. */
    @Transactional
    public Optional<Kept> kept(String lineItemSourcedId) {
        List<?> found = entityManager.createNativeQuery("""
                select category_sourced_id, grading_period_sourced_id from kept_ic_value
                where line_item_sourced_id = :id
                """).setParameter("id", lineItemSourcedId).getResultList();
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Object[] k = (Object[]) found.get(0);
        return Optional.of(new Kept((String) k[0], (String) k[1]));
    }

    /** Keeps a teacher's IC-side category and grading period (null keeps the previous one) for a lineItem. */
    @Transactional
    public void keep(String tenant, String lineItemSourcedId, String categorySourcedId, String gradingPeriodSourcedId) {
        entityManager.createNativeQuery("""
                insert into kept_ic_value (line_item_sourced_id, tenant, category_sourced_id,
                                           grading_period_sourced_id, kept_at)
                values (:id, :tenant, :category, :period, :at)
                on conflict (line_item_sourced_id) do update set
                    category_sourced_id = coalesce(excluded.category_sourced_id, kept_ic_value.category_sourced_id),
                    grading_period_sourced_id = coalesce(excluded.grading_period_sourced_id,
                                                         kept_ic_value.grading_period_sourced_id),
                    kept_at = excluded.kept_at
                """)
                .setParameter("id", lineItemSourcedId).setParameter("tenant", tenant)
                .setParameter("category", categorySourcedId).setParameter("period", gradingPeriodSourcedId)
                .setParameter("at", Timestamp.from(Instant.now()))
                .executeUpdate();
    }

    /** Forgets a kept IC-side value: the mapping wins again (policy "canvas wins"). */
    @Transactional
    public void forgetKept(String lineItemSourcedId) {
        entityManager.createNativeQuery("delete from kept_ic_value where line_item_sourced_id = :id")
                .setParameter("id", lineItemSourcedId).executeUpdate();
    }

    private static String clip(String text) {
        return text == null || text.length() <= 2000 ? text : text.substring(0, 1997) + "...";
    }

    public static Instant instant(Object value) {
        if (value instanceof Timestamp t) {
            return t.toInstant();
        }
        if (value instanceof java.time.OffsetDateTime o) {
            return o.toInstant();
        }
        return (Instant) value;
    }
}
