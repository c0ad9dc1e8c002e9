package org.ccsync.sandbox.canvas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ccsync.sandbox.canvas.SimulatorFixture.api;
import static org.ccsync.sandbox.canvas.SimulatorFixture.control;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Clearing a grade and lifting an excuse without a score, as Canvas's save_grade_to_submission does: no score, and
 * graded_at and the workflow state left as they were.
 */
class GradeRemovalTest {

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
    void clearingAGradeNullsScoreAndGradeButKeepsGradedAtAndEmitsGradeChangeAndSubmissionUpdated() {
        control(sim).post("/sim/courses/101/assignments/401/submissions/5001/clear_grade").then().statusCode(200)
                .body("score", nullValue()).body("grade", nullValue());

        api(sim).get("/api/v1/courses/101/assignments/401/submissions/5001").then().statusCode(200)
                .body("score", nullValue()).body("grade", nullValue()).body("entered_score", nullValue())
                .body("excused", equalTo(false))
                .body("graded_at", equalTo("2026-11-27T15:00:00Z"))
                .body("posted_at", equalTo("2026-11-27T15:00:00Z"))
                .body("workflow_state", equalTo("graded"));
        List<JsonNode> events = EventLog.since(sim, 0);
        assertThat(EventLog.names(events)).containsExactly("grade_change", "submission_updated");
        JsonNode change = events.get(0).get("body");
        assertThat(change.has("score")).isFalse();
        assertThat(change.has("grade")).isFalse();
        assertThat(change.get("old_score").asDouble()).isEqualTo(9.5);
        assertThat(change.get("old_grade").asText()).isEqualTo("9.5");
        assertThat(change.get("grading_complete").asBoolean()).isTrue();
        JsonNode updated = events.get(1).get("body");
        assertThat(updated.has("score")).isFalse();
        assertThat(updated.get("graded_at").asText()).isEqualTo("2026-11-27T15:00:00.000Z");
        assertThat(updated.get("workflow_state").asText()).isEqualTo("graded");
    }

    @Test
    void clearingALateGradeKeepsAZeroDeduction() {
        Submission cleared = sim.control().clearGrade(101, 401, 5003);

        assertThat(cleared.score()).isNull();
        assertThat(cleared.late()).isTrue();
        assertThat(cleared.pointsDeducted()).isEqualTo(0.0);
    }

    @Test
    void unexcusingWithoutAScoreLeavesNoScoreAndTheOldGradedAt() {
        control(sim).post("/sim/courses/101/assignments/401/submissions/5002/unexcuse").then().statusCode(200)
                .body("excused", equalTo(false)).body("score", nullValue());

        Submission after = sim.control().submission(101, 401, 5002).orElseThrow();
        assertThat(after.excused()).isFalse();
        assertThat(after.score()).isNull();
        assertThat(after.gradedAt()).hasToString("2026-11-27T15:01:00Z");
        assertThat(after.workflowState()).isEqualTo("graded");
        List<JsonNode> events = EventLog.since(sim, 0);
        assertThat(EventLog.names(events)).containsExactly("grade_change", "submission_updated");
        assertThat(events.get(0).get("body").has("score")).isFalse();
        assertThat(events.get(0).get("body").has("old_score")).isFalse();

        control(sim).post("/sim/courses/101/assignments/401/submissions/5002/unexcuse").then().statusCode(400);
        control(sim).post("/sim/courses/101/assignments/401/submissions/9999/clear_grade").then().statusCode(404);
        assertThat(sim.control().events()).hasSize(2);
    }

    @Test
    void gradingASubmissionAgainMovesGradedAtAndReenteringTheSameScoreEmitsNoGradeChange() {
        Submission first = sim.control().gradeSubmission(101, 401, 5001, GradeChange.score(9.5));

        assertThat(first.gradedAt()).isAfter(java.time.Instant.parse("2026-11-27T15:00:00Z"));
        assertThat(EventLog.names(EventLog.since(sim, 0))).containsExactly("submission_updated");
    }
}
