package org.ccsync.sandbox.canvas;

import java.time.Instant;

/**
 * A Canvas course in its stored workflow state: {@code claimed} (unpublished; the REST API shows
 * {@code unpublished}), {@code available} (published), {@code completed} (concluded) or {@code deleted}.
 *
 * @param endAt the course's end date; past it Canvas counts the course as concluded (soft-concluded) even while
 *     its workflow state is still {@code available}; null when it has none
 */
public record Course(long id, String name, String courseCode, String sisCourseId, String workflowState,
        long accountId, Instant endAt, Instant createdAt, Instant updatedAt) {

    public static final String CLAIMED = "claimed";
    public static final String AVAILABLE = "available";
    public static final String COMPLETED = "completed";
    /**
     * Deleted ({@code app/models/course.rb}: reachable from every state by {@code event :delete}; its permission
     * policy grants nothing on a deleted course). The simulator answers 404 for the course and everything in it, as
     * the API does for a course it cannot find; undelete leads to {@code claimed}.
     */
    public static final String DELETED = "deleted";

    /** A course without end date, created and last updated when the demo district was seeded. */
    public Course(long id, String name, String courseCode, String sisCourseId, String workflowState,
            long accountId) {
        this(id, name, courseCode, sisCourseId, workflowState, accountId, null, DemoDistrict.SEEDED_AT,
                DemoDistrict.SEEDED_AT);
    }

    public boolean deleted() {
        return DELETED.equals(workflowState);
    }

    public boolean published() {
        return AVAILABLE.equals(workflowState);
    }

    /** The REST API's {@code workflow_state}: {@code created} and {@code claimed} show as {@code unpublished}. */
    public String apiState() {
        return "created".equals(workflowState) || CLAIMED.equals(workflowState) ? "unpublished" : workflowState;
    }

    /** Canvas's {@code concluded?}: completed, or its end date has passed. */
    public boolean concluded(Instant now) {
        return COMPLETED.equals(workflowState) || (endAt != null && endAt.isBefore(now));
    }

    Course withWorkflowState(String state, Instant now) {
        return new Course(id, name, courseCode, sisCourseId, state, accountId, endAt, createdAt, now);
    }
}
