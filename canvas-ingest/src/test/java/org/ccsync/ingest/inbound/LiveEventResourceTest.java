package org.ccsync.ingest.inbound;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.config.EncoderConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.http.ContentType;
import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.ccsync.contracts.CanvasEventReceived;
import org.ccsync.contracts.ChangeScope;
import org.ccsync.contracts.EventIds;
import org.ccsync.contracts.Topics;
import org.ccsync.ingest.CanvasFixture;
import org.ccsync.ingest.CanvasWireMockResource;
import org.ccsync.ingest.TestKeys;
import org.ccsync.ingest.outbound.TriggerPublisher;
import org.ccsync.testsupport.InfraTestResource;
import org.ccsync.testsupport.KafkaTestClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Live Events webhook: signature checks, envelope validation, and 202 only after Kafka acknowledged. */
@QuarkusTest
@WithTestResource(value = InfraTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = CanvasWireMockResource.class, scope = TestResourceScope.GLOBAL)
class LiveEventResourceTest {

    private static final String SIGNED = CanvasWireMockResource.SIGNED;
    private static final String OPEN = CanvasWireMockResource.OPEN;

    /** Canvas posts the compact JWS as the body; RestAssured needs to be told it is text. */
    static final RestAssuredConfig JWT_AS_TEXT = RestAssuredConfig.config()
            .encoderConfig(EncoderConfig.encoderConfig().encodeContentTypeAs("application/jwt", ContentType.TEXT));

    private final KafkaTestClient kafka = KafkaTestClient.shared();
    private CanvasFixture canvas;

    @BeforeEach
    void jwks() {
        canvas = CanvasFixture.connect();
        canvas.jwks(TestKeys.CURRENT);
    }

    static String gradeChange(String courseId, String assignmentId, String userId, Instant eventTime) {
        return """
                {"metadata": {"event_name": "grade_change", "event_time": "%s", "producer": "canvas",
                  "root_account_id": "70000000000001", "context_type": "Course", "context_id": "%s",
                  "user_id": "70000000000900"},
                 "body": {"submission_id": "%s", "assignment_id": "%s", "assignment_name": "Unit test",
                  "grade": "18.5", "old_grade": null, "score": 18.5, "old_score": null, "points_possible": 20.0,
                  "grader_id": "70000000000900", "student_id": "%s", "user_id": "%s", "grading_complete": true,
                  "muted": false}}
                """.formatted(eventTime, CanvasFixture.global(courseId), CanvasFixture.global("4242"),
                CanvasFixture.global(assignmentId), CanvasFixture.global(userId), CanvasFixture.global(userId));
    }

    private static io.restassured.response.ValidatableResponse post(String tenant, String body) {
        return given().config(JWT_AS_TEXT).contentType("application/jwt").body(body)
                .when().post("/webhooks/canvas/" + tenant)
                .then();
    }

    private List<ConsumerRecord<String, String>> triggersOf(String tenant, String courseId) {
        return kafka.currentRecords(Topics.CANVAS_TRIGGERS, r -> (tenant + "/" + courseId).equals(r.key()));
    }

    private void assertNothingPublished(String tenant, String courseId) {
        assertThat(triggersOf(tenant, courseId)).isEmpty();
    }

    @Test
    void signedGradeChangeIsAcceptedAfterKafkaAckAndPublishedOnceWithLocalIds() {
        String courseId = CanvasFixture.newId();
        Instant eventTime = Instant.parse("2026-09-11T10:00:00.123Z");
        String body = TestKeys.sign(TestKeys.CURRENT, gradeChange(courseId, "8801", "501", eventTime));

        String expectedId = EventIds.of("canvas-event", SIGNED, "grade_change", courseId, "8801", "501", eventTime);
        post(SIGNED, body).statusCode(202).body("status", equalTo("accepted")).body("eventId", equalTo(expectedId));

        // The 202 came after the broker's ack, so the record is readable right away.
        List<ConsumerRecord<String, String>> records = triggersOf(SIGNED, courseId);
        assertThat(records).hasSize(1);
        CanvasEventReceived trigger = KafkaTestClient.read(records.get(0), CanvasEventReceived.class);
        assertThat(trigger.eventId()).isEqualTo(expectedId);
        assertThat(trigger.tenant()).isEqualTo(SIGNED);
        assertThat(trigger.courseId()).isEqualTo(courseId);
        assertThat(trigger.assignmentId()).isEqualTo("8801");
        assertThat(trigger.userId()).isEqualTo("501");
        assertThat(trigger.scope()).isEqualTo(ChangeScope.SCORE);
        assertThat(trigger.eventName()).isEqualTo("grade_change");
        assertThat(trigger.sourceVersion()).isEqualTo(eventTime.toEpochMilli());
    }

    @Test
    void eventTypesMapToScopesAndCourseIdsComeFromTheBody() {
        String courseId = CanvasFixture.newId();
        String sectionEvent = """
                {"metadata": {"event_name": "course_section_updated", "event_time": "2026-09-11T10:00:00Z"},
                 "body": {"course_section_id": "101", "sis_source_id": "SEC-101", "course_id": "%s",
                  "name": "Period 1", "workflow_state": "active"}}
                """.formatted(courseId);
        String groupEvent = """
                {"metadata": {"event_name": "assignment_group_updated", "event_time": "2026-09-11T10:00:01Z"},
                 "body": {"assignment_group_id": "5", "context_id": "%s", "context_type": "Course",
                  "name": "Tests", "workflow_state": "available"}}
                """.formatted(courseId);
        String assignmentEvent = """
                {"metadata": {"event_name": "assignment_updated", "event_time": "2026-09-11T10:00:02Z"},
                 "body": {"assignment_id": "%s", "context_id": "%s", "context_type": "Course",
                  "title": "Unit test", "workflow_state": "published"}}
                """.formatted(CanvasFixture.global("8802"), CanvasFixture.global(courseId));
        post(SIGNED, TestKeys.sign(TestKeys.CURRENT, sectionEvent)).statusCode(202);
        post(SIGNED, TestKeys.sign(TestKeys.CURRENT, groupEvent)).statusCode(202);
        post(SIGNED, TestKeys.sign(TestKeys.CURRENT, assignmentEvent)).statusCode(202);

        List<CanvasEventReceived> triggers = triggersOf(SIGNED, courseId).stream()
                .map(r -> KafkaTestClient.read(r, CanvasEventReceived.class)).toList();
        assertThat(triggers).extracting(CanvasEventReceived::scope)
                .containsExactly(ChangeScope.ROSTER, ChangeScope.ASSIGNMENT_GROUP, ChangeScope.ASSIGNMENT);
        assertThat(triggers.get(2).assignmentId()).isEqualTo("8802");
    }

    @Test
    void forgedSignatureIsRefused() {
        String courseId = CanvasFixture.newId();
        String body = TestKeys.sign(TestKeys.FORGED, gradeChange(courseId, "1", "2", Instant.now()));
        post(SIGNED, body).statusCode(401).body("code", equalTo("invalid_signature"));
        assertNothingPublished(SIGNED, courseId);
    }

    @Test
    void tamperedPayloadIsRefused() {
        String courseId = CanvasFixture.newId();
        String[] parts = TestKeys.sign(TestKeys.CURRENT, gradeChange(courseId, "1", "2", Instant.now())).split("\\.");
        String otherPayload = TestKeys.sign(TestKeys.CURRENT, gradeChange(courseId, "1", "3", Instant.now()))
                .split("\\.")[1];
        post(SIGNED, parts[0] + "." + otherPayload + "." + parts[2]).statusCode(401)
                .body("code", equalTo("invalid_signature"));
        assertNothingPublished(SIGNED, courseId);
    }

    @Test
    void hmacSignatureWithTheKeyIdIsRefused() {
        String courseId = CanvasFixture.newId();
        post(SIGNED, TestKeys.signHs256(gradeChange(courseId, "1", "2", Instant.now()))).statusCode(401)
                .body("code", equalTo("invalid_signature"));
        assertNothingPublished(SIGNED, courseId);
    }

    @Test
    void unknownKeyIdIsRefusedAfterARefetch() {
        String courseId = CanvasFixture.newId();
        // Warm the key cache, then let jose4j's refresh reprieve (a few hundred ms) pass deterministically by
        // checking the fetch count rather than sleeping.
        post(SIGNED, TestKeys.sign(TestKeys.CURRENT, gradeChange(CanvasFixture.newId(), "1", "2", Instant.now())))
                .statusCode(202);
        int before = canvas.jwksFetches();
        String body = TestKeys.sign(TestKeys.UNKNOWN, gradeChange(courseId, "1", "2", Instant.now()));
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> {
                    post(SIGNED, body).statusCode(401).body("code", equalTo("invalid_signature"));
                    assertThat(canvas.jwksFetches()).isGreaterThan(before);
                });
        assertNothingPublished(SIGNED, courseId);
    }

    @Test
    void rotatedKeyVerifiesAfterRefetch() {
        post(SIGNED, TestKeys.sign(TestKeys.CURRENT, gradeChange(CanvasFixture.newId(), "1", "2", Instant.now())))
                .statusCode(202);
        // Canvas publishes previous, current and next keys; the next one starts signing.
        canvas.jwks(TestKeys.CURRENT, TestKeys.NEXT);
        String courseId = CanvasFixture.newId();
        String body = TestKeys.sign(TestKeys.NEXT, gradeChange(courseId, "1", "2", Instant.now()));
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> post(SIGNED, body).statusCode(202));
        assertThat(triggersOf(SIGNED, courseId)).hasSize(1);
        // The previous key still verifies from the refreshed cache.
        post(SIGNED, TestKeys.sign(TestKeys.CURRENT, gradeChange(CanvasFixture.newId(), "1", "2", Instant.now())))
                .statusCode(202);
    }

    @Test
    void expiredSignatureIsRefusedAndAFutureExpiryAccepted() {
        String courseId = CanvasFixture.newId();
        String expired = gradeChange(courseId, "1", "2", Instant.now()).strip();
        expired = expired.substring(0, expired.length() - 1) + ", \"exp\": "
                + Instant.now().minusSeconds(3600).getEpochSecond() + "}";
        post(SIGNED, TestKeys.sign(TestKeys.CURRENT, expired)).statusCode(401)
                .body("code", equalTo("invalid_signature")).body("message", containsString("expired"));
        assertNothingPublished(SIGNED, courseId);

        String fresh = gradeChange(courseId, "1", "2", Instant.now()).strip();
        fresh = fresh.substring(0, fresh.length() - 1) + ", \"exp\": "
                + Instant.now().plusSeconds(3600).getEpochSecond() + "}";
        post(SIGNED, TestKeys.sign(TestKeys.CURRENT, fresh)).statusCode(202);
    }

    @Test
    void unsignedEventIsRefusedUnlessTheDistrictAllowsIt() {
        String courseId = CanvasFixture.newId();
        String json = gradeChange(courseId, "1", "2", Instant.now());
        given().contentType("application/json").body(json).when().post("/webhooks/canvas/" + SIGNED)
                .then().statusCode(401).body("code", equalTo("unsigned_event"));
        assertNothingPublished(SIGNED, courseId);

        given().contentType("application/json").body(json).when().post("/webhooks/canvas/" + OPEN)
                .then().statusCode(202);
        assertThat(triggersOf(OPEN, courseId)).hasSize(1);
    }

    @Test
    void triggerNotAcknowledgedByKafkaIs503() {
        QuarkusMock.installMockForType(new TriggerPublisher(null) {
            @Override
            public Uni<Void> publish(CanvasEventReceived trigger) {
                return Uni.createFrom().failure(new IllegalStateException("broker unreachable"));
            }
        }, TriggerPublisher.class);
        String courseId = CanvasFixture.newId();
        post(SIGNED, TestKeys.sign(TestKeys.CURRENT, gradeChange(courseId, "1", "2", Instant.now())))
                .statusCode(503).body("code", equalTo("not_durable"));
        assertNothingPublished(SIGNED, courseId);
    }

    @Test
    void unknownDistrictIs404() {
        post("nowhere", "x.y.z").statusCode(404).body("code", equalTo("unknown_district"));
    }

    @Test
    void oversizedBodyIs413() {
        String courseId = CanvasFixture.newId();
        String json = gradeChange(courseId, "1", "2", Instant.now()).strip();
        String padded = json.substring(0, json.length() - 1) + ", \"padding\": \"" + "x".repeat(300_000) + "\"}";
        given().contentType("application/json").body(padded).when().post("/webhooks/canvas/" + OPEN)
                .then().statusCode(413).body("code", equalTo("payload_too_large"));
        assertNothingPublished(OPEN, courseId);
    }

    @Test
    void malformedEventsAre400AndPublishNothing() {
        String courseId = CanvasFixture.newId();
        String global = CanvasFixture.global(courseId);
        List<String> bodies = List.of(
                "{\"metadata\": {\"event_name\": \"grade_change\", \"context_id\": \"" + global + "\"",
                "{\"body\": {\"assignment_id\": \"1\", \"course_id\": \"" + courseId + "\"}}",
                "{\"metadata\": \"grade_change\", \"body\": {\"course_id\": \"" + courseId + "\"}}",
                "{\"metadata\": {\"event_name\": 5, \"event_time\": \"2026-09-11T10:00:00Z\"}, "
                        + "\"body\": {\"assignment_id\": \"1\", \"course_id\": \"" + courseId + "\"}}",
                "{\"metadata\": {\"event_name\": \"grade_change\"}, "
                        + "\"body\": {\"assignment_id\": \"1\", \"course_id\": \"" + courseId + "\"}}",
                "{\"metadata\": {\"event_name\": \"grade_change\", \"event_time\": \"yesterday\"}, "
                        + "\"body\": {\"assignment_id\": \"1\", \"course_id\": \"" + courseId + "\"}}",
                "{\"metadata\": {\"event_name\": \"grade_change\", \"event_time\": \"2026-09-11T10:00:00Z\", "
                        + "\"context_type\": \"Course\", \"context_id\": \"" + global + "\"}, "
                        + "\"body\": {\"assignment_id\": \"abc\", \"student_id\": \"2\"}}",
                "{\"metadata\": {\"event_name\": \"grade_change\", \"event_time\": \"2026-09-11T10:00:00Z\", "
                        + "\"context_type\": \"Course\", \"context_id\": \"" + global + "\"}, "
                        + "\"body\": {\"assignment_id\": {\"id\": 1}, \"student_id\": \"2\"}}",
                "{\"metadata\": {\"event_name\": \"grade_change\", \"event_time\": \"2026-09-11T10:00:00Z\", "
                        + "\"context_type\": \"Course\", \"context_id\": \"" + global + "\"}, "
                        + "\"body\": {\"assignment_id\": \"1\", \"student_id\": \"99999999999999999999999\"}}",
                "{\"metadata\": {\"event_name\": \"grade_change\", \"event_time\": \"2026-09-11T10:00:00Z\", "
                        + "\"context_type\": \"Course\", \"context_id\": \"" + global + "\"}, "
                        + "\"body\": \"not an object\"}",
                "[1, 2, 3]");
        for (String body : bodies) {
            given().contentType("application/json").body(body).when().post("/webhooks/canvas/" + OPEN)
                    .then().statusCode(400).body("code", equalTo("malformed_event"));
        }
        // A correctly signed body whose claims are not JSON is malformed too.
        post(SIGNED, TestKeys.sign(TestKeys.CURRENT, "definitely not json")).statusCode(400)
                .body("code", equalTo("malformed_event"));
        assertNothingPublished(OPEN, courseId);
    }

    @Test
    void unknownEventTypeIsIgnoredAndCounted() {
        String courseId = CanvasFixture.newId();
        String json = """
                {"metadata": {"event_name": "discussion_topic_created", "event_time": "2026-09-11T10:00:00Z",
                  "context_type": "Course", "context_id": "%s"}, "body": {"discussion_topic_id": "1"}}
                """.formatted(courseId);
        post(SIGNED, TestKeys.sign(TestKeys.CURRENT, json)).statusCode(200).body("status", equalTo("ignored"));
        assertNothingPublished(SIGNED, courseId);
        given().when().get("/q/metrics").then().statusCode(200)
                .body(containsString(
                        "ccsync_webhook_events_total{result=\"ignored\",tenant=\"signed\","
                                + "type=\"discussion_topic_created\"}"));
    }
}
