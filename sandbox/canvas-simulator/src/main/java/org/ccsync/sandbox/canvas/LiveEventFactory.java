package org.ccsync.sandbox.canvas;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Builds Canvas-format Live Events ({@code metadata} + {@code body}) as {@code lib/canvas/live_events.rb} does:
 * every id a string; global ids for assignments, submissions, users, courses and enrollments; local ids for
 * assignment groups, sections and assignment overrides; null fields left out.
 *
 * <p>The metadata's context is the request's: a teacher's request in the course carries the Course context, an API
 * call on a section the CourseSection context, and work a background job does ({@link #runAsJob}: a content
 * migration, a blueprint sync, an SIS import) no context at all, only {@code job_id} and {@code job_tag}. Submission
 * and grade events amend the context with the submission's course ({@code amended_context}), so they carry it in
 * every case; assignment, assignment group, section and enrollment events name their course in the body, and
 * override events name only their assignment and set.
 */
final class LiveEventFactory {

    static final String ROOT_ACCOUNT_ID = CanvasIds.globalString(DemoDistrict.ACCOUNT_ID);

    private final String hostname;
    private final String rootAccountUuid;
    private final ThreadLocal<Job> job = new ThreadLocal<>();
    private final AtomicLong jobIds = new AtomicLong(700_000);

    LiveEventFactory(String tenant) {
        this.hostname = "canvas." + tenant + ".example";
        this.rootAccountUuid = UUID.nameUUIDFromBytes(("canvas-root-account-" + tenant)
                .getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** A background job of Canvas raising events: its id and its tag, e.g. {@code ContentMigration#import}. */
    private record Job(long id, String tag) {
    }

    /** Runs {@code work} as a background job: the events it raises carry no request context. */
    <T> T runAsJob(String tag, Supplier<T> work) {
        Job previous = job.get();
        job.set(new Job(jobIds.incrementAndGet(), tag));
        try {
            return work.get();
        } finally {
            job.set(previous);
        }
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
        return event("grade_change", course, Context.COURSE_AMENDED, actorId, at, body);
    }

    LiveEvent submissionUpdated(Course course, Assignment a, Submission s, Long actorId, Instant at) {
        return submissionEvent("submission_updated", course, a, s, actorId, at);
    }

    /** Canvas sends submission_created, not submission_updated, for a save that just submitted. */
    LiveEvent submissionCreated(Course course, Assignment a, Submission s, Long actorId, Instant at) {
        return submissionEvent("submission_created", course, a, s, actorId, at);
    }

    private LiveEvent submissionEvent(String name, Course course, Assignment a, Submission s, Long actorId,
            Instant at) {
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
        body.put("missing", s.missingAt(at, a));
        body.put("workflow_state", s.workflowState());
        return event(name, course, Context.COURSE_AMENDED, actorId, at, body);
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
        return event("course_updated", course, Context.REQUEST, actorId, course.updatedAt(), body);
    }

    LiveEvent enrollmentUpdated(Course course, Enrollment e, CanvasUser user, Long actorId) {
        return enrollment("enrollment_updated", course, e, user, actorId);
    }

    /** enrollment_created; an SIS import raises it as a job, so its course is only in the body. */
    LiveEvent enrollmentCreated(Course course, Enrollment e, CanvasUser user, Long actorId) {
        return enrollment("enrollment_created", course, e, user, actorId);
    }

    private LiveEvent enrollment(String name, Course course, Enrollment e, CanvasUser user, Long actorId) {
        ObjectNode body = CanvasJson.object();
        body.put("enrollment_id", CanvasIds.globalString(e.id()));
        body.put("course_id", CanvasIds.globalString(e.courseId()));
        body.put("user_id", CanvasIds.globalString(e.userId()));
        putIfPresent(body, "user_name", user == null ? null : user.name());
        body.put("type", e.type());
        putIfPresent(body, "created_at", "enrollment_created".equals(name) ? CanvasTime.event(e.updatedAt()) : null);
        putIfPresent(body, "updated_at", CanvasTime.event(e.updatedAt()));
        body.put("limit_privileges_to_course_section", false);
        body.put("course_section_id", CanvasIds.globalString(e.sectionId()));
        body.put("workflow_state", e.state());
        return event(name, course, Context.REQUEST, actorId, e.updatedAt(), body);
    }

    /**
     * assignment_override_created or _updated ({@code workflowState} {@code deleted} for a removed one), as
     * {@code get_assignment_override_data} builds it: local ids; an ADHOC override's students are not in it; the dates
     * only when the override sets them; the set's section or group. A module's override names no assignment, and
     * neither {@code unassign_item} nor the module is in the event.
     */
    LiveEvent assignmentOverride(String name, Course course, AssignmentOverride o, String workflowState,
            Long actorId, Instant at) {
        ObjectNode body = CanvasJson.object();
        body.put("assignment_override_id", Long.toString(o.id()));
        if (!o.fromModule()) {
            body.put("assignment_id", Long.toString(o.assignmentId()));
        }
        if (o.dueAtOverridden() && o.dueAt() != null) {
            body.put("due_at", CanvasTime.event(o.dueAt()));
            body.put("all_day", false);
            body.put("all_day_date", o.dueAt().atOffset(ZoneOffset.UTC).toLocalDate().toString());
        }
        putIfPresent(body, "unlock_at", CanvasTime.event(o.unlockAt()));
        putIfPresent(body, "lock_at", CanvasTime.event(o.lockAt()));
        body.put("type", o.type());
        if (o.courseSectionId() != null) {
            body.put("course_section_id", Long.toString(o.courseSectionId()));
        }
        if (o.groupId() != null) {
            body.put("group_id", Long.toString(o.groupId()));
        }
        body.put("workflow_state", workflowState);
        return event(name, course, Context.REQUEST, actorId, at, body);
    }

    /** assignment_group_updated: local ids, as Canvas sends them for assignment groups. */
    LiveEvent assignmentGroupUpdated(Course course, AssignmentGroup g, Long actorId, Instant at) {
        return assignmentGroup("assignment_group_updated", course, g, actorId, at);
    }

    LiveEvent assignmentGroupCreated(Course course, AssignmentGroup g, Long actorId, Instant at) {
        return assignmentGroup("assignment_group_created", course, g, actorId, at);
    }

    private LiveEvent assignmentGroup(String name, Course course, AssignmentGroup g, Long actorId, Instant at) {
        ObjectNode body = CanvasJson.object();
        body.put("assignment_group_id", Long.toString(g.id()));
        body.put("context_id", Long.toString(g.courseId()));
        body.put("context_type", "Course");
        body.put("name", g.name());
        body.put("position", g.position());
        body.put("group_weight", g.groupWeight());
        putIfPresent(body, "sis_source_id", g.sisSourceId());
        body.put("workflow_state", "available");
        return event(name, course, Context.REQUEST, actorId, at, body);
    }

    /**
     * course_section_created (a request in the course: Course context) or course_section_updated (an API call on the
     * section, {@code PUT /api/v1/sections/:id}: CourseSection context); local ids, the SIS id as
     * {@code sis_source_id}.
     */
    LiveEvent courseSection(String name, Course course, Section section, Long actorId, Instant at) {
        ObjectNode body = CanvasJson.object();
        body.put("course_section_id", Long.toString(section.id()));
        body.put("course_id", Long.toString(section.courseId()));
        body.put("name", section.name());
        putIfPresent(body, "sis_source_id", section.sisSectionId());
        body.put("default_section", false);
        body.put("workflow_state", "active");
        Context context = "course_section_updated".equals(name) ? Context.section(section) : Context.REQUEST;
        return event(name, course, context, actorId, at, body);
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
        return event("assignment_created", course, Context.REQUEST, actorId, a.updatedAt(), assignmentBody(a));
    }

    LiveEvent assignmentUpdated(Course course, Assignment a, Long actorId) {
        return event("assignment_updated", course, Context.REQUEST, actorId, a.updatedAt(), assignmentBody(a));
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

    /**
     * Which context the metadata names: the request's ({@code REQUEST}: the course, or a section for a section API
     * call; none in a background job), or the submission's course whatever raised it ({@code COURSE_AMENDED}).
     */
    private record Context(boolean amended, Section section) {
        static final Context REQUEST = new Context(false, null);
        static final Context COURSE_AMENDED = new Context(true, null);

        static Context section(Section section) {
            return new Context(false, section);
        }
    }

    private LiveEvent event(String name, Course course, Context context, Long actorId, Instant at, ObjectNode body) {
        Job running = job.get();
        ObjectNode envelope = CanvasJson.object();
        ObjectNode metadata = envelope.putObject("metadata");
        metadata.put("event_name", name);
        metadata.put("event_time", CanvasTime.event(at));
        metadata.put("producer", "canvas");
        metadata.put("root_account_id", ROOT_ACCOUNT_ID);
        metadata.put("root_account_uuid", rootAccountUuid);
        if (context.amended() || running == null) {
            if (context.section() != null && !context.amended()) {
                metadata.put("context_type", "CourseSection");
                metadata.put("context_id", CanvasIds.globalString(context.section().id()));
                putIfPresent(metadata, "context_sis_source_id", context.section().sisSectionId());
            } else {
                metadata.put("context_type", "Course");
                metadata.put("context_id", CanvasIds.globalString(course.id()));
                putIfPresent(metadata, "context_sis_source_id", course.sisCourseId());
            }
        }
        if (running == null) {
            putIfPresent(metadata, "user_id", actorId == null ? null : CanvasIds.globalString(actorId));
            metadata.put("request_id", UUID.randomUUID().toString());
        } else {
            metadata.put("job_id", Long.toString(running.id()));
            metadata.put("job_tag", running.tag());
        }
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
