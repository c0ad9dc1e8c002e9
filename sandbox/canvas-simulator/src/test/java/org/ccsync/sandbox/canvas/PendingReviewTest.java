package org.ccsync.sandbox.canvas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ccsync.sandbox.canvas.SimulatorFixture.api;
import static org.ccsync.sandbox.canvas.SimulatorFixture.control;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A quiz whose essay question waits for the teacher: pending_review with the automatically graded part. */
class PendingReviewTest {

    private static CanvasSimulator sim;

    @BeforeAll
    static void start() {
        sim = CanvasSimulator.start(CanvasSimulatorConfig.defaults().withSignEvents(false));
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    @BeforeEach
    void reset() {
        sim.control().reset();
    }

    @Test
    void aQuizPendingReviewHasItsPartialScoreAndEmitsGradeChangeNotCompleteAndSubmissionCreated() {
        control(sim).body("{\"score\": 6}").post("/sim/courses/101/assignments/407/submissions/5002/pending_review")
                .then().statusCode(200).body("workflow_state", equalTo("pending_review"));

        Instant gradedAt = Instant.parse(api(sim).get("/api/v1/courses/101/assignments/407/submissions/5002").then()
                .statusCode(200).body("workflow_state", equalTo("pending_review")).body("score", equalTo(6.0f))
                .body("grade", equalTo("6")).body("submission_type", equalTo("online_quiz"))
                .body("attempt", equalTo(1)).body("late", equalTo(false)).extract().path("graded_at"));
        assertThat(gradedAt).isAfter(Instant.parse("2026-11-28T00:00:00Z"));

        List<JsonNode> events = EventLog.since(sim, 0);
        assertThat(EventLog.names(events)).containsExactly("grade_change", "submission_created");
        JsonNode change = events.get(0).get("body");
        assertThat(change.get("score").asDouble()).isEqualTo(6.0);
        assertThat(change.get("grading_complete").asBoolean()).as("partially graded").isFalse();
        assertThat(change.has("grader_id")).as("the quiz graded it, not a teacher").isFalse();
        assertThat(events.get(0).at("/metadata/user_id").asText()).isEqualTo("10000000005002");
        assertThat(events.get(1).at("/body/workflow_state").asText()).isEqualTo("pending_review");
        assertThat(events.get(1).at("/body/score").asDouble()).isEqualTo(6.0);

        // The teacher scores the essay: the submission is graded.
        Submission graded = sim.control().gradeSubmission(101, 407, 5002, GradeChange.score(9));
        assertThat(graded.workflowState()).isEqualTo("graded");
        assertThat(EventLog.since(sim, 2).get(0).at("/body/grading_complete").asBoolean()).isTrue();
    }

    @Test
    void aPendingReviewWithoutScoreIsRefused() {
        control(sim).body("{}").post("/sim/courses/101/assignments/407/submissions/5002/pending_review").then()
                .statusCode(400);
        assertThat(sim.control().events()).isEmpty();
    }
}
