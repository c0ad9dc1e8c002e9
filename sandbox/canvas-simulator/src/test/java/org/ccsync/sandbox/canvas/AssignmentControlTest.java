package org.ccsync.sandbox.canvas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ccsync.sandbox.canvas.SimulatorFixture.api;
import static org.ccsync.sandbox.canvas.SimulatorFixture.control;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.path.json.JsonPath;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AssignmentControlTest {

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

    private static JsonNode lastEvent() throws Exception {
        return MAPPER.readTree(sim.control().events().get(sim.control().events().size() - 1).json());
    }

    @Test
    void updateChangesRestStateAndEmitsAssignmentUpdatedWithoutSisFields() throws Exception {
        control(sim).body("{\"name\": \"Cell Quiz\", \"due_at\": \"2026-11-21T23:59:00Z\", \"post_to_sis\": false}")
                .put("/sim/courses/101/assignments/401").then().statusCode(200).body("name", equalTo("Cell Quiz"));

        JsonPath rest = api(sim).get("/api/v1/courses/101/assignments/401").then().statusCode(200).extract()
                .jsonPath();
        assertThat(rest.getString("name")).isEqualTo("Cell Quiz");
        assertThat(rest.getBoolean("post_to_sis")).isFalse();
        assertThat(rest.getString("due_at")).isEqualTo("2026-11-21T23:59:00Z");
        assertThat(Instant.parse(rest.getString("updated_at"))).isAfter(Instant.parse("2026-11-28T00:00:00Z"));

        JsonNode event = lastEvent();
        assertThat(event.at("/metadata/event_name").asText()).isEqualTo("assignment_updated");
        JsonNode body = event.get("body");
        assertThat(body.get("assignment_id").asText()).isEqualTo("10000000000401");
        assertThat(body.get("context_id").asText()).isEqualTo("10000000000101");
        assertThat(body.get("assignment_group_id").asText()).isEqualTo("10000000000202");
        assertThat(body.get("title").asText()).isEqualTo("Cell Quiz");
        assertThat(body.get("due_at").asText()).isEqualTo("2026-11-21T23:59:00.000Z");
        assertThat(body.get("workflow_state").asText()).isEqualTo("published");
        assertThat(body.has("post_to_sis")).isFalse();
        assertThat(body.has("grading_type")).isFalse();
        assertThat(body.has("omit_from_final_grade")).isFalse();
    }

    @Test
    void createAddsAnAssignmentWithUnsubmittedWorkAndEmitsAssignmentCreated() throws Exception {
        int id = control(sim).body("{\"name\": \"Quiz 2\", \"points_possible\": 20, "
                + "\"due_at\": \"2026-12-01T23:59:00Z\", \"assignment_group_id\": 206}")
                .post("/sim/courses/102/assignments").then().statusCode(201).extract().path("id");

        assertThat(id).isEqualTo(432);
        api(sim).get("/api/v1/courses/102/assignments/" + id).then().statusCode(200)
                .body("post_to_sis", equalTo(true)).body("assignment_group_id", equalTo(206));
        JsonPath work = api(sim).queryParam("student_ids[]", "all").queryParam("assignment_ids[]", id)
                .get("/api/v1/courses/102/students/submissions").then().extract().jsonPath();
        assertThat(work.getList("user_id", Integer.class)).containsExactly(5007, 5008, 5009, 5010, 5011);
        assertThat(work.getList("workflow_state")).containsOnly("unsubmitted");
        assertThat(lastEvent().at("/metadata/event_name").asText()).isEqualTo("assignment_created");
        assertThat(lastEvent().at("/body/assignment_id").asText()).isEqualTo("10000000000432");
    }

    @Test
    void deleteHidesTheAssignmentAndEmitsDeletedState() throws Exception {
        control(sim).delete("/sim/courses/101/assignments/417").then().statusCode(200)
                .body("workflow_state", equalTo("deleted"));

        api(sim).get("/api/v1/courses/101/assignments/417").then().statusCode(404)
                .body("errors[0].message", equalTo("The specified resource does not exist."));
        api(sim).queryParam("per_page", 100).get("/api/v1/courses/101/assignments").then()
                .body("id", not(hasItem(417)));
        // Canvas refuses the whole request rather than answering with no submissions: a deleted assignment is not in
        // the published scope of SubmissionsApiController#for_students.
        api(sim).queryParam("student_ids[]", "all").queryParam("assignment_ids[]", 417)
                .get("/api/v1/courses/101/students/submissions").then().statusCode(403)
                .body("error", equalTo("invalid assignment ids requested"));
        assertThat(lastEvent().at("/metadata/event_name").asText()).isEqualTo("assignment_updated");
        assertThat(lastEvent().at("/body/workflow_state").asText()).isEqualTo("deleted");
        assertThat(sim.control().assignment(101, 417)).get().extracting(Assignment::workflowState)
                .isEqualTo("deleted");
    }

    @Test
    void controlErrorsAre404And400() {
        control(sim).body("{\"score\": 1}").post("/sim/courses/101/assignments/999/submissions/5001").then()
                .statusCode(404).body("errors[0].message", equalTo("The specified resource does not exist."));
        control(sim).body("{not json").post("/sim/courses/101/assignments/401/submissions/5001").then()
                .statusCode(400);
        control(sim).body("{\"assignment_group_id\": 205}").put("/sim/courses/101/assignments/401").then()
                .statusCode(400);
        assertThat(sim.control().events()).isEmpty();
    }

    @Test
    void resetReseedsAndClearsEventsAndStats() {
        sim.control().deleteAssignment(101, 417);
        sim.control().gradeSubmission(101, 401, 5001, GradeChange.score(1));
        api(sim).get("/api/v1/courses/101").then().statusCode(200);
        control(sim).get("/sim/stats").then().statusCode(200)
                .body("requests_by_endpoint.'GET /api/v1/courses/:course_id'", equalTo(1))
                .body("throttled_count", equalTo(0));

        control(sim).post("/sim/reset").then().statusCode(200);

        assertThat(sim.control().events()).isEmpty();
        assertThat(sim.control().stats().totalRequests()).isZero();
        api(sim).get("/api/v1/courses/101/assignments/417").then().statusCode(200);
        api(sim).get("/api/v1/courses/101/assignments/401/submissions/5001").then().body("score", equalTo(9.5f));
        control(sim).get("/sim/events").then().statusCode(200).body("$", org.hamcrest.Matchers.hasSize(0));
    }

    @Test
    void eventsEndpointListsEmittedEvents() {
        sim.control().gradeSubmission(101, 401, 5001, GradeChange.score(9));

        control(sim).get("/sim/events").then().statusCode(200)
                .body("event_name", org.hamcrest.Matchers.contains("grade_change", "submission_updated"))
                .body("[0].delivery", equalTo("NOT_SENT"))
                .body("[0].event.body.old_score", equalTo(9.5f))
                .body("[0].event.body.score", equalTo(9.0f));
    }
}
