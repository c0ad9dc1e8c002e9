package org.ccsync.contracts;

import java.time.Instant;
import java.util.List;

/**
 * A course's sections, enrollments and grading periods, re-read over REST.
 *
 * @param sourceVersion the time of the read, in epoch milliseconds
 * @param coursePublished whether the course's {@code workflow_state} is {@code available}
 * @param courseConcluded whether the course is concluded in Canvas ({@code workflow_state = completed}) or its end
 *     date or term has passed; its IC gradebook is kept and it no longer syncs
 * @param students every student enrollment, inactive and concluded ones included, each with its state
 * @param courseNotFound Canvas answered 404 for the course itself (deleted, or out of reach of the district's Canvas
 *     address and token): the other fields are empty, the course's last known roster stands, and the lineItem deletes
 *     this would cause in IC are held for a district admin
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
        List<GradingPeriod> gradingPeriods,
        boolean courseConcluded,
        boolean courseNotFound) implements CanvasChange {

    /** A course Canvas answered for. */
    public RosterChanged(String eventId, Instant occurredAt, String tenant, String courseId, long sourceVersion,
            String courseName, boolean coursePublished, List<Section> sections, List<Enrollment> students,
            List<Enrollment> teachers, List<GradingPeriod> gradingPeriods, boolean courseConcluded) {
        this(eventId, occurredAt, tenant, courseId, sourceVersion, courseName, coursePublished, sections, students,
                teachers, gradingPeriods, courseConcluded, false);
    }

    /** Canvas answered 404 for the course at {@code sourceVersion}. */
    public static RosterChanged notFound(String tenant, String courseId, long sourceVersion) {
        return new RosterChanged(EventIds.of("roster", tenant, courseId, sourceVersion, "not-found"), Instant.now(),
                tenant, courseId, sourceVersion, null, false, List.of(), List.of(), List.of(), List.of(), false, true);
    }

    /** A Canvas section; {@code sisSectionId} is the IC class sourcedId, null when missing. */
    public record Section(String id, String sisSectionId, String name) {
    }

    /**
     * A user enrolled in a section; {@code sisUserId} is the IC user sourcedId, null when missing.
     *
     * @param loginId the Canvas login (often the district e-mail), which identifies a teacher signing in to
     *     status-service; null when unknown
     * @param state Canvas's enrollment state: {@code active}, {@code invited}, {@code inactive} or {@code completed}
     */
    public record Enrollment(String userId, String sisUserId, String sectionId, String name, String loginId,
            String state) {

        public static final String ACTIVE = "active";
        public static final String INVITED = "invited";
        public static final String INACTIVE = "inactive";
        public static final String COMPLETED = "completed";

        public Enrollment {
            state = state == null ? ACTIVE : state;
        }

        /** An active enrollment. */
        public Enrollment(String userId, String sisUserId, String sectionId, String name, String loginId) {
            this(userId, sisUserId, sectionId, name, loginId, ACTIVE);
        }

        /** An active enrollment without a known login. */
        public Enrollment(String userId, String sisUserId, String sectionId, String name) {
            this(userId, sisUserId, sectionId, name, null, ACTIVE);
        }

        /** Whether the student still takes part in the course: active or invited, not inactive or concluded. */
        public boolean current() {
            return ACTIVE.equals(state) || INVITED.equals(state);
        }
    }

    /** A Canvas grading period. */
    public record GradingPeriod(String id, String title, Instant startDate, Instant endDate, Instant closeDate,
            boolean closed) {
    }
}
