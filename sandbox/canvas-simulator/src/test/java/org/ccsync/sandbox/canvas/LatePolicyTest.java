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

/**
 * The course late policy: the deduction of a late submission, and its recalculation without moving graded_at when
 * a due date or the policy changes (Canvas's LatePolicyApplicator).
 */
class LatePolicyTest {

    /** Homework 4: 15 points, due 2026-11-25T23:59:00Z. */
    private static final long HOMEWORK_4 = 417;
    private static final Instant SUBMITTED = Instant.parse("2026-11-27T12:00:00Z");
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

    /** Student 5004 hands Homework 4 in 1 day 12 hours late (two started days) and gets 12 of 15 entered. */
    private Submission lateAndGraded() {
        control(sim).body("{\"submitted_at\": \"" + SUBMITTED + "\"}")
                .post("/sim/courses/101/assignments/417/submissions/5004/submit").then().statusCode(200)
                .body("late", equalTo(true)).body("workflow_state", equalTo("submitted"));
        return sim.control().gradeSubmission(101, HOMEWORK_4, 5004, GradeChange.score(12));
    }

    @Test
    void theSeededPolicyIsReadableAndLeavesTheSeededScoresAlone() {
        api(sim).get("/api/v1/courses/101/late_policy").then().statusCode(200)
                .body("late_policy.late_submission_deduction_enabled", equalTo(true))
                .body("late_policy.late_submission_deduction", equalTo(10.0f))
                .body("late_policy.late_submission_interval", equalTo("day"));
        api(sim).get("/api/v1/courses/102/late_policy").then().statusCode(404);
        api(sim).get("/api/v1/courses/101/assignments/401/submissions/5003").then()
                .body("score", equalTo(8.0f)).body("points_deducted", equalTo(1.0f))
                .body("seconds_late", equalTo(36_000));
        // Re-applying the same deduction changes nothing.
        sim.control().gradeSubmission(101, 401, 5003, GradeChange.score(9));
        assertThat(sim.control().submission(101, 401, 5003).orElseThrow().score()).isEqualTo(8.0);
    }

    @Test
    void aLateSubmissionIsDeductedPerStartedDay() {
        Submission graded = lateAndGraded();

        assertThat(graded.late()).isTrue();
        assertThat(graded.secondsLate()).isEqualTo(36 * 3600 + 60);
        assertThat(graded.enteredScore()).isEqualTo(12.0);
        assertThat(graded.pointsDeducted()).isEqualTo(3.0);
        assertThat(graded.score()).isEqualTo(9.0);
        List<JsonNode> events = EventLog.since(sim, 0);
        assertThat(EventLog.names(events)).containsExactly("submission_created", "grade_change",
                "submission_updated");
        assertThat(events.get(0).at("/body/submitted_at").asText()).isEqualTo("2026-11-27T12:00:00.000Z");
        assertThat(events.get(1).at("/body/score").asDouble()).isEqualTo(9.0);
    }

    @Test
    void movingTheDueDateRecomputesTheDeductionWithoutMovingGradedAt() {
        Submission graded = lateAndGraded();
        int before = sim.control().events().size();

        sim.control().updateAssignment(101, HOMEWORK_4,
                AssignmentPatch.none().withDueAt(Instant.parse("2026-11-26T23:59:00Z")));

        Submission recomputed = sim.control().submission(101, HOMEWORK_4, 5004).orElseThrow();
        assertThat(recomputed.pointsDeducted()).as("12 h 1 min late: one day").isEqualTo(1.5);
        assertThat(recomputed.score()).isEqualTo(10.5);
        assertThat(recomputed.gradedAt()).isEqualTo(graded.gradedAt());
        assertThat(recomputed.updatedAt()).isAfter(graded.updatedAt());
        api(sim).get("/api/v1/courses/101/assignments/417/submissions/5004").then()
                .body("score", equalTo(10.5f)).body("points_deducted", equalTo(1.5f))
                .body("entered_score", equalTo(12.0f)).body("graded_at", equalTo(graded.gradedAt().toString()))
                .body("cached_due_date", equalTo("2026-11-26T23:59:00Z"));

        List<JsonNode> events = EventLog.since(sim, before);
        assertThat(EventLog.names(events)).containsExactly("assignment_updated", "grade_change",
                "submission_updated");
        JsonNode change = events.get(1).get("body");
        assertThat(change.get("old_score").asDouble()).isEqualTo(9.0);
        assertThat(change.get("score").asDouble()).isEqualTo(10.5);
        assertThat(change.get("grader_id").asText()).as("the grade's grader stays").isEqualTo("10000000009001");
        assertThat(events.get(1).at("/metadata").has("user_id")).as("a background job acts").isFalse();
        JsonNode updated = events.get(2).get("body");
        assertThat(Instant.parse(updated.get("graded_at").asText())).isEqualTo(graded.gradedAt());
        assertThat(updated.get("late").asBoolean()).isTrue();

        // Due after the submission: no longer late, the deduction goes.
        sim.control().updateAssignment(101, HOMEWORK_4,
                AssignmentPatch.none().withDueAt(Instant.parse("2026-11-28T23:59:00Z")));
        Submission onTime = sim.control().submission(101, HOMEWORK_4, 5004).orElseThrow();
        assertThat(onTime.late()).isFalse();
        assertThat(onTime.pointsDeducted()).isNull();
        assertThat(onTime.score()).isEqualTo(12.0);
        assertThat(onTime.gradedAt()).isEqualTo(graded.gradedAt());
    }

    @Test
    void aStudentOverrideAndAStricterPolicyRecomputeToo() {
        lateAndGraded();

        sim.control().addStudentOverride(101, HOMEWORK_4, List.of(5004L), Instant.parse("2026-11-27T11:00:00Z"));
        assertThat(sim.control().submission(101, HOMEWORK_4, 5004).orElseThrow().score()).isEqualTo(10.5);

        int before = sim.control().events().size();
        control(sim).body("{\"late_policy\": {\"late_submission_deduction\": 25, "
                + "\"late_submission_interval\": \"hour\"}}").put("/sim/courses/101/late_policy").then()
                .statusCode(200).body("late_policy.late_submission_deduction", equalTo(25.0f));

        // One started hour late at 25 %: 3.75 of 15 points; the seeded late quiz is marked 10 hours late.
        assertThat(sim.control().submission(101, HOMEWORK_4, 5004).orElseThrow().score()).isEqualTo(8.25);
        assertThat(sim.control().submission(101, 401, 5003).orElseThrow().score()).as("at most the raw score")
                .isEqualTo(0.0);
        assertThat(EventLog.names(EventLog.since(sim, before))).containsExactlyInAnyOrder("grade_change",
                "submission_updated", "grade_change", "submission_updated");
        control(sim).body("{\"late_submission_interval\": \"week\"}").put("/sim/courses/101/late_policy").then()
                .statusCode(400);
    }
}
