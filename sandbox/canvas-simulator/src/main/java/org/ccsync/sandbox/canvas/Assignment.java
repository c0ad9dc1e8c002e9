package org.ccsync.sandbox.canvas;

import java.time.Instant;
import java.util.List;

/** A Canvas assignment with its base due date and overrides; deleted ones keep workflow state {@code deleted}. */
public record Assignment(long id, long courseId, String name, Double pointsPossible, String gradingType,
        Instant dueAt, boolean postToSis, boolean published, String workflowState, boolean omitFromFinalGrade,
        boolean onlyVisibleToOverrides, long assignmentGroupId, boolean postManually, Instant createdAt,
        Instant updatedAt, List<AssignmentOverride> overrides) {

    public static final String DELETED = "deleted";

    public Assignment {
        overrides = overrides == null ? List.of() : List.copyOf(overrides);
    }

    public boolean hasOverrides() {
        return !overrides.isEmpty();
    }

    public boolean deleted() {
        return DELETED.equals(workflowState);
    }

    /** Canvas's {@code published} scope: workflow state {@code published} (not unpublished, not deleted). */
    public boolean readableByStudentsApi() {
        return published && !deleted();
    }

    /** Canvas's {@code expects_submission?}: a submission type a student hands in (not none, on paper, ...). */
    public boolean expectsSubmission() {
        return !NewAssignment.NOT_GRADED.equals(gradingType);
    }

    static String workflowStateFor(boolean published) {
        return published ? "published" : "unpublished";
    }

    Assignment withPostToSis(boolean value, Instant now) {
        return new Assignment(id, courseId, name, pointsPossible, gradingType, dueAt, value, published,
                workflowState, omitFromFinalGrade, onlyVisibleToOverrides, assignmentGroupId, postManually,
                createdAt, now, overrides);
    }

    /** The assignment with another override list, touched ({@code updated_at = now}) as Canvas touches it. */
    Assignment withOverrides(List<AssignmentOverride> value, Instant now) {
        return new Assignment(id, courseId, name, pointsPossible, gradingType, dueAt, postToSis, published,
                workflowState, omitFromFinalGrade, onlyVisibleToOverrides, assignmentGroupId, postManually,
                createdAt, now, value);
    }

    Assignment markDeleted(Instant now) {
        return new Assignment(id, courseId, name, pointsPossible, gradingType, dueAt, postToSis, published,
                DELETED, omitFromFinalGrade, onlyVisibleToOverrides, assignmentGroupId, postManually, createdAt,
                now, overrides);
    }
}
