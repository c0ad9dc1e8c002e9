package org.ccsync.sandbox.canvas;

/** An active enrollment of a user in a course section ({@code StudentEnrollment} or {@code TeacherEnrollment}). */
public record Enrollment(long id, long courseId, long sectionId, long userId, String type) {

    public static final String STUDENT = "StudentEnrollment";
    public static final String TEACHER = "TeacherEnrollment";

    public boolean student() {
        return STUDENT.equals(type);
    }
}
