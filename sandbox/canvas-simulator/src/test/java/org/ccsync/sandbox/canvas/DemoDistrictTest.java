package org.ccsync.sandbox.canvas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ccsync.sandbox.canvas.SimulatorFixture.api;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DemoDistrictTest {

    private static CanvasSimulator sim;

    @BeforeAll
    static void start() {
        sim = CanvasSimulator.start(CanvasSimulatorConfig.defaults());
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    private static JsonPath get(String path) {
        return api(sim).queryParam("per_page", 100).get(path).then().statusCode(200).extract().jsonPath();
    }

    private static Map<String, Object> assignment(long id) {
        return api(sim).queryParam("include[]", "overrides").get("/api/v1/courses/101/assignments/" + id)
                .then().statusCode(200).extract().jsonPath().getMap("");
    }

    @Test
    void coursesSectionsAndPublishedState() {
        JsonPath courses = get("/api/v1/accounts/1/courses");
        assertThat(courses.getList("sis_course_id")).containsExactly("BIO1-2026", "ALG1-2026", "WH-2026");
        assertThat(courses.getList("workflow_state")).containsExactly("available", "available", "unpublished");

        JsonPath sections = get("/api/v1/courses/102/sections");
        assertThat(sections.getList("id", Integer.class)).containsExactly(1003, 1004);
        assertThat(sections.getList("sis_section_id")).containsExactly("SEC-ALG1-P3", null);
        assertThat(sections.getList("nonxlist_course_id")).containsExactly(null, null);
    }

    @Test
    void enrollmentsCarrySisIdsExceptStudent5009() {
        JsonPath students = api(sim).queryParam("type[]", "StudentEnrollment").get("/api/v1/courses/102/enrollments")
                .then().statusCode(200).extract().jsonPath();
        assertThat(students.getList("user_id", Integer.class)).containsExactlyInAnyOrder(5007, 5008, 5009, 5011, 5010);
        assertThat(students.getString("find { it.user_id == 5009 }.sis_user_id")).isNull();
        assertThat(students.getString("find { it.user_id == 5010 }.sis_section_id")).isNull();
        assertThat(students.getString("find { it.user_id == 5007 }.user.sis_user_id")).isEqualTo("STU-5007");
        assertThat(students.getList("enrollment_state")).containsOnly("active");

        JsonPath teachers = api(sim).queryParam("type[]", "TeacherEnrollment").get("/api/v1/courses/101/enrollments")
                .then().statusCode(200).extract().jsonPath();
        assertThat(teachers.getList("course_section_id", Integer.class)).containsExactly(1001, 1002);
        assertThat(teachers.getList("user.login_id")).containsOnly("frizzle@demo.k12.example");
    }

    @Test
    void assignmentGroupsAndGradingPeriods() {
        assertThat(get("/api/v1/courses/101/assignment_groups").getList("name"))
                .containsExactly("Homework", "Quizzes", "Tests", "Labs");
        JsonPath periods = get("/api/v1/courses/101/grading_periods");
        assertThat(periods.getList("grading_periods.id", Integer.class)).containsExactly(301, 302, 303, 304);
        assertThat(periods.getString("grading_periods[1].start_date")).isEqualTo("2026-11-02T00:00:00Z");
        assertThat(periods.getString("grading_periods[1].end_date")).isEqualTo("2027-01-22T23:59:59Z");
        assertThat(periods.getBoolean("grading_periods[0].is_closed")).isTrue();
        assertThat(periods.getBoolean("grading_periods[3].is_closed")).isFalse();
    }

    @Test
    void ruleCaseAssignmentsAreSeeded() {
        assertThat(assignment(401)).containsEntry("due_at", "2026-11-20T23:59:00Z").containsEntry("post_to_sis", true)
                .containsEntry("published", true).containsEntry("has_overrides", false);
        Map<String, Object> lab = assignment(402);
        assertThat(lab).containsEntry("due_at", null).containsEntry("has_overrides", true);
        assertThat((List<?>) lab.get("overrides")).hasSize(2);
        assertThat(assignment(403)).containsEntry("post_to_sis", false);
        assertThat(assignment(404)).containsEntry("published", false).containsEntry("workflow_state", "unpublished");
        assertThat(assignment(405)).containsEntry("grading_type", "not_graded").containsEntry("post_to_sis", false)
                .containsEntry("points_possible", null);
        assertThat(assignment(406)).containsEntry("omit_from_final_grade", true);
        assertThat(assignment(407)).containsEntry("due_at", null).containsEntry("has_overrides", false);
        assertThat(assignment(408)).containsEntry("only_visible_to_overrides", true);
        assertThat(((String) assignment(411).get("name")).length()).isGreaterThan(30);
        assertThat(assignment(412).get("name")).isEqualTo(assignment(413).get("name"));
        assertThat(assignment(414)).containsEntry("due_at", "2026-07-15T23:59:00Z");
        assertThat(assignment(415)).containsEntry("post_manually", true);
        assertThat(assignment(416)).containsEntry("points_possible", 0.0f);
    }

    @Test
    void overridesHaveTheirKinds() {
        String path = "/api/v1/courses/101/assignments/{id}";
        api(sim).queryParam("include[]", "overrides").get(path, 402).then()
                .body("overrides.course_section_id", contains(1001, 1002))
                .body("overrides.due_at", contains("2026-11-18T23:59:00Z", "2026-11-19T23:59:00Z"));
        api(sim).queryParam("include[]", "overrides").get(path, 408).then()
                .body("overrides[0].student_ids", contains(5002))
                .body("overrides[0].due_at", equalTo("2026-11-24T23:59:00Z"));
        api(sim).queryParam("include[]", "overrides").get(path, 409).then()
                .body("overrides[0].group_id", equalTo(601))
                .body("overrides[0].due_at", equalTo("2026-11-26T23:59:00Z"));
        api(sim).queryParam("include[]", "overrides").get(path, 410).then()
                .body("overrides[0].noop_id", equalTo(1))
                .body("overrides[0].title", equalTo("Mastery Paths"));
        api(sim).get(path, 402).then().body("overrides", nullValue());
    }

    @Test
    void seededSubmissionsMatchTheBrief() {
        JsonPath quiz = api(sim).queryParam("assignment_ids[]", 401).queryParam("student_ids[]", "all")
                .get("/api/v1/courses/101/students/submissions").then().statusCode(200).extract().jsonPath();
        assertThat(quiz.getList("user_id", Integer.class)).containsExactly(5001, 5002, 5003, 5004, 5005, 5006);
        assertThat(quiz.getList("score", Float.class)).containsExactly(9.5f, null, 8.0f, 0.0f, 10.0f, 7.0f);
        assertThat(quiz.getList("excused", Boolean.class)).containsExactly(false, true, false, false, false, false);
        assertThat(quiz.getList("missing", Boolean.class)).containsExactly(false, false, false, true, false, false);
        assertThat(quiz.getList("graded_at")).containsExactly("2026-11-27T15:00:00Z", "2026-11-27T15:01:00Z",
                "2026-11-27T15:02:00Z", "2026-11-27T15:03:00Z", "2026-11-27T15:04:00Z", "2026-11-27T15:05:00Z");

        JsonPath hidden = api(sim).queryParam("assignment_ids[]", 415).queryParam("student_ids[]", "all")
                .get("/api/v1/courses/101/students/submissions").then().extract().jsonPath();
        assertThat(hidden.getList("findAll { it.workflow_state == 'graded' }.posted_at")).containsExactly(null, null);
        assertThat(hidden.getList("findAll { it.workflow_state == 'graded' }.score", Float.class))
                .containsExactly(6.0f, 9.0f);
        assertThat(hidden.getList("findAll { it.workflow_state == 'unsubmitted' }.user_id", Integer.class))
                .containsExactly(5003, 5004, 5005, 5006);

        api(sim).get("/api/v1/courses/103/assignments/431/submissions/5001").then().statusCode(200)
                .body("score", equalTo(8.0f)).body("posted_at", equalTo("2026-11-27T15:19:00Z"));
        api(sim).get("/api/v1/courses/102/assignments/422/submissions/5009").then().statusCode(200)
                .body("workflow_state", equalTo("unsubmitted")).body("score", nullValue())
                .body("graded_at", nullValue());
    }
}
