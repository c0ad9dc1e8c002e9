package org.ccsync.sandbox.canvas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ccsync.sandbox.canvas.SimulatorFixture.api;
import static org.ccsync.sandbox.canvas.SimulatorFixture.control;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.path.json.JsonPath;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PostGradesTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
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
    void postingSetsPostedAtKeepsGradedAtAndEmitsUnmutedGradeChanges() throws Exception {
        JsonPath posted = control(sim).post("/sim/courses/101/assignments/415/post_grades").then().statusCode(200)
                .extract().jsonPath();

        assertThat(posted.getList("user_id", Integer.class)).containsExactly(5001, 5002);
        assertThat(posted.getList("graded_at")).containsExactly("2026-11-27T15:08:00Z", "2026-11-27T15:09:00Z");
        api(sim).get("/api/v1/courses/101/assignments/415/submissions/5002").then().statusCode(200)
                .body("graded_at", equalTo("2026-11-27T15:09:00Z"));
        Instant postedAt = Instant.parse(api(sim).get("/api/v1/courses/101/assignments/415/submissions/5001")
                .then().extract().path("posted_at"));
        assertThat(postedAt).isAfter(Instant.parse("2026-11-28T00:00:00Z"));

        List<EmittedEvent> events = sim.control().events();
        assertThat(events).extracting(EmittedEvent::eventName).containsExactly("grade_change", "grade_change");
        for (EmittedEvent e : events) {
            JsonNode body = MAPPER.readTree(e.json()).get("body");
            assertThat(body.get("muted").asBoolean()).isFalse();
            assertThat(body.get("score").asDouble()).isEqualTo(body.get("old_score").asDouble());
        }
    }

    @Test
    void postingDoesNotMoveTheGradedSinceWatermark() {
        sim.control().postGrades(101, 415);

        api(sim).queryParam("student_ids[]", "all").queryParam("graded_since", "2026-11-28T00:00:00Z")
                .get("/api/v1/courses/101/students/submissions").then().statusCode(200).body("$", hasSize(0));
    }

    @Test
    void gradingAManuallyPostedAssignmentStaysHiddenUntilPosted() {
        Submission hidden = sim.control().gradeSubmission(101, 415, 5003, GradeChange.score(8));
        assertThat(hidden.postedAt()).isNull();

        List<Submission> posted = sim.control().postGrades(101, 415);
        assertThat(posted).extracting(Submission::userId).containsExactly(5001L, 5002L, 5003L);
        Submission after = sim.control().submission(101, 415, 5003).orElseThrow();
        assertThat(after.postedAt()).isNotNull();
        assertThat(after.gradedAt()).isEqualTo(hidden.gradedAt());
        assertThat(sim.control().postGrades(101, 415)).as("posting again changes nothing").isEmpty();
    }
}
