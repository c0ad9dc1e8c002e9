package org.ccsync.ingest;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/**
 * The service's state in PostgreSQL: processed event ids, and per course and assignment the read times, the poll
 * watermark and the daily-sync setting. Writes are upserts that never move a time or a version backwards.
 */
@ApplicationScoped
public class IngestStateRepository {

    private final EntityManager em;

    public IngestStateRepository(EntityManager em) {
        this.em = em;
    }

    @Transactional
    public boolean isProcessed(String eventId) {
        return !em.createNativeQuery("SELECT 1 FROM processed_event WHERE event_id = :id")
                .setParameter("id", eventId).getResultList().isEmpty();
    }

    /** Records an event id; false when it was already there. */
    @Transactional
    public boolean markProcessed(String eventId) {
        return em.createNativeQuery("INSERT INTO processed_event (event_id, processed_at) VALUES (:id, now()) "
                + "ON CONFLICT (event_id) DO NOTHING")
                .setParameter("id", eventId).executeUpdate() == 1;
    }

    @Transactional
    public Optional<CourseState> course(String tenant, String courseId) {
        List<CourseState> found = em.createQuery(
                "FROM CourseState WHERE tenant = :tenant AND courseId = :course", CourseState.class)
                .setParameter("tenant", tenant).setParameter("course", courseId).getResultList();
        found.forEach(em::detach);
        return found.stream().findFirst();
    }

    @Transactional
    public Optional<Instant> assignmentReadAt(String tenant, String courseId, String assignmentId) {
        List<?> found = em.createNativeQuery("SELECT read_at FROM assignment_state "
                + "WHERE tenant = :tenant AND course_id = :course AND assignment_id = :assignment",
                OffsetDateTime.class)
                .setParameter("tenant", tenant).setParameter("course", courseId)
                .setParameter("assignment", assignmentId).getResultList();
        return found.stream().findFirst().map(value -> ((OffsetDateTime) value).toInstant());
    }

    @Transactional
    public void assignmentRead(String tenant, String courseId, String assignmentId, Instant readAt) {
        em.createNativeQuery("INSERT INTO assignment_state (tenant, course_id, assignment_id, read_at) "
                + "VALUES (:tenant, :course, :assignment, :at) ON CONFLICT (tenant, course_id, assignment_id) "
                + "DO UPDATE SET read_at = GREATEST(assignment_state.read_at, EXCLUDED.read_at)")
                .setParameter("tenant", tenant).setParameter("course", courseId)
                .setParameter("assignment", assignmentId).setParameter("at", utc(readAt)).executeUpdate();
    }

    @Transactional
    public void rosterRead(String tenant, String courseId, Instant readAt) {
        upsertTime(tenant, courseId, "roster_read_at", readAt);
    }

    @Transactional
    public void assignmentsRead(String tenant, String courseId, Instant readAt) {
        upsertTime(tenant, courseId, "assignments_read_at", readAt);
    }

    /** Moves the poll watermark forward to the latest {@code graded_at} seen. */
    @Transactional
    public void gradedSeen(String tenant, String courseId, Instant gradedAt) {
        upsertTime(tenant, courseId, "graded_since", gradedAt);
    }

    @Transactional
    public void fullSyncDone(String tenant, String courseId, Instant at) {
        upsertTime(tenant, courseId, "last_full_sync_at", at);
    }

    /** Stores the daily-sync setting unless a newer one is stored; false when it was stale. */
    @Transactional
    public boolean dailySync(String tenant, String courseId, boolean enabled, long version) {
        return em.createNativeQuery("INSERT INTO course_state (tenant, course_id, daily_sync_enabled, "
                + "daily_sync_version) VALUES (:tenant, :course, :enabled, :version) "
                + "ON CONFLICT (tenant, course_id) DO UPDATE SET daily_sync_enabled = EXCLUDED.daily_sync_enabled, "
                + "daily_sync_version = EXCLUDED.daily_sync_version "
                + "WHERE course_state.daily_sync_version <= EXCLUDED.daily_sync_version")
                .setParameter("tenant", tenant).setParameter("course", courseId)
                .setParameter("enabled", enabled).setParameter("version", version).executeUpdate() == 1;
    }

    private void upsertTime(String tenant, String courseId, String column, Instant at) {
        // The column name comes from this class only, never from input.
        em.createNativeQuery("INSERT INTO course_state (tenant, course_id, " + column + ") "
                + "VALUES (:tenant, :course, :at) ON CONFLICT (tenant, course_id) DO UPDATE SET " + column
                + " = GREATEST(course_state." + column + ", EXCLUDED." + column + ")")
                .setParameter("tenant", tenant).setParameter("course", courseId).setParameter("at", utc(at))
                .executeUpdate();
    }

    private static OffsetDateTime utc(Instant at) {
        return at.atOffset(ZoneOffset.UTC);
    }
}
