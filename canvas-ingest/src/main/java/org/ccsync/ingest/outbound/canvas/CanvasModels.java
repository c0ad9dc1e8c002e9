package org.ccsync.ingest.outbound.canvas;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;

/** The Canvas REST JSON objects the sync reads, with only the fields it uses. */
public final class CanvasModels {

    private CanvasModels() {
    }

    /**
     * {@code GET /api/v1/courses/:id}; {@code workflow_state} is {@code unpublished}, {@code available},
     * {@code completed} or {@code deleted}, and {@code concluded} (completed, or its end date or term's has passed) is
     * there only with {@code include[]=concluded}.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Course(String id, String name, @JsonProperty("workflow_state") String workflowState,
            @JsonProperty("sis_course_id") String sisCourseId, Boolean concluded) {

        public Course(String id, String name, String workflowState, String sisCourseId) {
            this(id, name, workflowState, sisCourseId, null);
        }
    }

    /** An assignment with {@code include[]=overrides} and base dates. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Assignment(
            String id,
            String name,
            @JsonProperty("points_possible") Double pointsPossible,
            @JsonProperty("grading_type") String gradingType,
            @JsonProperty("due_at") Instant dueAt,
            @JsonProperty("post_to_sis") Boolean postToSis,
            Boolean published,
            @JsonProperty("omit_from_final_grade") Boolean omitFromFinalGrade,
            @JsonProperty("only_visible_to_overrides") Boolean onlyVisibleToOverrides,
            @JsonProperty("assignment_group_id") String assignmentGroupId,
            @JsonProperty("updated_at") Instant updatedAt,
            @JsonProperty("workflow_state") String workflowState,
            List<DueOverride> overrides) {
    }

    /**
     * An assignment override; exactly one of the target fields is set. Canvas renders {@code due_at}, {@code all_day}
     * and {@code all_day_date} only when the override sets the due date ({@code lib/api/v1/assignment_override.rb}:
     * {@code if override.due_at_overridden}); without them the target keeps the assignment's own due date. Newer Canvas
     * adds {@code unassign_item} (the target is explicitly left out) and module overrides ({@code context_module_id}:
     * a module's "assign to", inherited by its assignments, without dates).
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record DueOverride(
            String id,
            @JsonProperty("student_ids") List<String> studentIds,
            @JsonProperty("group_id") String groupId,
            @JsonProperty("course_section_id") String courseSectionId,
            @JsonProperty("noop_id") String noopId,
            @JsonProperty("due_at") Instant dueAt,
            String title,
            @JsonProperty("all_day") Boolean allDay,
            @JsonProperty("all_day_date") String allDayDate,
            @JsonProperty("unassign_item") Boolean unassignItem,
            @JsonProperty("context_module_id") String contextModuleId) {

        /** An override that sets its due date ({@code dueAt}, when not null) and nothing newer Canvas adds. */
        public DueOverride(String id, List<String> studentIds, String groupId, String courseSectionId, String noopId,
                Instant dueAt, String title) {
            this(id, studentIds, groupId, courseSectionId, noopId, dueAt, title, dueAt == null ? null : false, null,
                    null, null);
        }

        /** Whether it sets the due date: the due-date fields come together, and only then. */
        public boolean dueAtOverridden() {
            return dueAt != null || allDay != null || allDayDate != null;
        }

        public boolean unassigns() {
            return Boolean.TRUE.equals(unassignItem);
        }

        public boolean fromModule() {
            return contextModuleId != null;
        }
    }

    /** One student's submission from {@code students/submissions}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Submission(
            @JsonProperty("assignment_id") String assignmentId,
            @JsonProperty("user_id") String userId,
            Double score,
            String grade,
            Boolean excused,
            Boolean late,
            Boolean missing,
            @JsonProperty("workflow_state") String workflowState,
            @JsonProperty("graded_at") Instant gradedAt,
            @JsonProperty("posted_at") Instant postedAt,
            @JsonProperty("points_deducted") Double pointsDeducted) {

        /** A submission without a late deduction. */
        public Submission(String assignmentId, String userId, Double score, String grade, Boolean excused,
                Boolean late, Boolean missing, String workflowState, Instant gradedAt, Instant postedAt) {
            this(assignmentId, userId, score, grade, excused, late, missing, workflowState, gradedAt, postedAt, null);
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Section(String id, String name, @JsonProperty("sis_section_id") String sisSectionId) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record User(String id, String name, @JsonProperty("sis_user_id") String sisUserId,
            @JsonProperty("login_id") String loginId) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Enrollment(
            String id,
            String type,
            @JsonProperty("user_id") String userId,
            @JsonProperty("sis_user_id") String sisUserId,
            @JsonProperty("course_section_id") String courseSectionId,
            @JsonProperty("enrollment_state") String enrollmentState,
            User user) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record AssignmentGroup(String id, String name, @JsonProperty("sis_source_id") String sisSourceId) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record GradingPeriod(
            String id,
            String title,
            @JsonProperty("start_date") Instant startDate,
            @JsonProperty("end_date") Instant endDate,
            @JsonProperty("close_date") Instant closeDate,
            @JsonProperty("is_closed") Boolean isClosed) {
    }

    /** {@code grading_periods} answers wrap the list in an object. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record GradingPeriods(@JsonProperty("grading_periods") List<GradingPeriod> gradingPeriods) {
    }
}
