package org.ccsync.sandbox.canvas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ccsync.sandbox.canvas.SimulatorFixture.api;
import static org.ccsync.sandbox.canvas.SimulatorFixture.control;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import io.restassured.path.json.JsonPath;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Concluding, unpublishing and publishing a course: REST course state and course_updated. */
class CourseStateTest {

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

    private static JsonPath course(long id, boolean includeConcluded) {
        return (includeConcluded ? api(sim).queryParam("include[]", "concluded") : api(sim))
                .get("/api/v1/courses/" + id).then().statusCode(200).extract().jsonPath();
    }

    @Test
    void concludingCompletesTheCourseKeepsItsAssignmentsPublishedAndEmitsCourseUpdated() {
        assertThat(course(101, true).getBoolean("concluded")).isFalse();

        control(sim).post("/sim/courses/101/conclude").then().statusCode(200)
                .body("workflow_state", equalTo("completed")).body("concluded", equalTo(true));

        JsonPath rest = course(101, true);
        assertThat(rest.getString("workflow_state")).isEqualTo("completed");
        assertThat(rest.getBoolean("concluded")).isTrue();
        assertThat(course(101, false).getMap("")).doesNotContainKey("concluded");
        JsonPath assignments = api(sim).queryParam("per_page", 100).get("/api/v1/courses/101/assignments").then()
                .statusCode(200).extract().jsonPath();
        assertThat(assignments.getList("findAll { it.id != 404 }.published", Boolean.class)).containsOnly(true);

        List<JsonNode> events = EventLog.since(sim, 0);
        assertThat(EventLog.names(events)).containsExactly("course_updated");
        JsonNode event = events.get(0);
        assertThat(event.at("/metadata/context_type").asText()).isEqualTo("Course");
        assertThat(event.at("/metadata/context_id").asText()).isEqualTo("10000000000101");
        JsonNode body = event.get("body");
        assertThat(body.get("course_id").asText()).isEqualTo("10000000000101");
        assertThat(body.get("account_id").asText()).isEqualTo("10000000000001");
        assertThat(body.get("workflow_state").asText()).isEqualTo("completed");
        assertThat(body.get("name").asText()).isEqualTo("Biology 1");
        assertThat(body.get("uuid").asText()).hasSize(40);
        assertThat(body.get("updated_at").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");

        sim.control().publishCourse(101);
        assertThat(course(101, true).getString("workflow_state")).isEqualTo("available");
        assertThat(course(101, true).getBoolean("concluded")).isFalse();
        assertThat(EventLog.since(sim, 1).get(0).at("/body/workflow_state").asText()).isEqualTo("available");
    }

    @Test
    void aCourseWithScoresCannotBeUnpublishedLikeInCanvas() {
        control(sim).post("/sim/courses/101/unpublish").then().statusCode(400)
                .body("errors[0].message", equalTo("Course cannot be unpublished if student submissions exist."));

        assertThat(course(101, false).getString("workflow_state")).isEqualTo("available");
        assertThat(sim.control().events()).isEmpty();
    }

    @Test
    void unpublishingShowsUnpublishedOverRestAndClaimedInTheEvent() {
        // World History starts unpublished; its one score must go before it can be unpublished again.
        assertThat(course(103, false).getString("workflow_state")).isEqualTo("unpublished");
        sim.control().publishCourse(103);
        assertThat(course(103, false).getString("workflow_state")).isEqualTo("available");
        sim.control().clearGrade(103, 431, 5001);

        Course unpublished = sim.control().unpublishCourse(103);

        assertThat(unpublished.workflowState()).isEqualTo("claimed");
        assertThat(course(103, true).getString("workflow_state")).isEqualTo("unpublished");
        assertThat(course(103, true).getBoolean("concluded")).isFalse();
        List<JsonNode> events = EventLog.since(sim, 0);
        assertThat(EventLog.names(events)).containsExactly("course_updated", "grade_change", "submission_updated",
                "course_updated");
        assertThat(events.get(0).at("/body/workflow_state").asText()).isEqualTo("available");
        assertThat(events.get(3).at("/body/workflow_state").asText()).isEqualTo("claimed");
        api(sim).queryParam("include[]", "concluded").get("/api/v1/accounts/1/courses").then().statusCode(200)
                .body("find { it.id == 103 }.workflow_state", equalTo("unpublished"))
                .body("find { it.id == 101 }.concluded", equalTo(false));
    }
}
