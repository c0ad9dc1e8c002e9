package org.ccsync.sandbox.canvas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ccsync.sandbox.canvas.SimulatorFixture.api;
import static org.ccsync.sandbox.canvas.SimulatorFixture.links;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Pins {@code GET /courses/:id/students/submissions} to what Canvas's own code answers
 * ({@code app/controllers/submissions_api_controller.rb}, {@code for_students}; {@code Submission::Tardiness}), so
 * the simulator cannot drift back to the leniency the sync was first written against.
 */
class StudentsSubmissionsContractTest {

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

    /** for_students: assignment_scope is the course's published assignments; any other requested id is a 403. */
    @Test
    void oneUnpublishedAssignmentAmongTheRequestedFailsTheWholeRequest() {
        api(sim).queryParam("student_ids[]", "all").queryParam("assignment_ids[]", 401)
                .queryParam("assignment_ids[]", 404).get(SUBMISSIONS)
                .then().statusCode(403).body("error", equalTo("invalid assignment ids requested"));
        api(sim).queryParam("student_ids[]", "all").queryParam("assignment_ids[]", 401)
                .queryParam("assignment_ids[]", 999).get(SUBMISSIONS).then().statusCode(403);

        Assignment draft = sim.control().createAssignment(101, NewAssignment.named("Draft Lab", 10)
                .withPublished(false));
        api(sim).queryParam("student_ids[]", "all").queryParam("assignment_ids[]", 401)
                .queryParam("assignment_ids[]", draft.id()).get(SUBMISSIONS)
                .then().statusCode(403).body("error", equalTo("invalid assignment ids requested"));

        api(sim).queryParam("student_ids[]", "all").queryParam("assignment_ids[]", 401).get(SUBMISSIONS)
                .then().statusCode(200).body("$", hasSize(6));
        // With no assignment_ids[], the unpublished ones are simply not listed.
        List<Integer> all = api(sim).queryParam("student_ids[]", "all").queryParam("per_page", 100).get(SUBMISSIONS)
                .then().statusCode(200).extract().jsonPath().getList("assignment_id", Integer.class);
        assertThat(all).doesNotContain(404, (int) draft.id()).contains(401);
    }

    /** for_students: "If this argument is omitted, return submissions for the calling user." */
    @Test
    void withoutStudentIdsOnlyTheCallersOwnSubmissionsAreListed() {
        api(sim).queryParam("assignment_ids[]", 401).get(SUBMISSIONS).then().statusCode(200).body("$", hasSize(0));
        api(sim).queryParam("student_ids[]", 5003).queryParam("assignment_ids[]", 401).get(SUBMISSIONS)
                .then().statusCode(200).body("user_id", equalTo(List.of(5003)));
        // A student of another course is not visible to the caller here: render_unauthorized_action.
        api(sim).queryParam("student_ids[]", 5007).get(SUBMISSIONS).then().statusCode(401)
                .body("status", equalTo("unauthorized"));
    }

    /** for_students: graded_since must match Api::ISO8601_REGEX, else 400 "Invalid datetime for graded_since". */
    @Test
    void gradedSinceThatIsNotAnIso8601DateTimeIsRefused() {
        for (String bad : List.of("2026-11-27", "yesterday", "2026-11-27 15:05:00", "2026-11-27T15:05:00+0000")) {
            api(sim).queryParam("student_ids[]", "all").queryParam("graded_since", bad).get(SUBMISSIONS)
                    .then().statusCode(400).body("errors.graded_since", equalTo("Invalid datetime for graded_since"));
        }
        // An unencoded '+' arrives as a space, which no longer matches.
        api(sim).urlEncodingEnabled(false).queryParam("student_ids[]", "all")
                .queryParam("graded_since", "2026-11-27T15:05:00+00:00").get(SUBMISSIONS).then().statusCode(400);
        for (String good : List.of("2026-11-27T15:05:00Z", "2026-11-27T15:05:00.123Z", "2026-11-27T09:05:00-06:00",
                "2026-11-27T15:05:00")) {
            api(sim).queryParam("student_ids[]", "all").queryParam("graded_since", good).get(SUBMISSIONS)
                    .then().statusCode(200);
        }
    }

    /**
     * for_students wraps order=graded_at (and the default order=id) ascending in a BookmarkedCollection: the next
     * page is an opaque bookmark after the last item, there is no "last" page, and a page number is not a bookmark.
     */
    @Test
    void orderByGradedAtPagesWithOpaqueBookmarks() {
        JsonPath whole = api(sim).queryParam("student_ids[]", "all").queryParam("order", "graded_at")
                .queryParam("graded_since", "2026-11-27T15:00:00Z").queryParam("per_page", 100).get(SUBMISSIONS)
                .then().statusCode(200).extract().jsonPath();
        List<Long> expected = whole.getList("id", Long.class);
        assertThat(expected).hasSizeGreaterThan(8);

        Response page = api(sim).queryParam("student_ids[]", "all").queryParam("order", "graded_at")
                .queryParam("graded_since", "2026-11-27T15:00:00Z").queryParam("per_page", 4).get(SUBMISSIONS);
        List<Long> seen = new ArrayList<>();
        int pages = 0;
        while (page != null && pages < 10) {
            seen.addAll(page.then().statusCode(200).extract().jsonPath().getList("id", Long.class));
            Map<String, String> rels = links(page.header("Link"));
            assertThat(rels).doesNotContainKey("last").containsKey("first");
            String next = rels.get("next");
            if (next != null) {
                assertThat(next).contains("page=bookmark:").contains("graded_since=").contains("order=graded_at");
            }
            page = next == null ? null : api(sim).urlEncodingEnabled(false).get(next);
            pages++;
        }
        assertThat(seen).isEqualTo(expected);
        assertThat(pages).isEqualTo((expected.size() + 3) / 4);

        List<Long> pageTwo = api(sim).queryParam("student_ids[]", "all").queryParam("order", "graded_at")
                .queryParam("graded_since", "2026-11-27T15:00:00Z").queryParam("per_page", 4).queryParam("page", 2)
                .get(SUBMISSIONS).then().statusCode(200).extract().jsonPath().getList("id", Long.class);
        assertThat(pageTwo).as("a counted page is not a bookmark: the first page again")
                .isEqualTo(expected.subList(0, 4));
    }

    /** Canvas stores a score above points_possible as it is: extra credit. */
    @Test
    void aScoreAbovePointsPossibleIsKeptAsExtraCredit() {
        Submission graded = sim.control().gradeSubmission(101, 401, 5001, GradeChange.score(12));

        assertThat(graded.score()).isEqualTo(12.0);
        api(sim).get("/api/v1/courses/101/assignments/401/submissions/5001").then().statusCode(200)
                .body("score", equalTo(12.0f)).body("grade", equalTo("12"));
    }

    /**
     * Submission::Tardiness#missing?: an unsubmitted submission past its due date is missing, computed at read time,
     * with no graded_at and no posted_at; grading it, or an assignment without due date, is not.
     */
    @Test
    void aPastDueUnsubmittedSubmissionIsMissingWithoutGradedAt() {
        JsonPath homework4 = api(sim).queryParam("student_ids[]", "all").queryParam("assignment_ids[]", 417)
                .get(SUBMISSIONS).then().statusCode(200).extract().jsonPath();
        assertThat(homework4.getList("findAll { it.missing }.user_id", Integer.class))
                .containsExactly(5002, 5003, 5004, 5006);
        assertThat(homework4.getList("findAll { it.missing }.graded_at")).containsOnlyNulls();
        assertThat(homework4.getList("findAll { it.missing }.posted_at")).containsOnlyNulls();
        assertThat(homework4.getList("findAll { it.missing }.workflow_state")).containsOnly("unsubmitted");
        assertThat(homework4.getList("findAll { it.missing }.late_policy_status")).containsOnlyNulls();

        api(sim).get("/api/v1/courses/101/assignments/407/submissions/5002").then()
                .body("missing", equalTo(false)).body("cached_due_date", equalTo(null));

        sim.control().gradeSubmission(101, 417, 5002, GradeChange.score(11));
        api(sim).get("/api/v1/courses/101/assignments/417/submissions/5002").then().body("missing", equalTo(false));
        sim.control().submitAssignment(101, 417, 5003, Instant.parse("2026-11-28T10:00:00Z"));
        api(sim).get("/api/v1/courses/101/assignments/417/submissions/5003").then().body("missing", equalTo(false))
                .body("late", equalTo(true));
        // The teacher's own status wins over the dates.
        api(sim).get("/api/v1/courses/101/assignments/401/submissions/5004").then().body("missing", equalTo(true))
                .body("late_policy_status", equalTo("missing"));
    }
}
