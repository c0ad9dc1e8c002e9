package org.ccsync.writer.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.ccsync.contracts.EventIds;
import org.ccsync.contracts.HoldChanged;

/**
 * The holds as they are shown: to district admins over REST, to status-service as {@link HoldChanged}, and as the age
 * of the oldest open one per district for the alert. {@link HeldChanges} opens, fills and decides them.
 */
@ApplicationScoped
public class HoldViews {

    /** A hold as the REST API shows it. */
    public record Hold(long id, String tenant, String courseId, String reasonCode, String reason, String status,
            Instant heldAt, String decidedBy, Instant decidedAt, List<HeldCommand> commands) {
    }

    /** One held write and what it would do. */
    public record HeldCommand(String eventId, String targetSourcedId, String description) {
    }

    private final EntityManager entityManager;

    public HoldViews(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /** A hold as an outcome for status-service: the course page and the dashboard show it. */
    public static HoldChanged changed(Hold hold) {
        Instant at = hold.decidedAt() != null ? hold.decidedAt() : hold.heldAt();
        // A held hold grows while deletes join it: each size is its own change.
        return new HoldChanged(EventIds.of("hold-changed", hold.id(), hold.status(), hold.commands().size()),
                Instant.now(), hold.tenant(),
                hold.courseId(), at.toEpochMilli(), hold.id(), hold.status(), hold.reasonCode(), hold.reason(),
                hold.commands().stream().map(HeldCommand::description).toList(), hold.heldAt(), hold.decidedBy(),
                hold.decidedAt());
    }

    /** The holds of a district (of one course when {@code courseId} is given), newest first, open ones included. */
    @Transactional
    public List<Hold> holds(String tenant, String courseId, boolean openOnly) {
        List<Hold> holds = new ArrayList<>();
        for (Object o : entityManager.createNativeQuery("""
                select id, tenant, course_id, reason_code, reason, status, held_at, decided_by, decided_at
                from held_change where tenant = :tenant and (cast(:course as varchar) is null or course_id = :course)
                and status <> 'PASSED' and (not :open or status = 'HELD') order by id desc
                """).setParameter("tenant", tenant).setParameter("course", courseId).setParameter("open", openOnly)
                .getResultList()) {
            holds.add(hold((Object[]) o));
        }
        return holds;
    }

    @Transactional
    public Optional<Hold> holdById(long id) {
        List<?> found = entityManager.createNativeQuery("""
                select id, tenant, course_id, reason_code, reason, status, held_at, decided_by, decided_at
                from held_change where id = :id
                """).setParameter("id", id).getResultList();
        return found.stream().findFirst().map(o -> hold((Object[]) o));
    }

    @Transactional
    public Optional<Hold> hold(String tenant, long id) {
        List<?> found = entityManager.createNativeQuery("""
                select id, tenant, course_id, reason_code, reason, status, held_at, decided_by, decided_at
                from held_change where tenant = :tenant and id = :id
                """).setParameter("tenant", tenant).setParameter("id", id).getResultList();
        return found.stream().findFirst().map(o -> hold((Object[]) o));
    }

    /** The age of the oldest open hold per district, for the alert. */
    @Transactional
    public List<Object[]> oldestOpen() {
        List<Object[]> rows = new ArrayList<>();
        for (Object o : entityManager.createNativeQuery(
                "select tenant, min(held_at), count(*) from held_change where status = 'HELD' group by tenant")
                .getResultList()) {
            rows.add((Object[]) o);
        }
        return rows;
    }

    private Hold hold(Object[] r) {
        long id = ((Number) r[0]).longValue();
        List<HeldCommand> held = new ArrayList<>();
        for (Object o : entityManager.createNativeQuery(
                "select event_id, target_sourced_id, description from held_command where hold_id = :hold order by id")
                .setParameter("hold", id).getResultList()) {
            Object[] c = (Object[]) o;
            held.add(new HeldCommand((String) c[0], (String) c[1], (String) c[2]));
        }
        return new Hold(id, (String) r[1], (String) r[2], (String) r[3], (String) r[4], (String) r[5],
                DriftRepository.instant(r[6]), (String) r[7], r[8] == null ? null : DriftRepository.instant(r[8]),
                held);
    }
}
