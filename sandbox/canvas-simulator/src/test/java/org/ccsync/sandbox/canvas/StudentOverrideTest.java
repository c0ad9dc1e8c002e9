package org.ccsync.sandbox.canvas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ccsync.sandbox.canvas.SimulatorFixture.api;
import static org.ccsync.sandbox.canvas.SimulatorFixture.control;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import io.restassured.path.json.JsonPath;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** ADHOC (per-student) overrides: REST overrides and visibility, override events, due dates that follow. */
class StudentOverrideTest {

    private static final String HOMEWORK_3 = "/api/v1/courses/101/assignments/407";
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

    private static JsonPath homework3() {
        return api(sim).queryParam("include[]", "overrides").get(HOMEWORK_3).then().statusCode(200).extract()
                .jsonPath();
    }

    @Test
    void addingAStudentOverrideShowsInRestAndEmitsAssignmentOverrideCreated() {
        Instant updatedBefore = Instant.parse(homework3().getString("updated_at"));

        int id = control(sim).body("{\"student_ids\": [5003, 5004], \"due_at\": \"2026-12-04T23:59:00Z\"}")
                .post("/sim/courses/101/assignments/407/overrides").then().statusCode(201)
                .body("student_ids", contains(5003, 5004)).extract().path("id");

        assertThat(id).isEqualTo(506);
        JsonPath rest = homework3();
        assertThat(rest.getBoolean("has_overrides")).isTrue();
        assertThat(rest.getBoolean("only_visible_to_overrides")).isFalse();
        assertThat(rest.getList("overrides.id", Integer.class)).containsExactly(506);
        assertThat(rest.getList("overrides[0].student_ids", Integer.class)).containsExactly(5003, 5004);
        assertThat(rest.getString("overrides[0].due_at")).isEqualTo("2026-12-04T23:59:00Z");
        assertThat(rest.getString("overrides[0].title")).isEqualTo("2 students");
        assertThat(Instant.parse(rest.getString("updated_at"))).isAfter(updatedBefore);
        api(sim).get("/api/v1/courses/101/assignments/407/submissions/5003").then()
                .body("cached_due_date", equalTo("2026-12-04T23:59:00Z"));

        List<JsonNode> events = EventLog.since(sim, 0);
        assertThat(EventLog.names(events)).as("touching the assignment emits nothing")
                .containsExactly("assignment_override_created");
        JsonNode body = events.get(0).get("body");
        assertThat(body.get("assignment_override_id").asText()).isEqualTo("506");
        assertThat(body.get("assignment_id").asText()).as("override events carry local ids").isEqualTo("407");
        assertThat(body.get("type").asText()).isEqualTo("ADHOC");
        assertThat(body.get("due_at").asText()).isEqualTo("2026-12-04T23:59:00.000Z");
        assertThat(body.get("all_day_date").asText()).isEqualTo("2026-12-04");
        assertThat(body.get("workflow_state").asText()).isEqualTo("active");
        assertThat(body.has("student_ids")).as("ADHOC student lists are not in the event").isFalse();
        assertThat(body.has("course_section_id")).isFalse();
        assertThat(events.get(0).at("/metadata/context_id").asText()).isEqualTo("10000000000101");
    }

    @Test
    void onlyVisibleToOverridesIsAnAssignmentUpdate() {
        sim.control().addStudentOverride(101, 407, List.of(5002L), Instant.parse("2026-12-04T23:59:00Z"));

        control(sim).body("{\"only_visible_to_overrides\": true}").put("/sim/courses/101/assignments/407").then()
                .statusCode(200).body("only_visible_to_overrides", equalTo(true));

        assertThat(homework3().getBoolean("only_visible_to_overrides")).isTrue();
        assertThat(EventLog.names(EventLog.since(sim, 0)))
                .containsExactly("assignment_override_created", "assignment_updated");
        // Only the student the override names has a due date now; the others are not assigned it.
        assertThat(sim.control().submission(101, 407, 5002).orElseThrow().cachedDueDate())
                .isEqualTo(Instant.parse("2026-12-04T23:59:00Z"));
        assertThat(sim.control().submission(101, 407, 5001).orElseThrow().cachedDueDate()).isNull();
    }

    @Test
    void removingAnOverrideEmitsItsDeletedStateAndLeavesVisibilityAlone() {
        AssignmentOverride created = sim.control().addStudentOverride(101, 407, List.of(5001L),
                Instant.parse("2026-12-04T23:59:00Z"));
        sim.control().updateAssignment(101, 407, AssignmentPatch.none().withOnlyVisibleToOverrides(true));

        control(sim).delete("/sim/courses/101/assignments/407/overrides/" + created.id()).then().statusCode(200)
                .body("has_overrides", equalTo(false));

        JsonPath rest = homework3();
        assertThat(rest.getList("overrides")).isEmpty();
        assertThat(rest.getBoolean("only_visible_to_overrides")).isTrue();
        List<JsonNode> events = EventLog.since(sim, 2);
        assertThat(EventLog.names(events)).containsExactly("assignment_override_updated");
        assertThat(events.get(0).at("/body/workflow_state").asText()).isEqualTo("deleted");
        assertThat(events.get(0).at("/body/assignment_override_id").asText())
                .isEqualTo(Long.toString(created.id()));
        control(sim).delete("/sim/courses/101/assignments/407/overrides/" + created.id()).then().statusCode(404);
        assertThat(sim.control().addStudentOverride(101, 407, List.of(5001L), null).id())
                .as("override ids are never reused").isEqualTo(created.id() + 1);
    }

    @Test
    void anOverrideWithoutItsOwnDueDateHasNoDateFieldsAndStrangersAreRefused() {
        sim.control().addStudentOverride(101, 407, List.of(5001L), null);

        Map<String, Object> override = homework3().getMap("overrides[0]");
        assertThat(override).containsEntry("student_ids", List.of(5001)).doesNotContainKeys("due_at", "all_day",
                "all_day_date");
        assertThat(EventLog.since(sim, 0).get(0).get("body").has("due_at")).isFalse();

        control(sim).body("{\"student_ids\": [5007], \"due_at\": \"2026-12-04T23:59:00Z\"}")
                .post("/sim/courses/101/assignments/407/overrides").then().statusCode(400);
        control(sim).body("{\"due_at\": \"2026-12-04T23:59:00Z\"}")
                .post("/sim/courses/101/assignments/407/overrides").then().statusCode(400);
        assertThat(sim.control().events()).hasSize(1);
    }
}
