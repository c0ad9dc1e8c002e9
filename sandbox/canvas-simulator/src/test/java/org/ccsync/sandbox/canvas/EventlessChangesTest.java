package org.ccsync.sandbox.canvas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ccsync.sandbox.canvas.SimulatorFixture.api;
import static org.ccsync.sandbox.canvas.SimulatorFixture.control;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EventlessChangesTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static CanvasSimulator sim;
    private static WebhookReceiver receiver;

    @BeforeAll
    static void start() throws Exception {
        receiver = WebhookReceiver.start();
        sim = CanvasSimulator.start(CanvasSimulatorConfig.defaults().withWebhookUrl(receiver.url())
                .withSignEvents(false));
    }

    @AfterAll
    static void stop() {
        sim.close();
        receiver.close();
    }

    @BeforeEach
    void reset() {
        sim.control().reset();
        receiver.clear();
    }

    /** Emits a marker grade in the same course; whatever the webhook saw before it was emitted earlier. */
    private static List<String> eventNamesReceivedUpToAMarker(long courseId, long assignmentId, long userId) {
        sim.control().gradeSubmission(courseId, assignmentId, userId, GradeChange.score(1));
        Awaitility.await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(20))
                .until(() -> receiver.received().size() >= 2);
        return receiver.received().stream().map(r -> {
            try {
                return MAPPER.readTree(r.body()).at("/metadata/event_name").asText();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    @Test
    void disablePostToSisChangesRestStateWithoutAnEvent() {
        control(sim).post("/sim/courses/101/disable_post_to_sis").then().statusCode(200)
                .body("updated", equalTo(15));

        assertThat(sim.control().events()).isEmpty();
        api(sim).queryParam("post_to_sis", "true").get("/api/v1/courses/101/assignments")
                .then().statusCode(200).body("$", hasSize(0));
        api(sim).get("/api/v1/courses/101/assignments/401").then().body("post_to_sis", equalTo(false));
        api(sim).queryParam("post_to_sis", "true").get("/api/v1/courses/102/assignments")
                .then().body("$", hasSize(2));
        assertThat(eventNamesReceivedUpToAMarker(101, 401, 5006)).containsExactly("grade_change", "submission_updated");
    }

    @Test
    void missingPolicyZeroesUnsubmittedWorkWithoutAnEventButPollingSeesIt() {
        List<Submission> zeroed = sim.control().applyMissingPolicy(101, 417);

        assertThat(zeroed).extracting(Submission::userId).containsExactly(5002L, 5003L, 5004L, 5006L);
        assertThat(sim.control().events()).isEmpty();
        JsonPath polled = api(sim).queryParam("student_ids[]", "all").queryParam("graded_since", "2026-11-28T00:00:00Z")
                .get("/api/v1/courses/101/students/submissions").then().statusCode(200).extract().jsonPath();
        assertThat(polled.getList("user_id", Integer.class)).containsExactlyInAnyOrder(5002, 5003, 5004, 5006);
        assertThat(polled.getList("score", Float.class)).containsOnly(0.0f);
        assertThat(polled.getList("missing", Boolean.class)).containsOnly(true);
        assertThat(polled.getList("workflow_state")).containsOnly("graded");
        assertThat(eventNamesReceivedUpToAMarker(101, 401, 5006)).containsExactly("grade_change", "submission_updated");
    }

    @Test
    void missingPolicyOverHttpLeavesGradedWorkAlone() {
        control(sim).post("/sim/courses/102/assignments/422/missing_policy").then().statusCode(200)
                .body("user_id", org.hamcrest.Matchers.contains(5009, 5010, 5011));

        api(sim).get("/api/v1/courses/102/assignments/422/submissions/5007").then()
                .body("score", equalTo(9.0f)).body("missing", equalTo(false))
                .body("graded_at", equalTo("2026-11-27T15:17:00Z"));
        assertThat(sim.control().events()).isEmpty();
    }
}
