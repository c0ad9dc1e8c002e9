package org.ccsync.sandbox.canvas;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.ccsync.sandbox.canvas.SimulatorFixture.control;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LiveEventDeliveryTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static CanvasSimulator sim;
    private static WebhookReceiver receiver;

    @BeforeAll
    static void start() throws Exception {
        receiver = WebhookReceiver.start();
        sim = CanvasSimulator.start(CanvasSimulatorConfig.defaults().withWebhookUrl(receiver.url()));
    }

    @AfterAll
    static void stop() {
        sim.close();
        receiver.close();
    }

    @BeforeEach
    void reset() {
        sim.control().reset();
        sim.control().setSigning(true);
        receiver.clear();
    }

    private static ConditionFactory await() {
        return Awaitility.await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(20));
    }

    @Test
    void gradeChangeIsDeliveredAsJwsThatVerifiesAgainstTheJwksAndCarriesGlobalIds() throws Exception {
        control(sim).body("{\"score\": 9}").post("/sim/courses/101/assignments/417/submissions/5002")
                .then().statusCode(200).body("score", equalTo(9.0f)).body("workflow_state", equalTo("graded"));

        await().until(() -> receiver.received().size() == 2);
        String jwks = given().get(sim.jwksUrl()).then().statusCode(200).extract().asString();
        WebhookReceiver.Received first = receiver.received().get(0);
        assertThat(first.contentType()).startsWith("application/jwt");
        assertThat(JwsVerification.kid(first.body())).isEqualTo(sim.control().currentKeyId());
        JsonNode grade = JwsVerification.verifiedClaims(first.body(), jwks);

        JsonNode metadata = grade.get("metadata");
        assertThat(metadata.get("event_name").asText()).isEqualTo("grade_change");
        assertThat(metadata.get("event_time").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
        assertThat(metadata.get("producer").asText()).isEqualTo("canvas");
        assertThat(metadata.get("root_account_id").asText()).isEqualTo("10000000000001");
        assertThat(metadata.get("context_type").asText()).isEqualTo("Course");
        assertThat(metadata.get("context_id").asText()).isEqualTo("10000000000101");
        assertThat(metadata.get("context_sis_source_id").asText()).isEqualTo("BIO1-2026");
        assertThat(metadata.get("user_id").asText()).isEqualTo("10000000009001");
        assertThat(metadata.get("hostname").asText()).isEqualTo("canvas.demo.example");
        assertThat(metadata.get("request_id").asText()).isNotBlank();

        long submissionId = sim.control().submission(101, 417, 5002).orElseThrow().id();
        JsonNode body = grade.get("body");
        assertThat(body.get("submission_id").isTextual()).isTrue();
        assertThat(body.get("submission_id").asText()).isEqualTo(Long.toString(10_000_000_000_000L + submissionId));
        assertThat(body.get("assignment_id").asText()).isEqualTo("10000000000417");
        assertThat(body.get("student_id").asText()).isEqualTo("10000000005002");
        assertThat(body.get("user_id").asText()).isEqualTo("10000000005002");
        assertThat(body.get("grader_id").asText()).isEqualTo("10000000009001");
        assertThat(body.get("student_sis_id").asText()).isEqualTo("STU-5002");
        assertThat(body.get("assignment_name").asText()).isEqualTo("Homework 4");
        assertThat(body.get("score").asDouble()).isEqualTo(9.0);
        assertThat(body.get("grade").asText()).isEqualTo("9");
        assertThat(body.get("points_possible").asDouble()).isEqualTo(15.0);
        assertThat(body.get("muted").asBoolean()).isFalse();
        assertThat(body.get("grading_complete").asBoolean()).isTrue();
        assertThat(body.has("old_score")).as("null fields are omitted").isFalse();

        JsonNode updated = JwsVerification.verifiedClaims(receiver.received().get(1).body(), jwks);
        assertThat(updated.at("/metadata/event_name").asText()).isEqualTo("submission_updated");
        assertThat(updated.at("/body/workflow_state").asText()).isEqualTo("graded");
        assertThat(updated.at("/body/user_id").asText()).isEqualTo("10000000005002");
        assertThat(updated.at("/body/graded_at").asText()).endsWith("Z").contains(".");

        await().until(() -> sim.control().events().stream()
                .allMatch(e -> e.delivery() == EmittedEvent.Delivery.DELIVERED));
        assertThat(sim.control().events()).extracting(EmittedEvent::status, EmittedEvent::attempts)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(200, 1),
                        org.assertj.core.groups.Tuple.tuple(200, 1));
    }

    @Test
    void unsignedEventsAreRawJson() throws Exception {
        control(sim).body("{\"signEvents\": false}").put("/sim/settings").then().statusCode(200)
                .body("signEvents", equalTo(false));

        sim.control().gradeSubmission(102, 421, 5007, GradeChange.score(47));

        await().until(() -> receiver.received().size() == 2);
        WebhookReceiver.Received first = receiver.received().get(0);
        assertThat(first.contentType()).startsWith("application/json");
        JsonNode event = MAPPER.readTree(first.body());
        assertThat(event.at("/metadata/event_name").asText()).isEqualTo("grade_change");
        assertThat(event.at("/body/old_score").asDouble()).isEqualTo(45.0);
        assertThat(event.at("/body/score").asDouble()).isEqualTo(47.0);
        assertThat(event.at("/metadata/context_id").asText()).isEqualTo("10000000000102");
        assertThat(event.at("/metadata/user_id").asText()).isEqualTo("10000000009002");
    }

    @Test
    void failedDeliveryIsRetriedUntilItSucceeds() {
        receiver.answerNext(500, 2);

        sim.control().gradeSubmission(101, 417, 5003, GradeChange.score(11));

        await().until(() -> sim.control().events().stream()
                .allMatch(e -> e.delivery() == EmittedEvent.Delivery.DELIVERED));
        EmittedEvent grade = sim.control().events().get(0);
        assertThat(grade.attempts()).isEqualTo(3);
        assertThat(grade.status()).isEqualTo(200);
        assertThat(receiver.received()).hasSize(4);
    }

    @Test
    void deliveryGivesUpAfterThreeRetriesAndTheNextEventStillFollows() {
        receiver.answerNext(503, 4);

        sim.control().gradeSubmission(101, 417, 5004, GradeChange.score(12));

        await().until(() -> sim.control().events().stream()
                .noneMatch(e -> e.delivery() == EmittedEvent.Delivery.PENDING));
        List<EmittedEvent> events = sim.control().events();
        assertThat(events.get(0).delivery()).isEqualTo(EmittedEvent.Delivery.FAILED);
        assertThat(events.get(0).attempts()).isEqualTo(4);
        assertThat(events.get(0).status()).isEqualTo(503);
        assertThat(events.get(1).delivery()).isEqualTo(EmittedEvent.Delivery.DELIVERED);
        assertThat(receiver.received()).hasSize(5);
        assertThat(receiver.received().get(4).body()).isEqualTo(events.get(1).payload());
    }

    @Test
    void eventsOfOneCourseArriveInEmissionOrder() {
        for (long student = 5001; student <= 5006; student++) {
            sim.control().gradeSubmission(101, 407, student, GradeChange.score(student - 5000));
        }

        await().until(() -> receiver.received().size() == 12);
        List<String> sent = new ArrayList<>();
        sim.control().events().forEach(e -> sent.add(e.payload()));
        assertThat(receiver.received()).extracting(WebhookReceiver.Received::body).containsExactlyElementsOf(sent);
    }

    @Test
    void excusingShowsNullScoreAndGradeWhileHiddenGradesAreMuted() throws Exception {
        sim.control().setSigning(false);
        sim.control().gradeSubmission(101, 401, 5001, GradeChange.excuse());
        sim.control().gradeSubmission(101, 415, 5003, GradeChange.score(7));

        List<EmittedEvent> events = sim.control().events();
        JsonNode excused = MAPPER.readTree(events.get(0).json()).get("body");
        assertThat(excused.has("score")).isFalse();
        assertThat(excused.has("grade")).isFalse();
        assertThat(excused.get("old_score").asDouble()).isEqualTo(9.5);
        JsonNode hidden = MAPPER.readTree(events.get(2).json()).get("body");
        assertThat(hidden.get("muted").asBoolean()).isTrue();
        assertThat(sim.control().submission(101, 415, 5003).orElseThrow().postedAt()).isNull();
        assertThat(sim.control().submission(101, 401, 5001).orElseThrow().excused()).isTrue();
    }
}
