package org.ccsync.ingest.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.ccsync.contracts.CanvasEventReceived;
import org.ccsync.contracts.ChangeScope;
import org.junit.jupiter.api.Test;

/** Which re-read each Live Event asks for, with payloads shaped as canvas-lms documents and sends them. */
class LiveEventParserTest {

    private final LiveEventParser parser = new LiveEventParser(new ObjectMapper());

    private CanvasEventReceived parse(String eventName, String body) {
        String json = """
                {"metadata": {"event_name": "%s", "event_time": "2026-11-29T10:00:00.000Z", "producer": "canvas",
                  "context_type": "Course", "context_id": "10000000000101", "root_account_id": "10000000000001"},
                 "body": %s}
                """.formatted(eventName, body);
        return parser.parse("demo", parser.readTree(json)).trigger();
    }

    @Test
    void courseUpdatedRereadsTheRosterAlsoWithoutACourseContext() {
        String body = """
                {"course_id": "10000000000101", "account_id": "10000000000001", "name": "Biology 1",
                 "uuid": "a1b2", "workflow_state": "completed", "updated_at": "2026-11-29T10:00:00.000Z"}""";
        CanvasEventReceived trigger = parse("course_updated", body);

        assertThat(trigger.scope()).isEqualTo(ChangeScope.ROSTER);
        assertThat(trigger.courseId()).isEqualTo("101");
        // An SIS import raises it without a Course context: the body's course_id names it.
        String sisJson = """
                {"metadata": {"event_name": "course_updated", "event_time": "2026-11-29T10:00:00.000Z",
                  "job_tag": "SIS::CSV::ImportRefactored#run_parallel_importer"}, "body": %s}""".formatted(body);
        assertThat(parser.parse("demo", parser.readTree(sisJson)).trigger().courseId()).isEqualTo("101");
    }

    @Test
    void enrollmentUpdatedRereadsTheRosterForItsUser() {
        CanvasEventReceived trigger = parse("enrollment_updated", """
                {"enrollment_id": "10000000007002", "course_id": "10000000000101", "user_id": "10000000005002",
                 "type": "StudentEnrollment", "course_section_id": "10000000001001", "workflow_state": "inactive"}""");

        assertThat(trigger.scope()).isEqualTo(ChangeScope.ROSTER);
        assertThat(trigger.userId()).isEqualTo("5002");
    }

    @Test
    void assignmentGroupUpdatedRereadsTheCoursesAssignments() {
        CanvasEventReceived trigger = parse("assignment_group_updated", """
                {"assignment_group_id": "202", "context_id": "101", "context_type": "Course", "name": "Assessments",
                 "position": 2, "group_weight": 0.0, "workflow_state": "available"}""");

        assertThat(trigger.scope()).isEqualTo(ChangeScope.ASSIGNMENT_GROUP);
        assertThat(trigger.courseId()).isEqualTo("101");
        assertThat(trigger.assignmentId()).isNull();
    }

    @Test
    void overrideEventsRereadTheirAssignmentAlsoForADeletedOverride() {
        for (String name : new String[] {"assignment_override_created", "assignment_override_updated"}) {
            CanvasEventReceived trigger = parse(name, """
                    {"assignment_override_id": "506", "assignment_id": "407", "type": "ADHOC",
                     "due_at": "2026-12-04T23:59:00.000Z", "workflow_state": "deleted"}""");
            assertThat(trigger.scope()).as(name).isEqualTo(ChangeScope.ASSIGNMENT);
            assertThat(trigger.assignmentId()).as(name).isEqualTo("407");
        }
    }

    @Test
    void gradeAndSubmissionEventsRereadScoresAlsoForAClearedGrade() {
        CanvasEventReceived cleared = parse("grade_change", """
                {"submission_id": "10000000060001", "assignment_id": "10000000000401", "old_score": 9.5,
                 "old_grade": "9.5", "student_id": "10000000005001", "user_id": "10000000005001",
                 "grading_complete": true, "muted": false}""");
        CanvasEventReceived pending = parse("submission_created", """
                {"submission_id": "10000000060002", "assignment_id": "10000000000407", "user_id": "10000000005002",
                 "score": 6.0, "workflow_state": "pending_review"}""");
        CanvasEventReceived updated = parse("submission_updated", """
                {"submission_id": "10000000060003", "assignment_id": "10000000000417", "user_id": "10000000005004",
                 "score": 10.5, "late": true, "workflow_state": "graded"}""");

        assertThat(cleared.scope()).isEqualTo(ChangeScope.SCORE);
        assertThat(cleared.assignmentId()).isEqualTo("401");
        assertThat(cleared.userId()).isEqualTo("5001");
        assertThat(pending.scope()).isEqualTo(ChangeScope.SCORE);
        assertThat(updated.scope()).isEqualTo(ChangeScope.SCORE);
        assertThat(updated.userId()).isEqualTo("5004");
    }

    /** Raised by a background job (lib/canvas/live_events.rb posts it with the job's context: none). */
    @Test
    void anOverrideEventWithoutCourseIsATriggerForItsAssignmentWithoutCourse() {
        String json = """
                {"metadata": {"event_name": "assignment_override_created", "event_time": "2026-11-29T10:00:00.000Z",
                  "job_id": "700001", "job_tag": "ContentMigration#import", "root_account_id": "10000000000001"},
                 "body": {"assignment_override_id": "506", "assignment_id": "401", "type": "CourseSection",
                  "course_section_id": "1002", "workflow_state": "active"}}""";
        CanvasEventReceived trigger = parser.parse("demo", parser.readTree(json)).trigger();

        assertThat(trigger.courseId()).isNull();
        assertThat(trigger.assignmentId()).isEqualTo("401");
        assertThat(trigger.scope()).isEqualTo(ChangeScope.ASSIGNMENT);

        String module = """
                {"metadata": {"event_name": "assignment_override_created", "event_time": "2026-11-29T10:00:00.000Z"},
                 "body": {"assignment_override_id": "507", "type": "CourseSection", "course_section_id": "1002",
                  "workflow_state": "active"}}""";
        assertThat(parser.parse("demo", parser.readTree(module)).trigger()).as("nothing to find a course from")
                .isNull();
    }

    @Test
    void aModulesOverrideRereadsEveryAssignmentOfItsCourse() {
        CanvasEventReceived trigger = parse("assignment_override_created", """
                {"assignment_override_id": "507", "type": "CourseSection", "course_section_id": "1001",
                 "workflow_state": "active"}""");

        assertThat(trigger.scope()).isEqualTo(ChangeScope.ASSIGNMENT_GROUP);
        assertThat(trigger.courseId()).isEqualTo("101");
        assertThat(trigger.assignmentId()).isNull();
    }

    @Test
    void aCaliperEventIsRefusedWithTheFix() {
        String caliper = """
                {"sensor": "http://canvas.demo.example/", "sendTime": "2026-11-29T10:00:00.000Z",
                 "dataVersion": "http://purl.imsglobal.org/ctx/caliper/v1p1",
                 "data": [{"@context": "http://purl.imsglobal.org/ctx/caliper/v1p1", "type": "GradeEvent"}]}""";

        assertThatThrownBy(() -> parser.parse("demo", parser.readTree(caliper)))
                .isInstanceOfSatisfying(WebhookRejectedException.class, e -> {
                    assertThat(e.status()).isEqualTo(422);
                    assertThat(e.code()).isEqualTo("caliper_format_not_supported");
                    assertThat(e.getMessage()).contains("Data Services").contains("\"Canvas\"");
                });
    }

    /**
     * course_section_updated from PUT /api/v1/sections/:id has the section as context; enrollment_created from an SIS
     * import has none (doc/api/data_services/json/canvas/event-types): the body names the course either way.
     */
    @Test
    void sectionAndSisImportEventsFindTheirCourseInTheBody() {
        String section = """
                {"metadata": {"event_name": "course_section_updated", "event_time": "2026-11-29T10:00:00.000Z",
                  "context_type": "CourseSection", "context_id": "10000000001006"},
                 "body": {"course_section_id": "1006", "course_id": "101", "name": "Biology 1 - P3",
                  "sis_source_id": "SEC-BIO1-P3", "workflow_state": "active"}}""";
        String enrollment = """
                {"metadata": {"event_name": "enrollment_created", "event_time": "2026-11-29T10:00:00.000Z",
                  "job_id": "700002", "job_tag": "SisBatch#process"},
                 "body": {"enrollment_id": "10000000007020", "course_id": "10000000000101",
                  "user_id": "10000000005007", "type": "StudentEnrollment", "course_section_id": "10000000001002",
                  "workflow_state": "active"}}""";

        CanvasEventReceived sectionTrigger = parser.parse("demo", parser.readTree(section)).trigger();
        CanvasEventReceived enrollmentTrigger = parser.parse("demo", parser.readTree(enrollment)).trigger();

        assertThat(sectionTrigger.courseId()).isEqualTo("101");
        assertThat(sectionTrigger.scope()).isEqualTo(ChangeScope.ROSTER);
        assertThat(enrollmentTrigger.courseId()).isEqualTo("101");
        assertThat(enrollmentTrigger.userId()).isEqualTo("5007");
    }

    @Test
    void globalIdsBecomeLocalAndLocalIdsStay() {
        assertThat(LiveEventParser.toLocal(70_000_000_000_123L)).isEqualTo("123");
        assertThat(LiveEventParser.toLocal(123L)).isEqualTo("123");
    }
}
