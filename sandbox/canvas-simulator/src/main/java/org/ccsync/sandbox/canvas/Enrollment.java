package org.ccsync.sandbox.canvas;

import java.time.Instant;

/**
 * An enrollment of a user in a course section ({@code StudentEnrollment} or {@code TeacherEnrollment}) in its
 * Canvas workflow state: {@code active}, {@code invited}, {@code inactive} (deactivated) or {@code completed}
 * (concluded).
 */
public record Enrollment(long id, long courseId, long sectionId, long userId, String type, String state,
        Instant updatedAt) {

    public static final String STUDENT = "StudentEnrollment";
    public static final String TEACHER = "TeacherEnrollment";
    public static final String ACTIVE = "active";
    public static final String INVITED = "invited";
    public static final String INACTIVE = "inactive";
    public static final String COMPLETED = "completed";

    /** An active enrollment, last updated when the demo district was seeded. */
    public Enrollment(long id, long courseId, long sectionId, long userId, String type) {
        this(id, courseId, sectionId, userId, type, ACTIVE, DemoDistrict.SEEDED_AT);
    }

    public boolean student() {
        return STUDENT.equals(type);
    }

    Enrollment withState(String value, Instant now) {
        return new Enrollment(id, courseId, sectionId, userId, type, value, now);
    }
}
