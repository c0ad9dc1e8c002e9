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

/** Deactivating and concluding enrollments: enrollment_updated, and the enrollments read's state[] filter. */
class EnrollmentStateTest {

    private static final String ENROLLMENTS = "/api/v1/courses/101/enrollments";
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

    private static JsonPath students(String... states) {
        var request = api(sim).queryParam("type[]", "StudentEnrollment");
        for (String state : states) {
            request = request.queryParam("state[]", state);
        }
        return request.get(ENROLLMENTS).then().statusCode(200).extract().jsonPath();
    }

    @Test
    void inactiveAndCompletedEnrollmentsAreReadOnlyWhenTheirStateIsRequested() {
        control(sim).body("{\"state\": \"inactive\"}").put("/sim/courses/101/users/5002/enrollment_state").then()
                .statusCode(200).body("[0].enrollment_state", equalTo("inactive"));
        sim.control().setEnrollmentState(101, 5003, "completed");

        assertThat(students().getList("user_id", Integer.class)).as("Canvas's default is active and invited")
                .containsExactly(5001, 5004, 5005, 5006);
        JsonPath all = students("active", "invited", "inactive", "completed");
        assertThat(all.getList("user_id", Integer.class)).containsExactly(5001, 5002, 5003, 5004, 5005, 5006);
        assertThat(all.getString("find { it.user_id == 5002 }.enrollment_state")).isEqualTo("inactive");
        assertThat(all.getString("find { it.user_id == 5003 }.enrollment_state")).isEqualTo("completed");
        assertThat(students("completed").getList("user_id", Integer.class)).containsExactly(5003);
        // Their work stays in the submissions read (Canvas reads all_student_enrollments).
        api(sim).queryParam("student_ids[]", "all").queryParam("assignment_ids[]", 401)
                .get("/api/v1/courses/101/students/submissions").then().statusCode(200)
                .body("find { it.user_id == 5003 }.score", equalTo(8.0f));

        List<JsonNode> events = EventLog.since(sim, 0);
        assertThat(EventLog.names(events)).containsExactly("enrollment_updated", "enrollment_updated");
        JsonNode body = events.get(0).get("body");
        assertThat(body.get("enrollment_id").asText()).isEqualTo("10000000007002");
        assertThat(body.get("course_id").asText()).isEqualTo("10000000000101");
        assertThat(body.get("user_id").asText()).isEqualTo("10000000005002");
        assertThat(body.get("course_section_id").asText()).isEqualTo("10000000001001");
        assertThat(body.get("type").asText()).isEqualTo("StudentEnrollment");
        assertThat(body.get("user_name").asText()).isEqualTo("Student 5002");
        assertThat(body.get("workflow_state").asText()).isEqualTo("inactive");
        assertThat(events.get(1).at("/body/workflow_state").asText()).isEqualTo("completed");
    }

    @Test
    void reactivatingBringsTheStudentBackAndATeacherCanBeConcludedInEachSection() {
        sim.control().setEnrollmentState(101, 5002, "inactive");
        sim.control().setEnrollmentState(101, 5002, "active");
        assertThat(students().getList("user_id", Integer.class)).contains(5002);
        assertThat(sim.control().setEnrollmentState(101, 5002, "active")).as("unchanged: no event").hasSize(1);
        assertThat(EventLog.names(EventLog.since(sim, 0))).hasSize(2);

        List<Enrollment> teacher = sim.control().setEnrollmentState(101, DemoDistrict.FRIZZLE, "completed");

        assertThat(teacher).extracting(Enrollment::sectionId).containsExactly(1001L, 1002L);
        assertThat(api(sim).queryParam("type[]", "TeacherEnrollment").get(ENROLLMENTS).then().statusCode(200)
                .extract().jsonPath().getList("$")).isEmpty();
        assertThat(EventLog.names(EventLog.since(sim, 2))).containsExactly("enrollment_updated",
                "enrollment_updated");
    }

    @Test
    void unknownStatesAndUsersAreRefused() {
        control(sim).body("{\"state\": \"invited\"}").put("/sim/courses/101/users/5002/enrollment_state").then()
                .statusCode(400);
        control(sim).body("{\"state\": \"inactive\"}").put("/sim/courses/101/users/5007/enrollment_state").then()
                .statusCode(404);
        assertThat(sim.control().events()).isEmpty();
    }
}
