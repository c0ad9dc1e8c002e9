package org.ccsync.status.domain;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.ccsync.contracts.CourseVerified;
import org.ccsync.contracts.DriftActionRequested;
import org.ccsync.contracts.EventIds;
import org.ccsync.contracts.HoldChanged;
import org.ccsync.status.outbound.SyncRequestPublisher;
import org.ccsync.status.persistence.AuditLog;

/**
 * Drift as campus-writer reports it: each course's latest verification against IC with every difference ("IC had 3,
 * Canvas has 10: repaired"), and the changes held for a district admin; asks campus-writer to verify a course or to
 * release or discard a hold, audited with the admin's sign-in.
 */
@ApplicationScoped
public class DriftService {

    public static final String DRIFT_VERIFY = "drift_verify";
    public static final String HOLD_RELEASE = "hold_release";
    public static final String HOLD_DISCARD = "hold_discard";

    /** A course's latest verification. */
    public record Verification(String courseId, Instant verifiedAt, String trigger, String runId, String mode,
            int icReads, int found, int repaired, List<CourseVerified.Difference> differences) {
    }

    /** A change held for a district admin, or decided. */
    public record Hold(long holdId, String courseId, String status, String reasonCode, String reason,
            List<String> writes, Instant heldAt, String decidedBy, Instant decidedAt) {

        public boolean open() {
            return "HELD".equals(status);
        }
    }

    /** A course's drift: the latest verification (null when never verified) and its holds, newest first. */
    public record CourseDrift(Verification verification, List<Hold> holds) {
    }

    private static final TypeReference<List<CourseVerified.Difference>> DIFFERENCES = new TypeReference<>() {
    };
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };

    private final EntityManager entityManager;
    private final ObjectMapper json;
    private final SyncRequestPublisher publisher;
    private final AuditLog audit;

    public DriftService(EntityManager entityManager, ObjectMapper json, SyncRequestPublisher publisher,
            AuditLog audit) {
        this.entityManager = entityManager;
        this.json = json;
        this.publisher = publisher;
        this.audit = audit;
    }

    /** Stores a verification unless a later one of the course is stored; runs in the projector's transaction. */
    public void verified(CourseVerified v) {
        entityManager.createNativeQuery("""
                INSERT INTO course_drift (tenant, course_id, verification_id, verified_at, trigger, run_id, mode,
                    ic_reads, found, repaired, differences, source_version)
                VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)
                ON CONFLICT (tenant, course_id) DO UPDATE SET verification_id = excluded.verification_id,
                    verified_at = excluded.verified_at, trigger = excluded.trigger, run_id = excluded.run_id,
                    mode = excluded.mode, ic_reads = excluded.ic_reads, found = excluded.found,
                    repaired = excluded.repaired, differences = excluded.differences,
                    source_version = excluded.source_version
                WHERE course_drift.source_version <= excluded.source_version
                """)
                .setParameter(1, v.tenant()).setParameter(2, v.courseId()).setParameter(3, v.verificationId())
                .setParameter(4, v.occurredAt()).setParameter(5, v.trigger()).setParameter(6, v.runId())
                .setParameter(7, v.mode()).setParameter(8, v.icReads()).setParameter(9, v.found())
                .setParameter(10, v.repaired()).setParameter(11, write(v.differences()))
                .setParameter(12, v.sourceVersion())
                .executeUpdate();
    }

    /** Stores a hold's state unless a later one is stored; runs in the projector's transaction. */
    public void holdChanged(HoldChanged h) {
        entityManager.createNativeQuery("""
                INSERT INTO held_change (tenant, hold_id, course_id, status, reason_code, reason, writes, held_at,
                    decided_by, decided_at, source_version)
                VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)
                ON CONFLICT (tenant, hold_id) DO UPDATE SET status = excluded.status, reason = excluded.reason,
                    writes = excluded.writes, decided_by = excluded.decided_by, decided_at = excluded.decided_at,
                    source_version = excluded.source_version
                WHERE held_change.source_version <= excluded.source_version
                """)
                .setParameter(1, h.tenant()).setParameter(2, h.holdId()).setParameter(3, h.courseId())
                .setParameter(4, h.status()).setParameter(5, h.reasonCode()).setParameter(6, h.reason())
                .setParameter(7, write(h.writes())).setParameter(8, h.heldAt()).setParameter(9, h.decidedBy())
                .setParameter(10, h.decidedAt()).setParameter(11, h.sourceVersion())
                .executeUpdate();
    }

    @Transactional
    public CourseDrift course(String tenant, String courseId) {
        List<?> rows = entityManager.createNativeQuery("""
                SELECT course_id, verified_at, trigger, run_id, mode, ic_reads, found, repaired, differences
                FROM course_drift WHERE tenant = ?1 AND course_id = ?2
                """).setParameter(1, tenant).setParameter(2, courseId).getResultList();
        Verification verification = rows.isEmpty() ? null : verification((Object[]) rows.get(0));
        return new CourseDrift(verification, holds(tenant, courseId, false));
    }

    /** The holds of a district (of one course when given), newest first; {@code openOnly} keeps the held ones. */
    @Transactional
    public List<Hold> holds(String tenant, String courseId, boolean openOnly) {
        List<Hold> holds = new ArrayList<>();
        for (Object o : entityManager.createNativeQuery("""
                SELECT hold_id, course_id, status, reason_code, reason, writes, held_at, decided_by, decided_at
                FROM held_change WHERE tenant = ?1 AND (CAST(?2 AS VARCHAR) IS NULL OR course_id = ?2)
                AND (NOT ?3 OR status = 'HELD') ORDER BY hold_id DESC
                """).setParameter(1, tenant).setParameter(2, courseId).setParameter(3, openOnly).getResultList()) {
            Object[] r = (Object[]) o;
            holds.add(new Hold(((Number) r[0]).longValue(), (String) r[1], (String) r[2], (String) r[3],
                    (String) r[4], read((String) r[5], STRINGS), instant(r[6]), (String) r[7], instant(r[8])));
        }
        return holds;
    }

    @Transactional
    public Optional<Hold> hold(String tenant, long holdId) {
        return holds(tenant, null, false).stream().filter(h -> h.holdId() == holdId).findFirst();
    }

    /** Asks campus-writer to verify a course now; audited. */
    @Transactional
    public void verify(String tenant, String courseId, AuditLog.Actor actor) {
        Instant now = Instant.now();
        publisher.publish(new DriftActionRequested(EventIds.of("drift-verify", tenant, courseId, now), now, tenant,
                courseId, now.toEpochMilli(), DriftActionRequested.VERIFY, null, actor.name()));
        audit.record(tenant, courseId, DRIFT_VERIFY, courseId, null, actor);
    }

    /** Asks campus-writer to release or discard a hold; audited with who decided. */
    @Transactional
    public void decide(String tenant, Hold hold, boolean release, AuditLog.Actor actor) {
        Instant now = Instant.now();
        String action = release ? DriftActionRequested.RELEASE : DriftActionRequested.DISCARD;
        publisher.publish(new DriftActionRequested(EventIds.of("drift-hold", tenant, hold.holdId(), action), now,
                tenant, hold.courseId(), now.toEpochMilli(), action, hold.holdId(), actor.name()));
        audit.record(tenant, hold.courseId(), release ? HOLD_RELEASE : HOLD_DISCARD, Long.toString(hold.holdId()),
                null, actor);
    }

    private Verification verification(Object[] r) {
        return new Verification((String) r[0], instant(r[1]), (String) r[2], (String) r[3], (String) r[4],
                ((Number) r[5]).intValue(), ((Number) r[6]).intValue(), ((Number) r[7]).intValue(),
                read((String) r[8], DIFFERENCES));
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value == null ? List.of() : value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private <T> T read(String text, TypeReference<T> type) {
        try {
            return json.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Instant instant(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Timestamp t) {
            return t.toInstant();
        }
        if (value instanceof OffsetDateTime o) {
            return o.toInstant();
        }
        return (Instant) value;
    }
}
