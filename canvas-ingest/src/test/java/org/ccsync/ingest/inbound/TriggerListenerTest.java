package org.ccsync.ingest.inbound;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.ccsync.contracts.AssignmentChanged;
import org.ccsync.contracts.CanvasEventReceived;
import org.ccsync.contracts.ChangeScope;
import org.ccsync.contracts.EventIds;
import org.ccsync.contracts.ItemFailed;
import org.ccsync.contracts.ItemKind;
import org.ccsync.contracts.RosterChanged;
import org.ccsync.contracts.ScoreChanged;
import org.ccsync.contracts.SectionDueDate;
import org.ccsync.contracts.Topics;
import org.ccsync.ingest.CanvasFixture;
import org.ccsync.ingest.CanvasWireMockResource;
import org.ccsync.ingest.TestKeys;
import org.ccsync.testsupport.InfraTestResource;
import org.ccsync.testsupport.KafkaTestClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Triggers become REST re-reads and ordered snapshots on canvas-changes. */
@QuarkusTest
@WithTestResource(value = InfraTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = CanvasWireMockResource.class, scope = TestResourceScope.GLOBAL)
class TriggerListenerTest {

    private static final String TENANT = CanvasWireMockResource.SIGNED;
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final KafkaTestClient kafka = KafkaTestClient.shared();
    private CanvasFixture canvas;

    @BeforeEach
    void setUp() {
        canvas = CanvasFixture.connect();
        canvas.jwks(TestKeys.CURRENT);
    }

    private static String key(String courseId) {
        return TENANT + "/" + courseId;
    }

    private List<ConsumerRecord<String, String>> awaitChanges(String courseId, String type, int count) {
        return kafka.awaitRecords(Topics.CANVAS_CHANGES,
                r -> key(courseId).equals(r.key()) && r.value().contains("\"type\":\"" + type + "\""), count, WAIT);
    }

    private static CanvasEventReceived trigger(String courseId, ChangeScope scope, String eventName,
            String assignmentId, String userId, Instant eventTime) {
        return new CanvasEventReceived(
                EventIds.of("canvas-event", TENANT, eventName, courseId, assignmentId, userId, eventTime),
                Instant.now(), TENANT, courseId, eventName, scope, assignmentId, userId, eventTime.toEpochMilli());
    }

    private void send(CanvasEventReceived trigger) {
        kafka.sendJson(Topics.CANVAS_TRIGGERS, key(trigger.courseId()), trigger);
    }

    @Test
    void signedGradeChangeBecomesRosterAssignmentAndScoreSnapshotsInOrder() {
        String courseId = CanvasFixture.newId();
        canvas.course(courseId);
        canvas.assignment(courseId, "8801");
        canvas.submissions(courseId, "8801");
        String body = TestKeys.sign(TestKeys.CURRENT,
                LiveEventResourceTest.gradeChange(courseId, "8801", "501", Instant.now().minusSeconds(5)));
        given().config(LiveEventResourceTest.JWT_AS_TEXT).contentType("application/jwt").body(body)
                .when().post("/webhooks/canvas/" + TENANT)
                .then().statusCode(202);

        List<ConsumerRecord<String, String>> all = kafka.awaitRecords(Topics.CANVAS_CHANGES,
                r -> key(courseId).equals(r.key()), 5, WAIT);
        assertThat(all).extracting(CanvasFixture::typeOf)
                .containsExactly("RosterChanged", "AssignmentChanged", "ScoreChanged", "ScoreChanged",
                        "ScoreChanged");

        RosterChanged roster = KafkaTestClient.read(all.get(0), RosterChanged.class);
        assertThat(roster.courseName()).isEqualTo("Biology " + courseId);
        assertThat(roster.coursePublished()).isTrue();
        assertThat(roster.courseConcluded()).isFalse();
        assertThat(roster.sections()).containsExactly(new RosterChanged.Section("101", "SEC-101", "Period 1"),
                new RosterChanged.Section("102", "SEC-102", "Period 2"));
        assertThat(roster.students()).containsExactly(
                new RosterChanged.Enrollment("501", "STU-501", "101", "Ada Student"),
                new RosterChanged.Enrollment("502", "STU-502", "102", "Bo Student"));
        assertThat(roster.teachers()).containsExactly(
                new RosterChanged.Enrollment("900", "TCH-900", "101", "Tess Teacher"));
        assertThat(roster.gradingPeriods()).hasSize(1);
        assertThat(roster.gradingPeriods().get(0).title()).isEqualTo("Q1");
        assertThat(roster.gradingPeriods().get(0).closeDate()).isEqualTo(Instant.parse("2026-10-27T05:59:59Z"));

        AssignmentChanged assignment = KafkaTestClient.read(all.get(1), AssignmentChanged.class);
        assertThat(assignment.assignmentId()).isEqualTo("8801");
        assertThat(assignment.sourceVersion()).isEqualTo(Instant.parse("2026-09-01T12:00:00Z").toEpochMilli());
        assertThat(assignment.pointsPossible()).isEqualTo(20.0);
        assertThat(assignment.gradingType()).isEqualTo("points");
        assertThat(assignment.postToSis()).isTrue();
        assertThat(assignment.published()).isTrue();
        assertThat(assignment.workflowState()).isEqualTo("published");
        assertThat(assignment.group().id()).isEqualTo("5");
        assertThat(assignment.group().name()).isEqualTo("Tests");
        assertThat(assignment.group().sisSourceId()).isEqualTo("CAT-TESTS");
        assertThat(assignment.overrides()).singleElement().satisfies(o -> {
            assertThat(o.type()).isEqualTo("CourseSection");
            assertThat(o.sectionId()).isEqualTo("102");
        });
        assertThat(assignment.sectionDueDates()).containsExactly(
                new SectionDueDate("101", "SEC-101", Instant.parse("2026-09-10T05:59:59Z")),
                new SectionDueDate("102", "SEC-102", Instant.parse("2026-09-12T05:59:59Z")));

        ScoreChanged graded = KafkaTestClient.read(all.get(2), ScoreChanged.class);
        ScoreChanged excused = KafkaTestClient.read(all.get(3), ScoreChanged.class);
        assertThat(graded.userId()).isEqualTo("501");
        assertThat(graded.score()).isEqualTo(18.5);
        assertThat(graded.late()).isTrue();
        assertThat(graded.missing()).isFalse();
        assertThat(graded.excused()).isFalse();
        assertThat(graded.postedAt()).isEqualTo(Instant.parse("2026-09-11T12:00:00Z"));
        assertThat(graded.sourceVersion()).isEqualTo(Instant.parse("2026-09-11T12:00:00Z").toEpochMilli());
        // The id follows the content and Canvas's timestamps, so the poller's read of this state is the same event.
        assertThat(graded.eventId()).isEqualTo(EventIds.of("score", TENANT, courseId, "8801", "501", 18.5, "18.5",
                false, true, false, "graded", null, Instant.parse("2026-09-11T10:00:00Z"),
                Instant.parse("2026-09-11T12:00:00Z")));
        assertThat(excused.userId()).isEqualTo("502");
        assertThat(excused.excused()).isTrue();
        assertThat(excused.score()).isNull();
        assertThat(excused.postedAt()).isNull();
        assertThat(excused.sourceVersion()).isEqualTo(Instant.parse("2026-09-11T11:00:00Z").toEpochMilli());
        // Never graded, only marked missing by Canvas: no timestamp, so versioned by the read, and still published.
        ScoreChanged missing = KafkaTestClient.read(all.get(4), ScoreChanged.class);
        assertThat(missing.userId()).isEqualTo("503");
        assertThat(missing.missing()).isTrue();
        assertThat(missing.gradedAt()).isNull();
        assertThat(missing.sourceVersion()).isGreaterThan(Instant.parse("2026-09-11T12:00:00Z").toEpochMilli());

        // One students/submissions call for the assignment, and the district's own token on every call.
        assertThat(canvas.requests(CanvasFixture.coursePath(courseId) + "/students/submissions")).isEqualTo(1);
        canvas.wm.verifyThat(getRequestedFor(urlPathEqualTo(CanvasFixture.coursePath(courseId) + "/assignments/8801"))
                .withHeader("Authorization", equalTo("Bearer " + CanvasWireMockResource.SIGNED_TOKEN))
                .withQueryParam("include[]", equalTo("overrides")));
        canvas.wm.verifyThat(getRequestedFor(urlPathEqualTo(CanvasFixture.coursePath(courseId)))
                .withQueryParam("include[]", equalTo("concluded")));
    }

    @Test
    void concludedCourseAndEnrollmentsInEveryStateReachTheRoster() {
        String courseId = CanvasFixture.newId();
        canvas.course(courseId);
        String path = CanvasFixture.coursePath(courseId);
        // Still "available", but past its term's end: Canvas says concluded.
        canvas.ok(path, """
                {"id": %s, "name": "Biology %s", "workflow_state": "available", "sis_course_id": "BIO-%s",
                 "concluded": true}
                """.formatted(courseId, courseId, courseId));
        canvas.ok(path + "/enrollments", """
                [{"id": 1, "type": "StudentEnrollment", "user_id": 501, "course_section_id": 101,
                  "enrollment_state": "active", "user": {"id": 501, "name": "Ada", "sis_user_id": "STU-501"}},
                 {"id": 2, "type": "StudentEnrollment", "user_id": 502, "course_section_id": 101,
                  "enrollment_state": "inactive", "user": {"id": 502, "name": "Bo", "sis_user_id": "STU-502"}},
                 {"id": 3, "type": "StudentEnrollment", "user_id": 503, "course_section_id": 102,
                  "enrollment_state": "completed", "user": {"id": 503, "name": "Cy", "sis_user_id": "STU-503"}},
                 {"id": 4, "type": "StudentEnrollment", "user_id": 504, "course_section_id": 102,
                  "enrollment_state": "invited", "user": {"id": 504, "name": "Di", "sis_user_id": "STU-504"}},
                 {"id": 5, "type": "TeacherEnrollment", "user_id": 900, "course_section_id": 101,
                  "enrollment_state": "active", "user": {"id": 900, "name": "Tess", "login_id": "tess@d"}},
                 {"id": 6, "type": "TeacherEnrollment", "user_id": 901, "course_section_id": 102,
                  "enrollment_state": "inactive", "user": {"id": 901, "name": "Gone", "login_id": "gone@d"}}]
                """);

        send(trigger(courseId, ChangeScope.ROSTER, "course_updated", null, null, Instant.now()));

        RosterChanged roster = KafkaTestClient.read(awaitChanges(courseId, "RosterChanged", 1).get(0),
                RosterChanged.class);
        assertThat(roster.coursePublished()).isTrue();
        assertThat(roster.courseConcluded()).isTrue();
        assertThat(roster.students()).extracting(RosterChanged.Enrollment::userId, RosterChanged.Enrollment::state)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("501", "active"),
                        org.assertj.core.groups.Tuple.tuple("502", "inactive"),
                        org.assertj.core.groups.Tuple.tuple("503", "completed"),
                        org.assertj.core.groups.Tuple.tuple("504", "invited"));
        assertThat(roster.students()).filteredOn(RosterChanged.Enrollment::current)
                .extracting(RosterChanged.Enrollment::userId).containsExactly("501", "504");
        // Teachers sign in to status-service: an inactive teacher is not one of the course's teachers.
        assertThat(roster.teachers()).extracting(RosterChanged.Enrollment::loginId).containsExactly("tess@d");
        // Canvas returns only active and invited enrollments unless every wanted state is asked for.
        canvas.wm.verifyThat(getRequestedFor(urlPathEqualTo(path + "/enrollments"))
                .withQueryParam("state[]", com.github.tomakehurst.wiremock.client.WireMock.havingExactly(
                        "active", "invited", "inactive", "completed")));
    }

    @Test
    void completedWorkflowStateConcludesTheCourse() {
        String courseId = CanvasFixture.newId();
        canvas.course(courseId);
        canvas.ok(CanvasFixture.coursePath(courseId), """
                {"id": %s, "name": "Old Biology", "workflow_state": "completed", "sis_course_id": null}
                """.formatted(courseId));

        send(trigger(courseId, ChangeScope.ROSTER, "course_updated", null, null, Instant.now()));

        RosterChanged roster = KafkaTestClient.read(awaitChanges(courseId, "RosterChanged", 1).get(0),
                RosterChanged.class);
        assertThat(roster.courseConcluded()).isTrue();
        assertThat(roster.coursePublished()).isFalse();
    }

    @Test
    void linkPaginationIsFollowed() {
        String courseId = CanvasFixture.newId();
        canvas.course(courseId);
        String sections = CanvasFixture.coursePath(courseId) + "/sections";
        int port = org.eclipse.microprofile.config.ConfigProvider.getConfig()
                .getValue(CanvasWireMockResource.PORT_PROPERTY, Integer.class);
        String next = "http://localhost:" + port + sections + "?page=bookmark:WzEwMl0&per_page=100";
        canvas.wm.register(CanvasFixture.firstPage(sections).withQueryParam("per_page", equalTo("100"))
                .atPriority(1)
                .willReturn(okJson("[{\"id\": 101, \"name\": \"Period 1\", \"sis_section_id\": \"SEC-101\"}]")
                        .withHeader("Link", "<" + next.replace("bookmark:WzEwMl0", "first")
                                + ">; rel=\"current\",<" + next + ">; rel=\"next\",<"
                                + next.replace("bookmark:WzEwMl0", "first") + ">; rel=\"first\"")));
        canvas.wm.register(CanvasFixture.canvasGet(sections).withQueryParam("page", equalTo("bookmark:WzEwMl0"))
                .atPriority(1)
                .willReturn(okJson("[{\"id\": 102, \"name\": \"Period 2\", \"sis_section_id\": \"SEC-102\"}]")));

        send(trigger(courseId, ChangeScope.ROSTER, "course_section_updated", null, null, Instant.now()));

        RosterChanged roster = KafkaTestClient.read(awaitChanges(courseId, "RosterChanged", 1).get(0),
                RosterChanged.class);
        assertThat(roster.sections()).extracting(RosterChanged.Section::sisSectionId)
                .containsExactly("SEC-101", "SEC-102");
    }

    @Test
    void throttlingByForbiddenRateLimitIsRetried() {
        String courseId = CanvasFixture.newId();
        canvas.course(courseId);
        canvas.submissions(courseId, "8803");
        String path = CanvasFixture.coursePath(courseId) + "/assignments/8803";
        canvas.wm.register(CanvasFixture.canvasGet(path).inScenario("throttle-" + courseId)
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(CanvasFixture.status(403, "403 Forbidden (Rate Limit Exceeded)")
                        .withHeader("X-Rate-Limit-Remaining", "0.0"))
                .willSetStateTo("drained"));
        canvas.wm.register(CanvasFixture.canvasGet(path).inScenario("throttle-" + courseId)
                .whenScenarioStateIs("drained")
                .willReturn(okJson(CanvasFixture.assignmentJson("8803", "Lab",
                        Instant.parse("2026-09-02T00:00:00Z")))));

        send(trigger(courseId, ChangeScope.ASSIGNMENT, "assignment_updated", "8803", null, Instant.now()));

        AssignmentChanged assignment = KafkaTestClient.read(awaitChanges(courseId, "AssignmentChanged", 1).get(0),
                AssignmentChanged.class);
        assertThat(assignment.name()).isEqualTo("Lab");
        assertThat(canvas.requests(path)).isEqualTo(2);
        given().when().get("/q/metrics").then().statusCode(200)
                .body(containsString("ccsync_canvas_throttle_wait_seconds_count{tenant=\"signed\"}"))
                .body(containsString(
                        "ccsync_canvas_requests_total{endpoint=\"assignment\",status=\"403\",tenant=\"signed\"}"));
    }

    @Test
    void serverErrorsAndUnparseableAnswersAreRetried() {
        String courseId = CanvasFixture.newId();
        canvas.course(courseId);
        canvas.submissions(courseId, "8804");
        String path = CanvasFixture.coursePath(courseId) + "/assignments/8804";
        String scenario = "flaky-" + courseId;
        canvas.wm.register(CanvasFixture.canvasGet(path).inScenario(scenario).whenScenarioStateIs(Scenario.STARTED)
                .willReturn(CanvasFixture.status(503, "upstream down")).willSetStateTo("garbled"));
        canvas.wm.register(CanvasFixture.canvasGet(path).inScenario(scenario).whenScenarioStateIs("garbled")
                .willReturn(okJson("{\"id\": 8804, \"name\": ")).willSetStateTo("fine"));
        canvas.wm.register(CanvasFixture.canvasGet(path).inScenario(scenario).whenScenarioStateIs("fine")
                .willReturn(okJson(CanvasFixture.assignmentJson("8804", "Quiz",
                        Instant.parse("2026-09-03T00:00:00Z")))));

        send(trigger(courseId, ChangeScope.ASSIGNMENT, "assignment_updated", "8804", null, Instant.now()));

        assertThat(KafkaTestClient.read(awaitChanges(courseId, "AssignmentChanged", 1).get(0),
                AssignmentChanged.class).name()).isEqualTo("Quiz");
        assertThat(canvas.requests(path)).isEqualTo(3);
    }

    @Test
    void deletedAssignmentBecomesADeletedSnapshot() {
        String courseId = CanvasFixture.newId();
        canvas.course(courseId);
        Instant eventTime = Instant.parse("2026-09-20T08:00:00Z");
        send(trigger(courseId, ChangeScope.ASSIGNMENT, "assignment_updated", "8805", null, eventTime));

        AssignmentChanged deleted = KafkaTestClient.read(awaitChanges(courseId, "AssignmentChanged", 1).get(0),
                AssignmentChanged.class);
        assertThat(deleted.workflowState()).isEqualTo("deleted");
        assertThat(deleted.sourceVersion()).isEqualTo(eventTime.toEpochMilli());
        assertThat(canvas.requests(CanvasFixture.coursePath(courseId) + "/students/submissions")).isZero();
    }

    @Test
    void duplicateTriggerIsNotReReadAgain() {
        String courseId = CanvasFixture.newId();
        canvas.course(courseId);
        canvas.assignment(courseId, "8806");
        canvas.submissions(courseId, "8806");
        canvas.assignment(courseId, "8807");
        canvas.submissions(courseId, "8807");
        // An event time after any re-read, so only the event-id ledger can recognise the duplicate.
        CanvasEventReceived trigger = trigger(courseId, ChangeScope.SCORE, "grade_change", "8806", "501",
                Instant.now().plus(Duration.ofHours(1)));
        send(trigger);
        awaitChanges(courseId, "AssignmentChanged", 1);
        send(trigger);
        // A later trigger on the same course (same partition) shows the duplicate was consumed before it.
        send(trigger(courseId, ChangeScope.SCORE, "grade_change", "8807", "501",
                Instant.now().plus(Duration.ofHours(1))));
        awaitChanges(courseId, "AssignmentChanged", 2);

        assertThat(canvas.requests(CanvasFixture.coursePath(courseId) + "/assignments/8806")).isEqualTo(1);
        assertThat(kafka.currentRecords(Topics.CANVAS_CHANGES, r -> key(courseId).equals(r.key())
                && r.value().contains("\"assignmentId\":\"8806\"") && r.value().contains("AssignmentChanged")))
                .hasSize(1);
    }

    @Test
    void burstOfGradeChangesOnOneAssignmentIsOneReRead() {
        String courseId = CanvasFixture.newId();
        canvas.course(courseId);
        canvas.assignment(courseId, "8808");
        canvas.submissions(courseId, "8808");
        canvas.assignment(courseId, "8809");
        canvas.submissions(courseId, "8809");
        Instant burst = Instant.now().minusSeconds(60);
        for (int student = 0; student < 30; student++) {
            send(trigger(courseId, ChangeScope.SCORE, "grade_change", "8808", Integer.toString(600 + student),
                    burst.plusMillis(student * 10L)));
        }
        send(trigger(courseId, ChangeScope.SCORE, "grade_change", "8809", "501", Instant.now().plusSeconds(3600)));
        kafka.awaitRecords(Topics.CANVAS_CHANGES, r -> key(courseId).equals(r.key())
                && r.value().contains("\"assignmentId\":\"8809\""), 1, WAIT);

        assertThat(canvas.wm.find(getRequestedFor(urlPathEqualTo(CanvasFixture.coursePath(courseId)
                + "/students/submissions")).withQueryParam("assignment_ids[]", equalTo("8808")))).hasSize(1);
        assertThat(canvas.requests(CanvasFixture.coursePath(courseId) + "/assignments/8808")).isEqualTo(1);
    }

    @Test
    void burstOfGradeChangesAcrossSixAssignmentsIsOneSubmissionsRead() {
        String courseId = CanvasFixture.newId();
        canvas.course(courseId);
        List<String> assignments = List.of("8821", "8822", "8823", "8824", "8825", "8826");
        StringBuilder all = new StringBuilder("[");
        for (String assignmentId : assignments) {
            canvas.assignment(courseId, assignmentId);
            String json = CanvasFixture.submissionsJson(assignmentId).strip();
            all.append(all.length() > 1 ? "," : "").append(json, 1, json.length() - 1);
        }
        String submissions = CanvasFixture.coursePath(courseId) + "/students/submissions";
        canvas.wm.register(CanvasFixture.canvasGet(submissions).willReturn(okJson(all.append("]").toString())));
        // The consumer's fetch wait gathers the burst into at most two polled batches.
        Instant burst = Instant.now().minusSeconds(60);
        for (int i = 0; i < 60; i++) {
            send(trigger(courseId, ChangeScope.SCORE, "grade_change", assignments.get(i % 6),
                    Integer.toString(600 + i / 6), burst.plusMillis(i * 10L)));
        }
        // Every assignment's two graded submissions are published (a second batch may publish them again).
        kafka.awaitRecords(Topics.CANVAS_CHANGES, r -> key(courseId).equals(r.key())
                && r.value().contains("ScoreChanged"), assignments.size() * 2, WAIT);

        // The stub answers every assignment's submissions to any read, so the records above may all come from a
        // first batch's read while the second batch's read is still on its way.
        await().atMost(WAIT).untilAsserted(() -> assertThat(canvas.wm.find(getRequestedFor(urlPathEqualTo(submissions)))
                .stream().flatMap(r -> r.queryParameter("assignment_ids[]").values().stream()))
                .containsAll(assignments));
        List<LoggedRequest> reads = canvas.wm.find(getRequestedFor(urlPathEqualTo(submissions)));
        assertThat(reads).hasSizeBetween(1, 2);
        for (String assignmentId : assignments) {
            assertThat(kafka.currentRecords(Topics.CANVAS_CHANGES, r -> key(courseId).equals(r.key())
                    && r.value().contains("ScoreChanged") && r.value().contains("\"assignmentId\":\"" + assignmentId
                    + "\"")).stream().map(r -> KafkaTestClient.read(r, ScoreChanged.class).userId()))
                    .contains("501", "502");
        }
    }

    @Test
    void rejectedTokenBecomesItemFailedAndTheConsumerGoesOn() {
        String courseId = CanvasFixture.newId();
        String path = CanvasFixture.coursePath(courseId);
        canvas.wm.register(CanvasFixture.canvasGet(path).willReturn(CanvasFixture.status(401,
                "{\"errors\": [{\"message\": \"Invalid access token.\"}]}")));
        send(trigger(courseId, ChangeScope.SCORE, "grade_change", "8810", "501", Instant.now()));

        ItemFailed failed = KafkaTestClient.read(kafka.awaitRecords(Topics.SYNC_OUTCOMES,
                r -> key(courseId).equals(r.key()) && r.value().contains("ItemFailed"), 1, WAIT).get(0),
                ItemFailed.class);
        assertThat(failed.errorCode()).isEqualTo("canvas_token_rejected");
        assertThat(failed.retryable()).isFalse();
        assertThat(failed.item().kind()).isEqualTo(ItemKind.COURSE);
        assertThat(failed.error()).doesNotContain(CanvasWireMockResource.SIGNED_TOKEN);
        assertThat(canvas.requests(path)).isEqualTo(1);

        String other = CanvasFixture.newId();
        canvas.course(other);
        send(trigger(other, ChangeScope.ROSTER, "enrollment_updated", null, "501", Instant.now()));
        awaitChanges(other, "RosterChanged", 1);
    }

    @Test
    void poisonRecordGoesToTheDeadLetterTopicAndTheNextRecordIsProcessed() {
        String courseId = CanvasFixture.newId();
        canvas.course(courseId);
        kafka.sendRaw(Topics.CANVAS_TRIGGERS, key(courseId), "{this is not json");
        send(trigger(courseId, ChangeScope.ROSTER, "course_section_created", null, null, Instant.now()));

        List<ConsumerRecord<String, String>> dead = kafka.awaitRecords(Topics.dlq(Topics.CANVAS_TRIGGERS),
                r -> key(courseId).equals(r.key()), 1, WAIT);
        assertThat(dead.get(0).value()).isEqualTo("{this is not json");
        awaitChanges(courseId, "RosterChanged", 1);
        // The valid trigger polled in the same batch as the poison record is not sent to the dead-letter topic.
        assertThat(kafka.currentRecords(Topics.dlq(Topics.CANVAS_TRIGGERS), r -> key(courseId).equals(r.key())))
                .hasSize(1);
    }
}
