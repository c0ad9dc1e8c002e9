package org.ccsync.sandbox.canvas;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/** Renders the model in Canvas REST wire format: numeric ids, ISO-8601 UTC timestamps, nulls kept. */
final class RestJson {

    private RestJson() {
    }

    /**
     * A course as {@code Api::V1::Course} renders it: {@code workflow_state} is the API state ({@code unpublished},
     * {@code available}, {@code completed}); {@code concluded} (completed, or past its end date) only with
     * {@code include[]=concluded}.
     */
    static ObjectNode course(Course c, Instant now, boolean includeConcluded) {
        ObjectNode n = CanvasJson.object();
        n.put("id", c.id());
        n.put("name", c.name());
        n.put("course_code", c.courseCode());
        n.put("sis_course_id", c.sisCourseId());
        n.put("workflow_state", c.apiState());
        n.put("account_id", c.accountId());
        n.put("root_account_id", DemoDistrict.ACCOUNT_ID);
        n.putNull("start_at");
        n.put("end_at", CanvasTime.rest(c.endAt()));
        n.put("created_at", CanvasTime.rest(c.createdAt()));
        if (includeConcluded) {
            n.put("concluded", c.concluded(now));
        }
        return n;
    }

    /**
     * An assignment; {@code overrides} (its own and those it inherits from its modules, see
     * {@link CanvasStore#overridesOf}) only when asked for with {@code include[]=overrides}, else null.
     */
    static ObjectNode assignment(Assignment a, List<AssignmentOverride> overrides) {
        ObjectNode n = CanvasJson.object();
        n.put("id", a.id());
        n.put("course_id", a.courseId());
        n.put("name", a.name());
        n.put("points_possible", a.pointsPossible());
        n.put("grading_type", a.gradingType());
        n.put("due_at", CanvasTime.rest(a.dueAt()));
        n.putNull("unlock_at");
        n.putNull("lock_at");
        n.put("post_to_sis", a.postToSis());
        n.put("published", a.published());
        n.put("workflow_state", a.workflowState());
        n.put("omit_from_final_grade", a.omitFromFinalGrade());
        n.put("only_visible_to_overrides", a.onlyVisibleToOverrides());
        n.put("has_overrides", a.hasOverrides());
        n.put("assignment_group_id", a.assignmentGroupId());
        n.put("created_at", CanvasTime.rest(a.createdAt()));
        n.put("updated_at", CanvasTime.rest(a.updatedAt()));
        n.put("post_manually", a.postManually());
        n.putArray("submission_types").add(NewAssignment.NOT_GRADED.equals(a.gradingType())
                ? NewAssignment.NOT_GRADED : DemoDistrict.HOMEWORK_SUBMISSION);
        if (overrides != null) {
            ArrayNode array = n.putArray("overrides");
            overrides.forEach(o -> array.add(override(o)));
        }
        return n;
    }

    /**
     * An override as {@code Api::V1::AssignmentOverride#assignment_override_json} renders it: id, assignment_id,
     * title and unassign_item always; {@code due_at}, {@code all_day} and {@code all_day_date} only when the override
     * sets the due date ({@code due_at_overridden}), {@code unlock_at} and {@code lock_at} likewise; then the set's key
     * ({@code student_ids}, {@code group_id}, {@code course_section_id} or {@code noop_id}); a module's override has
     * no assignment and names its module.
     */
    static ObjectNode override(AssignmentOverride o) {
        ObjectNode n = CanvasJson.object();
        n.put("id", o.id());
        if (o.fromModule()) {
            n.putNull("assignment_id");
        } else {
            n.put("assignment_id", o.assignmentId());
        }
        n.put("title", o.title());
        n.put("unassign_item", o.unassignItem());
        if (o.dueAtOverridden()) {
            n.put("due_at", CanvasTime.rest(o.dueAt()));
            n.put("all_day", false);
            n.put("all_day_date", o.dueAt() == null ? null
                    : o.dueAt().atOffset(ZoneOffset.UTC).toLocalDate().toString());
        }
        if (o.unlockAt() != null) {
            n.put("unlock_at", CanvasTime.rest(o.unlockAt()));
        }
        if (o.lockAt() != null) {
            n.put("lock_at", CanvasTime.rest(o.lockAt()));
        }
        if (!o.studentIds().isEmpty()) {
            ArrayNode students = n.putArray("student_ids");
            o.studentIds().forEach(students::add);
        }
        if (o.groupId() != null) {
            n.put("group_id", o.groupId());
        }
        if (o.courseSectionId() != null) {
            n.put("course_section_id", o.courseSectionId());
        }
        if (o.noopId() != null) {
            n.put("noop_id", o.noopId());
        }
        if (o.fromModule()) {
            n.put("context_module_id", o.contextModuleId());
            n.put("context_module_name", o.contextModuleName());
        }
        return n;
    }

    /** A submission; {@code missing} is Canvas's {@code missing?}, computed at read time. */
    static ObjectNode submission(Submission s, boolean missing) {
        ObjectNode n = CanvasJson.object();
        n.put("id", s.id());
        n.put("assignment_id", s.assignmentId());
        n.put("user_id", s.userId());
        n.put("score", s.score());
        n.put("grade", s.grade());
        n.put("entered_score", s.enteredScore());
        n.put("entered_grade", s.excused() || s.enteredScore() == null ? null : GradeFormat.number(s.enteredScore()));
        n.put("excused", s.excused());
        n.put("late", s.late());
        n.put("missing", missing);
        n.put("late_policy_status", s.latePolicyStatus());
        n.put("points_deducted", s.pointsDeducted());
        n.put("seconds_late", s.secondsLate());
        n.put("cached_due_date", CanvasTime.rest(s.cachedDueDate()));
        n.put("graded_at", CanvasTime.rest(s.gradedAt()));
        n.put("posted_at", CanvasTime.rest(s.postedAt()));
        n.put("submitted_at", CanvasTime.rest(s.submittedAt()));
        n.put("workflow_state", s.workflowState());
        n.put("updated_at", CanvasTime.rest(s.updatedAt()));
        n.put("attempt", s.attempt());
        n.put("submission_type", s.submissionType());
        n.put("grader_id", s.graderId());
        return n;
    }

    static ObjectNode section(Section s) {
        ObjectNode n = CanvasJson.object();
        n.put("id", s.id());
        n.put("course_id", s.courseId());
        n.put("name", s.name());
        n.put("sis_section_id", s.sisSectionId());
        n.putNull("nonxlist_course_id");
        return n;
    }

    static ObjectNode enrollment(Enrollment e, CanvasUser user, Section section) {
        ObjectNode n = CanvasJson.object();
        n.put("id", e.id());
        n.put("course_id", e.courseId());
        n.put("course_section_id", e.sectionId());
        n.put("sis_section_id", section == null ? null : section.sisSectionId());
        n.put("user_id", e.userId());
        n.put("sis_user_id", user == null ? null : user.sisUserId());
        n.put("type", e.type());
        n.put("role", e.type());
        n.put("enrollment_state", e.state());
        n.put("updated_at", CanvasTime.rest(e.updatedAt()));
        ObjectNode u = n.putObject("user");
        u.put("id", e.userId());
        u.put("name", user == null ? null : user.name());
        u.put("sis_user_id", user == null ? null : user.sisUserId());
        u.put("login_id", user == null ? null : user.loginId());
        return n;
    }

    static ObjectNode group(AssignmentGroup g) {
        ObjectNode n = CanvasJson.object();
        n.put("id", g.id());
        n.put("name", g.name());
        n.put("position", g.position());
        n.put("group_weight", g.groupWeight());
        n.put("sis_source_id", g.sisSourceId());
        return n;
    }

    /** {@code GET /courses/:id/late_policy}: the policy wrapped in {@code late_policy}. */
    static ObjectNode latePolicy(long courseId, LatePolicy p) {
        ObjectNode body = CanvasJson.object();
        ObjectNode n = body.putObject("late_policy");
        n.put("id", courseId);
        n.put("course_id", courseId);
        n.put("missing_submission_deduction_enabled", p.missingSubmissionDeductionEnabled());
        n.put("missing_submission_deduction", p.missingSubmissionDeduction());
        n.put("late_submission_deduction_enabled", p.lateSubmissionDeductionEnabled());
        n.put("late_submission_deduction", p.lateSubmissionDeduction());
        n.put("late_submission_interval", p.lateSubmissionInterval());
        n.put("late_submission_minimum_percent_enabled", p.lateSubmissionMinimumPercentEnabled());
        n.put("late_submission_minimum_percent", p.lateSubmissionMinimumPercent());
        n.put("updated_at", CanvasTime.rest(p.updatedAt()));
        return body;
    }

    static ObjectNode gradingPeriod(GradingPeriod p, Instant now) {
        ObjectNode n = CanvasJson.object();
        n.put("id", p.id());
        n.put("title", p.title());
        n.put("start_date", CanvasTime.rest(p.startDate()));
        n.put("end_date", CanvasTime.rest(p.endDate()));
        n.put("close_date", CanvasTime.rest(p.closeDate()));
        n.put("is_closed", p.closedAt(now));
        return n;
    }
}
