package org.ccsync.sandbox.canvas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ccsync.sandbox.canvas.SimulatorFixture.api;
import static org.ccsync.sandbox.canvas.SimulatorFixture.control;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Renaming an assignment group: the groups read and assignment_group_updated. */
class AssignmentGroupTest {

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
    void renamingAGroupShowsInTheGroupsReadAndEmitsAssignmentGroupUpdatedWithLocalIds() {
        control(sim).body("{\"name\": \"Assessments\"}").put("/sim/courses/101/assignment_groups/202").then()
                .statusCode(200).body("name", equalTo("Assessments")).body("id", equalTo(202));

        assertThat(api(sim).get("/api/v1/courses/101/assignment_groups").then().statusCode(200).extract()
                .jsonPath().getList("name")).containsExactly("Homework", "Assessments", "Tests", "Labs");
        List<JsonNode> events = EventLog.since(sim, 0);
        assertThat(EventLog.names(events)).containsExactly("assignment_group_updated");
        JsonNode body = events.get(0).get("body");
        assertThat(body.get("assignment_group_id").asText()).isEqualTo("202");
        assertThat(body.get("context_id").asText()).isEqualTo("101");
        assertThat(body.get("context_type").asText()).isEqualTo("Course");
        assertThat(body.get("name").asText()).isEqualTo("Assessments");
        assertThat(body.get("position").asInt()).isEqualTo(2);
        assertThat(body.get("workflow_state").asText()).isEqualTo("available");
        assertThat(body.has("sis_source_id")).as("null fields are omitted").isFalse();
        assertThat(events.get(0).at("/metadata/context_id").asText()).isEqualTo("10000000000101");
    }

    @Test
    void aGroupOfAnotherCourseOrABlankNameIsRefused() {
        control(sim).body("{\"name\": \"X\"}").put("/sim/courses/101/assignment_groups/205").then().statusCode(404);
        control(sim).body("{\"name\": \" \"}").put("/sim/courses/101/assignment_groups/202").then().statusCode(400);
        assertThat(sim.control().events()).isEmpty();
    }
}
