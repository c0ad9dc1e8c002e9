package org.ccsync.contracts;

import java.time.Instant;
import java.util.List;

/**
 * A course's sections, enrollments and grading periods, re-read over REST.
 *
 * @param sourceVersion the time of the read, in epoch milliseconds
 */
public record RosterChanged(
        String eventId,
        Instant occurredAt,
        String tenant,
        String courseId,
        long sourceVersion,
        String courseName,
        boolean coursePublished,
        List<Section> sections,
        List<Enrollment> students,
        List<Enrollment> teachers,
        List<GradingPeriod> gradingPeriods) implements CanvasChange {

    /** A Canvas section; {@code sisSectionId} is the IC class sourcedId, null when missing. */
    public record Section(String id, String sisSectionId, String name) {
    }

    /**
     * A user enrolled in a section; {@code sisUserId} is the IC user sourcedId, null when missing.
     *
     * @param loginId the Canvas login (often the district e-mail), which identifies a teacher signing in to
     *     status-service; null when unknown
     */
    public record Enrollment(String userId, String sisUserId, String sectionId, String name, String loginId) {

        /** An enrollment without a known login. */
        public Enrollment(String userId, String sisUserId, String sectionId, String name) {
            this(userId, sisUserId, sectionId, name, null);
        }
    }

    /** A Canvas grading period. */
    public record GradingPeriod(String id, String title, Instant startDate, Instant endDate, Instant closeDate,
            boolean closed) {
    }
}
