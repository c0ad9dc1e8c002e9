package org.ccsync.ingest.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.ccsync.ingest.domain.AssignmentReader;
import org.ccsync.support.ProcessedEvents;

/**
 * The service's state in PostgreSQL: processed event ids, and per course and assignment the read times, the poll
 * watermark, the assignments' content hashes and the daily-sync setting and runs. Writes are upserts that never move
 * a time or a version backwards.
 */
@ApplicationScoped
public class IngestStateRepository {

    /** One course of one district. */
    public record CourseRef(String tenant, String courseId) {
    }

    private final EntityManager em;
    private final ProcessedEvents processedEvents;

    public IngestStateRepository(EntityManager em, ProcessedEvents processedEvents) {
        this.em = em;
        this.processedEvents = processedEvents;
    }

    /** Whether the event id was processed before (service-support's {@link ProcessedEvents}). */
    public boolean isProcessed(String eventId) {
        return processedEvents.isProcessed(eventId);
    }

    /** Records an event id; false when it was already there. */
    public boolean markProcessed(String eventId) {
        return processedEvents.markProcessed(eventId);
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
    public Optional<AssignmentState> assignment(String tenant, String courseId, String assignmentId) {
        List<AssignmentState> found = em.createQuery("FROM AssignmentState WHERE tenant = :tenant "
                + "AND courseId = :course AND assignmentId = :assignment", AssignmentState.class)
                .setParameter("tenant", tenant).setParameter("course", courseId)
                .setParameter("assignment", assignmentId).getResultList();
        found.forEach(em::detach);
        return found.stream().findFirst();
    }

    /** Records that the assignment's scores were re-read. */
    @Transactional
    public void scoresRead(String tenant, String courseId, String assignmentId, Instant readAt) {
        em.createNativeQuery("INSERT INTO assignment_state (tenant, course_id, assignment_id, read_at) "
                + "VALUES (:tenant, :course, :assignment, :at) ON CONFLICT (tenant, course_id, assignment_id) "
                + "DO UPDATE SET read_at = GREATEST(assignment_state.read_at, EXCLUDED.read_at)")
                .setParameter("tenant", tenant).setParameter("course", courseId)
                .setParameter("assignment", assignmentId).setParameter("at", utc(readAt)).executeUpdate();
    }

    /**
     * Records that the assignment itself was re-read and published with this content hash, and whether Canvas serves
     * its scores (published, not deleted).
     */
    @Transactional
    public void assignmentRead(String tenant, String courseId, String assignmentId, Instant readAt,
            String contentHash, boolean published) {
        em.createNativeQuery("INSERT INTO assignment_state (tenant, course_id, assignment_id, assignment_read_at, "
                + "content_hash, published) VALUES (:tenant, :course, :assignment, :at, :hash, :published) "
                + "ON CONFLICT (tenant, course_id, assignment_id) DO UPDATE SET assignment_read_at = "
                + "GREATEST(assignment_state.assignment_read_at, EXCLUDED.assignment_read_at), "
                + "content_hash = EXCLUDED.content_hash, published = EXCLUDED.published")
                .setParameter("tenant", tenant).setParameter("course", courseId)
                .setParameter("assignment", assignmentId).setParameter("at", utc(readAt))
                .setParameter("hash", contentHash).setParameter("published", published).executeUpdate();
    }

    /**
     * The course of an assignment this service has read before, for an event that names only the assignment (an
     * override raised outside a course).
     */
    @Transactional
    public Optional<String> courseOfAssignment(String tenant, String assignmentId) {
        List<?> found = em.createNativeQuery("SELECT course_id FROM assignment_state WHERE tenant = :tenant "
                + "AND assignment_id = :assignment ORDER BY assignment_read_at DESC NULLS LAST LIMIT 1")
                .setParameter("tenant", tenant).setParameter("assignment", assignmentId).getResultList();
        return found.stream().findFirst().map(Object::toString);
    }

    /** The content hash of every assignment of the course published so far, by assignment id. */
    @Transactional
    public Map<String, String> contentHashes(String tenant, String courseId) {
        List<AssignmentState> found = em.createQuery("FROM AssignmentState WHERE tenant = :tenant "
                + "AND courseId = :course AND contentHash IS NOT NULL", AssignmentState.class)
                .setParameter("tenant", tenant).setParameter("course", courseId).getResultList();
        Map<String, String> hashes = new HashMap<>();
        found.forEach(a -> hashes.put(a.assignmentId, a.contentHash));
        return hashes;
    }

    /** Stores the content hashes of assignments the poller published and whether they are published, in one go. */
    @Transactional
    public void storeContentHashes(String tenant, String courseId, List<AssignmentReader.AssignmentSnapshot> read) {
        read.forEach(snapshot -> em.createNativeQuery("INSERT INTO assignment_state (tenant, course_id, "
                + "assignment_id, content_hash, published) VALUES (:tenant, :course, :assignment, :hash, :published) "
                + "ON CONFLICT (tenant, course_id, assignment_id) DO UPDATE SET content_hash = EXCLUDED.content_hash, "
                + "published = EXCLUDED.published")
                .setParameter("tenant", tenant).setParameter("course", courseId)
                .setParameter("assignment", snapshot.change().assignmentId())
                .setParameter("hash", snapshot.contentHash()).setParameter("published", snapshot.scoresReadable())
                .executeUpdate());
    }

    @Transactional
    public void rosterRead(String tenant, String courseId, Instant readAt) {
        upsertTime(tenant, courseId, "roster_read_at", readAt);
    }

    @Transactional
    public void assignmentsRead(String tenant, String courseId, Instant readAt) {
        upsertTime(tenant, courseId, "assignments_read_at", readAt);
    }

    /**
     * Moves the poll watermark forward (never back): every submission graded before it, less the poll skew, has
     * been read.
     */
    @Transactional
    public void advanceWatermark(String tenant, String courseId, Instant watermark) {
        upsertTime(tenant, courseId, "graded_since", watermark);
    }

    /** The watermark of every course of these districts that has one. */
    @Transactional
    public Map<CourseRef, Instant> watermarks(Collection<String> tenants) {
        Map<CourseRef, Instant> found = new HashMap<>();
        if (tenants.isEmpty()) {
            return found;
        }
        em.createQuery("FROM CourseState WHERE tenant IN :tenants AND gradedSince IS NOT NULL", CourseState.class)
                .setParameter("tenants", tenants).getResultList()
                .forEach(c -> found.put(new CourseRef(c.tenant, c.courseId), c.gradedSince.toInstant()));
        return found;
    }

    /** Courses of these districts whose daily sync is on and has not run on {@code today}. */
    @Transactional
    public List<CourseRef> dueDailySyncs(Collection<String> tenants, LocalDate today) {
        if (tenants.isEmpty()) {
            return List.of();
        }
        return em.createQuery("FROM CourseState WHERE tenant IN :tenants AND dailySyncEnabled = true "
                + "AND (lastDailyRunOn IS NULL OR lastDailyRunOn < :today) ORDER BY tenant, courseId",
                CourseState.class)
                .setParameter("tenants", tenants).setParameter("today", today).getResultList().stream()
                .map(c -> new CourseRef(c.tenant, c.courseId)).toList();
    }

    /**
     * Claims the course's daily run of {@code today}: true for exactly one caller, and only while the daily sync
     * is on and has not run that day.
     */
    @Transactional
    public boolean claimDailySync(String tenant, String courseId, LocalDate today) {
        return em.createNativeQuery("UPDATE course_state SET last_daily_run_on = :today WHERE tenant = :tenant "
                + "AND course_id = :course AND daily_sync_enabled "
                + "AND (last_daily_run_on IS NULL OR last_daily_run_on < :today)")
                .setParameter("tenant", tenant).setParameter("course", courseId).setParameter("today", today)
                .executeUpdate() == 1;
    }

    /**
     * Gives back a claimed daily run of {@code today} whose request could not be published, so a later check asks
     * again: the date goes back to {@code previous} unless something else changed it since.
     */
    @Transactional
    public void releaseDailySync(String tenant, String courseId, LocalDate today, LocalDate previous) {
        em.createNativeQuery("UPDATE course_state SET last_daily_run_on = :previous WHERE tenant = :tenant "
                + "AND course_id = :course AND last_daily_run_on = :today")
                .setParameter("tenant", tenant).setParameter("course", courseId).setParameter("today", today)
                .setParameter("previous", previous).executeUpdate();
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
