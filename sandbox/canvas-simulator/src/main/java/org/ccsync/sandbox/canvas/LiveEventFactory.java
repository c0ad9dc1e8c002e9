package org.ccsync.sandbox.canvas;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

/**
 * Builds Canvas-format Live Events ({@code metadata} + {@code body}): every id a string, global ids for
 * assignments, submissions, users and courses, null fields left out.
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
        putIfPresent(body, "grader_id", graderId == null ? null : CanvasIds.globalString(graderId));
        body.put("student_id", CanvasIds.globalString(after.userId()));
        body.put("user_id", CanvasIds.globalString(after.userId()));
        putIfPresent(body, "student_sis_id", student == null ? null : student.sisUserId());
        body.put("grading_complete", Submission.GRADED.equals(after.workflowState()));
        body.put("muted", !after.posted());
        return event("grade_change", course, graderId, at, body);
    }

    LiveEvent submissionUpdated(Course course, Submission s, Long actorId, Instant at) {
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
        return event("submission_updated", course, actorId, at, body);
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
