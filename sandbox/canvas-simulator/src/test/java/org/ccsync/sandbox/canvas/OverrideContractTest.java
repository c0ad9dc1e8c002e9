package org.ccsync.sandbox.canvas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ccsync.sandbox.canvas.SimulatorFixture.api;
import static org.ccsync.sandbox.canvas.SimulatorFixture.control;
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

/**
 * Pins overrides to Canvas's own code: their REST JSON ({@code lib/api/v1/assignment_override.rb},
 * {@code assignment_override_json}), their Live Events ({@code lib/canvas/live_events.rb},
 * {@code get_assignment_override_data}; {@code doc/api/data_services/json/canvas/event-types/
 * assignment_override_created.json}) and the due dates they give ({@code AssignmentOverrideApplicator}).
 */
class OverrideContractTest {

    private static final Instant CELL_QUIZ_DUE = Instant.parse("2026-11-20T23:59:00Z");
    private static final Instant UNLOCK = Instant.parse("2026-11-16T08:00:00Z");
    private static final Instant LOCK = Instant.parse("2026-12-20T23:59:00Z");
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

    private static JsonPath withOverrides(long assignmentId) {
        return api(sim).queryParam("include[]", "overrides").get("/api/v1/courses/101/assignments/" + assignmentId)
                .then().statusCode(200).extract().jsonPath();
    }

    /**
     * assignment_override_json: due_at, all_day and all_day_date only "if override.due_at_overridden"; an override
     * that only sets availability dates leaves the section the assignment's own due date.
     */
    @Test
    void anOverrideOfOnlyTheAvailabilityDatesHasNoDueAtAndKeepsTheBaseDueDate() {
        control(sim).body("{\"course_section_id\": 1002, \"unlock_at\": \"2026-11-16T08:00:00Z\", "
                + "\"lock_at\": \"2026-12-20T23:59:00Z\"}")
                .post("/sim/courses/101/assignments/401/section_overrides").then().statusCode(201);

        Map<String, Object> override = withOverrides(401).getMap("overrides[0]");
        assertThat(override).doesNotContainKeys("due_at", "all_day", "all_day_date")
                .containsEntry("course_section_id", 1002).containsEntry("unassign_item", false)
                .containsEntry("unlock_at", "2026-11-16T08:00:00Z").containsEntry("lock_at", "2026-12-20T23:59:00Z");
        assertThat(sim.control().submission(101, 401, 5004).orElseThrow().cachedDueDate()).isEqualTo(CELL_QUIZ_DUE);

        JsonNode event = EventLog.since(sim, 0).get(0);
        assertThat(event.at("/metadata/event_name").asText()).isEqualTo("assignment_override_created");
        assertThat(event.get("body").has("due_at")).isFalse();
        assertThat(event.at("/body/unlock_at").asText()).isEqualTo("2026-11-16T08:00:00.000Z");
        assertThat(event.at("/body/course_section_id").asText()).isEqualTo("1002");
        assertThat(event.at("/body/type").asText()).isEqualTo("CourseSection");
    }

    /** Overriding the due date to none is a due_at of null, not a missing key: the section has no due date. */
    @Test
    void anOverrideToNoDueDateHasANullDueAt() {
        AssignmentOverride created = sim.control().addSectionOverride(101, 401, 1002, OverrideDates.due(null));

        Map<String, Object> override = withOverrides(401).getMap("overrides[0]");
        assertThat(override).containsKeys("due_at", "all_day", "all_day_date").containsEntry("due_at", null);
        assertThat(sim.control().submission(101, 401, 5004).orElseThrow().cachedDueDate()).isNull();

        sim.control().updateOverride(101, 401, created.id(), OverrideDates.availability(UNLOCK, LOCK));
        assertThat(withOverrides(401).getMap("overrides[0]")).doesNotContainKey("due_at");
        assertThat(sim.control().submission(101, 401, 5004).orElseThrow().cachedDueDate()).isEqualTo(CELL_QUIZ_DUE);
        assertThat(EventLog.names(EventLog.since(sim, 0)))
                .containsExactly("assignment_override_created", "assignment_override_updated");
    }

    /** Newer Canvas's unassign_item: the section is explicitly left out of the assignment. */
    @Test
    void unassignItemTakesTheSectionOffTheAssignment() {
        control(sim).body("{\"course_section_id\": 1002}").post("/sim/courses/101/assignments/417/unassign")
                .then().statusCode(201).body("unassign_item", equalTo(true)).body("course_section_id", equalTo(1002));

        assertThat(withOverrides(417).getMap("overrides[0]")).containsEntry("unassign_item", true)
                .doesNotContainKey("due_at");
        assertThat(sim.control().submission(101, 417, 5004).orElseThrow().cachedDueDate()).isNull();
        assertThat(sim.control().submission(101, 417, 5001).orElseThrow().cachedDueDate())
                .isEqualTo(Instant.parse("2026-11-25T23:59:00Z"));
    }

    /**
     * A module's "assign to" is an override of the module (context_module_id, no assignment, no dates), inherited by
     * its assignments: they are visible only to the sections it names, with their own due date.
     */
    @Test
    void moduleOverridesAreInheritedByTheModulesAssignments() {
        ContextModule unit = sim.control().createModule(101, "Unit 3", List.of(417L));
        int id = control(sim).body("{\"course_section_id\": 1001}")
                .post("/sim/courses/101/modules/" + unit.id() + "/assign").then().statusCode(201)
                .body("context_module_id", equalTo((int) unit.id())).extract().path("id");

        JsonPath homework4 = withOverrides(417);
        assertThat(homework4.getList("overrides.id", Integer.class)).containsExactly(id);
        assertThat(homework4.getMap("overrides[0]")).containsEntry("assignment_id", null)
                .containsEntry("context_module_name", "Unit 3").containsEntry("course_section_id", 1001)
                .doesNotContainKey("due_at");
        assertThat(homework4.getBoolean("has_overrides")).as("the assignment has none of its own").isFalse();
        assertThat(sim.control().submission(101, 417, 5001).orElseThrow().cachedDueDate())
                .isEqualTo(Instant.parse("2026-11-25T23:59:00Z"));
        assertThat(sim.control().submission(101, 417, 5004).orElseThrow().cachedDueDate()).isNull();

        JsonNode event = EventLog.since(sim, 0).get(0);
        assertThat(event.at("/metadata/event_name").asText()).isEqualTo("assignment_override_created");
        assertThat(event.get("body").has("assignment_id")).as("a module's override names no assignment").isFalse();
        assertThat(event.at("/body/course_section_id").asText()).isEqualTo("1001");
    }

    /**
     * Events raised by a background job (content migration, blueprint sync, SIS import) carry no Course context
     * (LiveEvents' context is the request's): an override event names only its assignment and set. Submission and
     * grade events amend the context with their course (amended_context), so they keep it.
     */
    @Test
    void aBackgroundJobsOverrideEventNamesNoCourse() {
        sim.control().asBackgroundJob("ContentMigration#import",
                () -> sim.control().addSectionOverride(101, 401, 1002, OverrideDates.due(LOCK)));
        sim.control().asBackgroundJob("Assignment#apply_late_policy",
                () -> sim.control().gradeSubmission(101, 417, 5002, GradeChange.score(12)));

        List<JsonNode> events = EventLog.since(sim, 0);
        JsonNode override = events.get(0);
        assertThat(override.at("/metadata/event_name").asText()).isEqualTo("assignment_override_created");
        assertThat(override.get("metadata").has("context_type")).isFalse();
        assertThat(override.get("metadata").has("context_id")).isFalse();
        assertThat(override.at("/metadata/job_tag").asText()).isEqualTo("ContentMigration#import");
        assertThat(override.at("/metadata/job_id").asText()).isNotBlank();
        assertThat(override.at("/body/assignment_id").asText()).isEqualTo("401");
        assertThat(override.at("/body/due_at").asText()).isEqualTo("2026-12-20T23:59:00.000Z");
        JsonNode grade = events.stream().filter(e -> "grade_change".equals(e.at("/metadata/event_name").asText()))
                .findFirst().orElseThrow();
        assertThat(grade.at("/metadata/context_type").asText()).isEqualTo("Course");
        assertThat(grade.at("/metadata/context_id").asText()).isEqualTo("10000000000101");
        assertThat(grade.at("/metadata/job_tag").asText()).isEqualTo("Assignment#apply_late_policy");
    }
}
