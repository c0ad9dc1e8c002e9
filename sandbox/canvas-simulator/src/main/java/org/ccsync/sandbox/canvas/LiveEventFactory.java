package org.ccsync.sandbox.canvas;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.UUID;

/**
 * Builds Canvas-format Live Events ({@code metadata} + {@code body}) as {@code lib/canvas/live_events.rb} does:
 * every id a string; global ids for assignments, submissions, users, courses and enrollments; local ids for
 * assignment groups and assignment overrides; null fields left out. Every event is raised by a teacher's (or, for a
 * quiz, the student's) request in the course, so its metadata carries the course context.
 */
final class LiveEventFactory {

    static final String ROOT_ACCOUNT_ID = CanvasIds.globalString(DemoDistrict.ACCOUNT_ID);

    private final String hostname;
    private final String rootAccountUuid;

    LiveEventFactory(String tenant) {
        this.hostname = "canvas." + tenant + ".example";
        this.rootAccountUuid = UUID.nameUUIDFromBytes(("canvas-root-account-" + tenant)
                .getBytes(StandardCharsets.UTF_8)).toString();
    }

    LiveEvent gradeChange(Course course, Assignment a, Submission before, Submission after, CanvasUser student,
            Long graderId, Instant at) {
        return gradeChange(course, a, before, after, student, graderId, graderId, at);
    }

    /**
     * A grade_change; {@code graderId} is left out when null or negative (an automatic grader such as a quiz), and
     * {@code grading_complete} is true only for a {@code graded} submission (false while pending review).
     */
    LiveEvent gradeChange(Course course, Assignment a, Submission before, Submission after, CanvasUser student,
            Long graderId, Long actorId, Instant at) {
        ObjectNode body = CanvasJson.object();
        body.put("submission_id", CanvasIds.globalString(after.id()));
        body.put("assignment_id", CanvasIds.globalString(a.id()));
        putIfPresent(body, "assignment_name", a.name());
        putIfPresent(body, "grade", after.grade());
        putIfPresent(body, "old_grade", before.grade());
        putIfPresent(body, "score", after.score());
        putIfPresent(body, "old_score", before.score());
        putIfPresent(body, "points_possible", a.pointsPossible());
        putIfPresent(body, "old_points_possible", a.pointsPossible());
        putIfPresent(body, "grader_id", graderId == null || graderId < 0 ? null : CanvasIds.globalString(graderId));
        body.put("student_id", CanvasIds.globalString(after.userId()));
        body.put("user_id", CanvasIds.globalString(after.userId()));
        putIfPresent(body, "student_sis_id", student == null ? null : student.sisUserId());
        body.put("grading_complete", Submission.GRADED.equals(after.workflowState()));
        body.put("muted", !after.posted());
        return event("grade_change", course, actorId, at, body);
    }

    LiveEvent submissionUpdated(Course course, Submission s, Long actorId, Instant at) {
        return submissionEvent("submission_updated", course, s, actorId, at);
    }

    /** Canvas sends submission_created, not submission_updated, for a save that just submitted. */
    LiveEvent submissionCreated(Course course, Submission s, Long actorId, Instant at) {
        return submissionEvent("submission_created", course, s, actorId, at);
    }

    private LiveEvent submissionEvent(String name, Course course, Submission s, Long actorId, Instant at) {
        ObjectNode body = CanvasJson.object();
        body.put("submission_id", CanvasIds.globalString(s.id()));
        body.put("assignment_id", CanvasIds.globalString(s.assignmentId()));
        body.put("user_id", CanvasIds.globalString(s.userId()));
        putIfPresent(body, "submitted_at", CanvasTime.event(s.submittedAt()));
        putIfPresent(body, "graded_at", CanvasTime.event(s.gradedAt()));
        putIfPresent(body, "updated_at", CanvasTime.event(s.updatedAt()));
        putIfPresent(body, "posted_at", CanvasTime.event(s.postedAt()));
        putIfPresent(body, "score", s.score());
        putIfPresent(body, "grade", s.grade());
        putIfPresent(body, "submission_type", s.submissionType());
        if (s.attempt() != null) {
            body.put("attempt", s.attempt().intValue());
        }
        body.put("late", s.late());
        body.put("missing", s.missing());
        body.put("workflow_state", s.workflowState());
        return event(name, course, actorId, at, body);
    }

    /** course_updated: Canvas's stored workflow state ({@code claimed} for an unpublished course). */
    LiveEvent courseUpdated(Course course, Long actorId) {
        ObjectNode body = CanvasJson.object();
        body.put("course_id", CanvasIds.globalString(course.id()));
        body.put("uuid", courseUuid(course));
        body.put("account_id", CanvasIds.globalString(course.accountId()));
        putIfPresent(body, "name", course.name());
        putIfPresent(body, "created_at", CanvasTime.event(course.createdAt()));
        putIfPresent(body, "updated_at", CanvasTime.event(course.updatedAt()));
        body.put("workflow_state", course.workflowState());
        return event("course_updated", course, actorId, course.updatedAt(), body);
    }

    LiveEvent enrollmentUpdated(Course course, Enrollment e, CanvasUser user, Long actorId) {
        ObjectNode body = CanvasJson.object();
        body.put("enrollment_id", CanvasIds.globalString(e.id()));
        body.put("course_id", CanvasIds.globalString(e.courseId()));
        body.put("user_id", CanvasIds.globalString(e.userId()));
        putIfPresent(body, "user_name", user == null ? null : user.name());
        body.put("type", e.type());
        putIfPresent(body, "updated_at", CanvasTime.event(e.updatedAt()));
        body.put("limit_privileges_to_course_section", false);
        body.put("course_section_id", CanvasIds.globalString(e.sectionId()));
        body.put("workflow_state", e.state());
        return event("enrollment_updated", course, actorId, e.updatedAt(), body);
    }

    /**
     * assignment_override_created or _updated ({@code workflowState} {@code deleted} for a removed one): local ids;
     * an ADHOC override's students are not in it; the dates only when the override sets them.
     */
    LiveEvent assignmentOverride(String name, Course course, AssignmentOverride o, String workflowState,
            Long actorId, Instant at) {
        ObjectNode body = CanvasJson.object();
        body.put("assignment_override_id", Long.toString(o.id()));
        body.put("assignment_id", Long.toString(o.assignmentId()));
        if (o.dueAt() != null) {
            body.put("due_at", CanvasTime.event(o.dueAt()));
            body.put("all_day", false);
            body.put("all_day_date", o.dueAt().atOffset(ZoneOffset.UTC).toLocalDate().toString());
        }
        body.put("type", o.type());
        if (o.courseSectionId() != null) {
            body.put("course_section_id", Long.toString(o.courseSectionId()));
        }
        if (o.groupId() != null) {
            body.put("group_id", Long.toString(o.groupId()));
        }
        body.put("workflow_state", workflowState);
        return event(name, course, actorId, at, body);
    }

    /** assignment_group_updated: local ids, as Canvas sends them for assignment groups. */
    LiveEvent assignmentGroupUpdated(Course course, AssignmentGroup g, Long actorId, Instant at) {
        ObjectNode body = CanvasJson.object();
        body.put("assignment_group_id", Long.toString(g.id()));
        body.put("context_id", Long.toString(g.courseId()));
        body.put("context_type", "Course");
        body.put("name", g.name());
        body.put("position", g.position());
        body.put("group_weight", g.groupWeight());
        putIfPresent(body, "sis_source_id", g.sisSourceId());
        body.put("workflow_state", "available");
        return event("assignment_group_updated", course, actorId, at, body);
    }

    /** A stable 40-character course uuid, like Canvas's. */
    private String courseUuid(Course course) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1").digest((hostname + "/course/" + course.id())
                    .getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    LiveEvent assignmentCreated(Course course, Assignment a, Long actorId) {
        return event("assignment_created", course, actorId, a.updatedAt(), assignmentBody(a));
    }

    LiveEvent assignmentUpdated(Course course, Assignment a, Long actorId) {
        return event("assignment_updated", course, actorId, a.updatedAt(), assignmentBody(a));
    }

    private ObjectNode assignmentBody(Assignment a) {
        ObjectNode body = CanvasJson.object();
        body.put("assignment_id", CanvasIds.globalString(a.id()));
        body.put("context_id", CanvasIds.globalString(a.courseId()));
        body.put("context_type", "Course");
        body.put("assignment_group_id", CanvasIds.globalString(a.assignmentGroupId()));
        putIfPresent(body, "title", a.name());
        putIfPresent(body, "due_at", CanvasTime.event(a.dueAt()));
        putIfPresent(body, "points_possible", a.pointsPossible());
        body.put("submission_types", NewAssignment.NOT_GRADED.equals(a.gradingType())
                ? NewAssignment.NOT_GRADED : DemoDistrict.HOMEWORK_SUBMISSION);
        body.put("workflow_state", a.workflowState());
        putIfPresent(body, "updated_at", CanvasTime.event(a.updatedAt()));
        return body;
    }

    private LiveEvent event(String name, Course course, Long actorId, Instant at, ObjectNode body) {
        ObjectNode envelope = CanvasJson.object();
        ObjectNode metadata = envelope.putObject("metadata");
        metadata.put("event_name", name);
        metadata.put("event_time", CanvasTime.event(at));
        metadata.put("producer", "canvas");
        metadata.put("root_account_id", ROOT_ACCOUNT_ID);
        metadata.put("root_account_uuid", rootAccountUuid);
        metadata.put("context_type", "Course");
        metadata.put("context_id", CanvasIds.globalString(course.id()));
        putIfPresent(metadata, "context_sis_source_id", course.sisCourseId());
        putIfPresent(metadata, "user_id", actorId == null ? null : CanvasIds.globalString(actorId));
        metadata.put("request_id", UUID.randomUUID().toString());
        metadata.put("hostname", hostname);
        envelope.set("body", body);
        return new LiveEvent(name, course.id(), envelope);
    }

    private static void putIfPresent(ObjectNode node, String field, String value) {
        if (value != null) {
            node.put(field, value);
        }
    }

    private static void putIfPresent(ObjectNode node, String field, Double value) {
        if (value != null) {
            node.put(field, value);
        }
    }
}
