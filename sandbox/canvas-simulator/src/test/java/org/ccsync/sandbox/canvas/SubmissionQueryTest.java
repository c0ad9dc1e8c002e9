package org.ccsync.sandbox.canvas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ccsync.sandbox.canvas.SimulatorFixture.api;
import static org.hamcrest.Matchers.equalTo;

import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SubmissionQueryTest {

    private static final String SUBMISSIONS = "/api/v1/courses/101/students/submissions";
    private static CanvasSimulator sim;

    @BeforeAll
    static void start() {
        sim = CanvasSimulator.start(CanvasSimulatorConfig.defaults());
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
    void gradedSinceKeepsOnlyStrictlyLaterGradedAtInGradedAtOrder() {
        JsonPath page = api(sim).queryParam("student_ids[]", "all").queryParam("graded_since", "2026-11-27T15:05:00Z")
                .queryParam("order", "graded_at").queryParam("per_page", 100).get(SUBMISSIONS)
                .then().statusCode(200).extract().jsonPath();

        assertThat(page.getList("assignment_id", Integer.class)).containsExactly(402, 402, 415, 415, 417, 417);
        assertThat(page.getList("user_id", Integer.class)).containsExactly(5001, 5004, 5001, 5002, 5001, 5005);
        assertThat(page.getList("graded_at", String.class)).first().isEqualTo("2026-11-27T15:06:00Z");
    }

    @Test
    void gradedSinceSeesANewGradeAndNothingOlder() {
        Submission graded = sim.control().gradeSubmission(101, 417, 5003, GradeChange.score(13.5));

        JsonPath page = api(sim).queryParam("student_ids[]", "all").queryParam("graded_since", "2026-11-28T00:00:00Z")
                .get(SUBMISSIONS).then().statusCode(200).extract().jsonPath();

        assertThat(page.getList("id", Long.class)).containsExactly(graded.id());
        assertThat(page.getFloat("[0].score")).isEqualTo(13.5f);
        assertThat(Instant.parse(page.getString("[0].graded_at"))).isEqualTo(graded.gradedAt());
    }

    @Test
    void postToSisFilterDropsSubmissionsOfUnflaggedAssignments() {
        List<Integer> all = assignmentIdsOnAllPages(api(sim).queryParam("student_ids[]", "all")
                .queryParam("per_page", 40).get(SUBMISSIONS));
        List<Integer> sis = assignmentIdsOnAllPages(api(sim).queryParam("student_ids[]", "all")
                .queryParam("post_to_sis", "true").queryParam("per_page", 40).get(SUBMISSIONS));

        // Only published assignments (SubmissionsApiController#for_students): 404 "Draft Essay" never appears.
        assertThat(all).hasSize(16 * 6).contains(403, 405).doesNotContain(404);
        assertThat(sis).hasSize(14 * 6).doesNotContain(403, 404, 405);
    }

    private static List<Integer> assignmentIdsOnAllPages(Response first) {
        List<Integer> ids = new ArrayList<>();
        Response page = first;
        for (int pages = 0; page != null && pages < 10; pages++) {
            ids.addAll(page.then().statusCode(200).extract().jsonPath().getList("assignment_id", Integer.class));
            String next = SimulatorFixture.links(page.header("Link")).get("next");
            page = next == null ? null : api(sim).urlEncodingEnabled(false).get(next);
        }
        return ids;
    }

    @Test
    void studentAndAssignmentFiltersAndEmbeddedAssignment() {
        JsonPath page = api(sim).queryParam("student_ids[]", "5003").queryParam("assignment_ids[]", "401")
                .queryParam("include[]", "assignment").get(SUBMISSIONS).then().statusCode(200).extract().jsonPath();

        assertThat(page.getList("id")).hasSize(1);
        assertThat(page.getInt("[0].assignment.id")).isEqualTo(401);
        assertThat(page.getBoolean("[0].assignment.post_to_sis")).isTrue();
        assertThat(page.getFloat("[0].entered_score")).isEqualTo(9.0f);
    }

    @Test
    void singleSubmissionBySisUserId() {
        api(sim).get("/api/v1/courses/101/assignments/401/submissions/sis_user_id:STU-5003")
                .then().statusCode(200)
                .body("user_id", equalTo(5003))
                .body("score", equalTo(8.0f))
                .body("entered_score", equalTo(9.0f))
                .body("points_deducted", equalTo(1.0f))
                .body("late", equalTo(true))
                .body("late_policy_status", equalTo("late"))
                .body("workflow_state", equalTo("graded"));
        api(sim).get("/api/v1/courses/101/assignments/401/submissions/5002")
                .then().statusCode(200).body("excused", equalTo(true)).body("score", equalTo(null));
        api(sim).get("/api/v1/courses/102/assignments/421/submissions/sis_user_id:STU-5009")
                .then().statusCode(404).body("errors[0].message", equalTo("The specified resource does not exist."));
    }
}
