package org.ccsync.sandbox.stack;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.ccsync.contracts.SourcedIds;
import org.ccsync.sandbox.canvas.AssignmentOverride;
import org.ccsync.sandbox.canvas.AssignmentPatch;
import org.ccsync.sandbox.canvas.CanvasControl;
import org.ccsync.sandbox.canvas.GradeChange;
import org.ccsync.sandbox.canvas.Submission;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * "Written" means "in IC now" across everyday changes in Canvas, on the whole stack. Each case ends with Infinite
 * Campus read back from the IC simulator (never from the project's ledger) equal to what Canvas says, and with the
 * course page's written items and counts equal to what IC holds.
 *
 * <p>The demo district runs with {@code ineligible-action=DELETE} here, the path that removes lineItems (and with
 * them their results) from IC when an assignment stops qualifying: the path that lost grades before. The default,
 * KEEP, never removes them and is covered by eligibility-service's tests.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GradebookLifecycleIT {

    private static final Duration BOUND = Duration.ofSeconds(60);
    private static final String COURSE = "101";
    private static final long BIOLOGY = 101;
    private static final String P1 = "SEC-BIO1-P1";
    private static final String P2 = "SEC-BIO1-P2";
    private static final Set<String> CLASSES = Set.of(P1, P2);
    private static final long CELL_QUIZ = 401;
    private static final long LAB_REPORT = 402;
    private static final long HOMEWORK_4 = 417;

    private static LocalStack stack;
    private static CanvasControl canvas;

    @BeforeAll
    static void startStack() {
        stack = LocalStack.start(LocalStack.Options.isolated(LocalStack.projectRoot(), "it-gradebook-lifecycle")
                .withServiceProperty("eligibility-service", "ccsync.districts.demo.ineligible-action", "DELETE"));
        canvas = stack.canvas().control();
        stack.requestFullSync(List.of(COURSE), "gradebook-lifecycle-it");
        await().atMost(BOUND).untilAsserted(() -> assertThat(icScores(CELL_QUIZ)).hasSize(6));
        awaitStatusMatchesIc();
    }

    @AfterAll
    static void stopStack() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    @Order(1)
    void renamedPastTheLimitAndBackTheAssignmentGetsEveryScoreBack() {
        Map<String, String> before = icScores(CELL_QUIZ);
        assertThat(before).containsEntry(result(CELL_QUIZ, P1, 5001), "9.5 fully graded")
                .containsEntry(result(CELL_QUIZ, P1, 5002), "- exempt")
                .containsEntry(result(CELL_QUIZ, P2, 5004), "0.0 fully graded missing");

        canvas.updateAssignment(BIOLOGY, CELL_QUIZ, AssignmentPatch.none()
                .withName("Cell Structure Quiz, Chapters 3 and 4"));
        await().atMost(BOUND).untilAsserted(() -> {
            assertThat(icLineItem(CELL_QUIZ, P1)).isNull();
            assertThat(icLineItem(CELL_QUIZ, P2)).isNull();
        });
        assertThat(icScores(CELL_QUIZ)).as("IC deleted the results with their lineItems").isEmpty();
        awaitStatusMatchesIc();

        canvas.updateAssignment(BIOLOGY, CELL_QUIZ, AssignmentPatch.none().withName("Cell Structure Quiz"));
        await().atMost(BOUND).untilAsserted(() -> assertThat(icScores(CELL_QUIZ)).isEqualTo(before)
                .isEqualTo(canvasScores(CELL_QUIZ)));
        assertThat(icLineItem(CELL_QUIZ, P1).path("title").asText()).isEqualTo("Cell Structure Quiz");
        awaitStatusMatchesIc();
    }

    @Test
    @Order(2)
    void syncToSisUntickedAndTickedAgainBringsTheScoresBack() {
        Map<String, String> before = icScores(HOMEWORK_4);
        assertThat(before).containsEntry(result(HOMEWORK_4, P1, 5001), "12.0 fully graded")
                .containsEntry(result(HOMEWORK_4, P2, 5005), "14.0 fully graded");

        canvas.updateAssignment(BIOLOGY, HOMEWORK_4, AssignmentPatch.none().withPostToSis(false));
        await().atMost(BOUND).untilAsserted(() -> assertThat(icLineItem(HOMEWORK_4, P1)).isNull());
        awaitStatusMatchesIc();

        canvas.updateAssignment(BIOLOGY, HOMEWORK_4, AssignmentPatch.none().withPostToSis(true));
        await().atMost(BOUND).untilAsserted(() -> assertThat(icScores(HOMEWORK_4)).isEqualTo(before)
                .isEqualTo(canvasScores(HOMEWORK_4)));
        awaitStatusMatchesIc();
    }

    @Test
    @Order(3)
    void aPerStudentExtensionAddedAndRemovedBringsTheScoresBack() {
        assertThat(icScores(HOMEWORK_4)).containsEntry(result(HOMEWORK_4, P1, 5001), "12.0 fully graded");

        AssignmentOverride extension = canvas.addStudentOverride(BIOLOGY, HOMEWORK_4, List.of(5002L),
                Instant.parse("2026-11-28T23:59:00Z"));
        await().atMost(BOUND).untilAsserted(() -> assertThat(icLineItem(HOMEWORK_4, P1)).isNull());
        awaitStatusMatchesIc();

        canvas.removeOverride(BIOLOGY, HOMEWORK_4, extension.id());
        await().atMost(BOUND).untilAsserted(() -> assertThat(icScores(HOMEWORK_4))
                .containsEntry(result(HOMEWORK_4, P1, 5001), "12.0 fully graded")
                .isEqualTo(canvasScores(HOMEWORK_4)));
        awaitStatusMatchesIc();
    }

    @Test
    @Order(4)
    void aCategoryMappingSavedAfterNoCategoryMappingBringsTheLineItemsAndScoresWithinAMinute() {
        await().atMost(BOUND).untilAsserted(() -> assertThat(item("LINE_ITEM",
                SourcedIds.lineItem(LocalStack.TENANT, "402", P1)).path("reasonCode").asText())
                .isEqualTo("no_category_mapping"));
        assertThat(icLineItem(LAB_REPORT, P1)).isNull();

        given().baseUri(stack.statusUrl()).auth().oauth2(stack.adminToken()).contentType(ContentType.JSON)
                .body(Map.of("icCategoryTitle", "Projects"))
                .put("/api/districts/demo/category-mappings/Labs")
                .then().statusCode(200);

        // No edit in Canvas: the writer tries the refused lineItems again and sends the scores parked behind them.
        await().atMost(BOUND).untilAsserted(() -> assertThat(icScores(LAB_REPORT))
                .containsEntry(result(LAB_REPORT, P1, 5001), "18.0 fully graded")
                .containsEntry(result(LAB_REPORT, P2, 5004), "15.0 fully graded")
                .isEqualTo(canvasScores(LAB_REPORT)));
        assertThat(icLineItem(LAB_REPORT, P1).path("category").path("sourcedId").asText())
                .isEqualTo("CAT-SEC-BIO1-P1-PROJECTS");
        awaitStatusMatchesIc();
    }

    @Test
    @Order(5)
    void aDueDateExtendedAfterGradingDropsTheLatePenaltyInIc() {
        // Submitted ten hours after the due date: the course's late policy (10 % a day) takes a point off.
        String late = result(CELL_QUIZ, P2, 5006);
        canvas.submitAssignment(BIOLOGY, CELL_QUIZ, 5006, Instant.parse("2026-11-21T09:59:00Z"));
        canvas.gradeSubmission(BIOLOGY, CELL_QUIZ, 5006, GradeChange.score(8.0));
        await().atMost(BOUND).untilAsserted(() -> assertThat(icScores(CELL_QUIZ))
                .containsEntry(late, "7.0 fully graded late"));
        Submission graded = canvas.submission(BIOLOGY, CELL_QUIZ, 5006).orElseThrow();

        canvas.updateAssignment(BIOLOGY, CELL_QUIZ, AssignmentPatch.none()
                .withDueAt(Instant.parse("2026-11-27T23:59:00Z")));
        Submission recomputed = canvas.submission(BIOLOGY, CELL_QUIZ, 5006).orElseThrow();
        assertThat(recomputed.gradedAt()).as("Canvas keeps graded_at").isEqualTo(graded.gradedAt());
        assertThat(recomputed.score()).isEqualTo(8.0);

        await().atMost(BOUND).untilAsserted(() -> assertThat(icScores(CELL_QUIZ))
                .containsEntry(late, "8.0 fully graded").isEqualTo(canvasScores(CELL_QUIZ)));
        awaitStatusMatchesIc();
    }

    @Test
    @Order(6)
    void aClearedScoreLeavesIc() {
        String cleared = result(CELL_QUIZ, P2, 5005);
        assertThat(icScores(CELL_QUIZ)).containsKey(cleared);

        canvas.clearGrade(BIOLOGY, CELL_QUIZ, 5005);
        await().atMost(BOUND).untilAsserted(() -> assertThat(icScores(CELL_QUIZ)).doesNotContainKey(cleared)
                .isEqualTo(canvasScores(CELL_QUIZ)));
        awaitStatusMatchesIc();
        assertThat(item("RESULT", cleared).path("status").asText()).isEqualTo("REMOVED");
    }

    @Test
    @Order(7)
    void aConcludedCourseKeepsItsWholeGradebookInIc() {
        Map<String, JsonNode> lineItems = icLineItems();
        Map<String, String> scores = icScores();
        assertThat(lineItems).isNotEmpty();

        canvas.concludeCourse(BIOLOGY);
        await().atMost(BOUND).untilAsserted(() -> assertThat(item("ASSIGNMENT", null, "401").path("reasonCode")
                .asText()).isEqualTo("course_concluded"));
        assertThat(icLineItems().keySet()).isEqualTo(lineItems.keySet());
        assertThat(icScores()).isEqualTo(scores);
        awaitStatusMatchesIc();
    }

    // --- IC, read back from the simulator ---

    private static String lineItemId(long assignmentId, String classId) {
        return SourcedIds.lineItem(LocalStack.TENANT, Long.toString(assignmentId), classId);
    }

    private static String result(long assignmentId, String classId, long userId) {
        return SourcedIds.result(lineItemId(assignmentId, classId), "STU-" + userId);
    }

    private static JsonNode icLineItem(long assignmentId, String classId) {
        return stack.campus().control().lineItems().get(lineItemId(assignmentId, classId));
    }

    /** The course's lineItems in IC: those of its classes. */
    private static Map<String, JsonNode> icLineItems() {
        return stack.campus().control().lineItems().entrySet().stream()
                .filter(e -> CLASSES.contains(e.getValue().path("class").path("sourcedId").asText()))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    /** Every result IC holds under the course's lineItems, as "score scoreStatus [late] [missing]". */
    private static Map<String, String> icScores() {
        Set<String> lineItems = icLineItems().keySet();
        Map<String, String> scores = new HashMap<>();
        stack.campus().control().results().forEach((id, result) -> {
            if (lineItems.contains(result.path("lineItem").path("sourcedId").asText())) {
                scores.put(id, describe(result));
            }
        });
        return scores;
    }

    /** The results IC holds for one assignment, in both classes. */
    private static Map<String, String> icScores(long assignmentId) {
        Set<String> lineItems = Set.of(lineItemId(assignmentId, P1), lineItemId(assignmentId, P2));
        Map<String, String> scores = new HashMap<>();
        stack.campus().control().results().forEach((id, result) -> {
            if (lineItems.contains(result.path("lineItem").path("sourcedId").asText())) {
                scores.put(id, describe(result));
            }
        });
        return scores;
    }

    /**
     * What IC must hold for one assignment by what Canvas answers over REST (the wire format a district's Canvas
     * speaks): each student's submission that carries a score, an excuse or a missing flag, as {@link #describe}
     * writes an IC result. The demo's P1 holds students 5001-5003, P2 5004-5006.
     */
    private static Map<String, String> canvasScores(long assignmentId) {
        JsonNode submissions = given().baseUri(stack.canvas().baseUrl())
                .auth().oauth2(stack.canvas().config().apiToken())
                .queryParam("student_ids[]", "all").queryParam("assignment_ids[]", assignmentId)
                .queryParam("per_page", 100)
                .get("/api/v1/courses/" + BIOLOGY + "/students/submissions")
                .then().statusCode(200).extract().as(JsonNode.class);
        Map<String, String> expected = new HashMap<>();
        for (JsonNode submission : submissions) {
            long user = submission.path("user_id").asLong();
            boolean excused = submission.path("excused").asBoolean(false);
            boolean missing = submission.path("missing").asBoolean(false);
            JsonNode score = submission.path("score");
            if (!score.isNumber() && !excused && !missing) {
                continue;
            }
            String status = excused ? "exempt" : score.isNumber() ? "fully graded" : "not submitted";
            expected.put(result(assignmentId, user <= 5003 ? P1 : P2, user),
                    (score.isNumber() && !excused ? Double.toString(score.asDouble()) : "-") + " " + status
                            + (submission.path("late").asBoolean(false) ? " late" : "")
                            + (missing ? " missing" : ""));
        }
        return expected;
    }

    private static String describe(JsonNode result) {
        String score = result.path("score").isNumber() ? Double.toString(result.path("score").asDouble()) : "-";
        return score + " " + result.path("scoreStatus").asText()
                + ("true".equals(result.path("late").asText()) ? " late" : "")
                + ("true".equals(result.path("missing").asText()) ? " missing" : "");
    }

    // --- the course page ---

    private static JsonNode items(String status) {
        return given().baseUri(stack.statusUrl()).auth().oauth2(stack.adminToken())
                .queryParam("status", status)
                .get("/api/districts/demo/courses/" + COURSE + "/items")
                .then().statusCode(200).extract().as(JsonNode.class);
    }

    private static JsonNode item(String kind, String sourcedId) {
        return item(kind, sourcedId, null);
    }

    private static JsonNode item(String kind, String sourcedId, String assignmentId) {
        JsonNode all = given().baseUri(stack.statusUrl()).auth().oauth2(stack.adminToken())
                .get("/api/districts/demo/courses/" + COURSE + "/items")
                .then().statusCode(200).extract().as(JsonNode.class);
        for (JsonNode item : all) {
            if (kind.equals(item.path("kind").asText())
                    && (sourcedId == null || sourcedId.equals(item.path("sourcedId").asText()))
                    && (assignmentId == null || assignmentId.equals(item.path("assignmentId").asText()))) {
                return item;
            }
        }
        return MissingNode.getInstance();
    }

    /**
     * Waits until the course page shows as written exactly the lineItems and results IC holds for the course, and
     * its written count is their number.
     */
    private static void awaitStatusMatchesIc() {
        await().atMost(BOUND).untilAsserted(() -> {
            Set<String> inIc = new TreeSet<>(icLineItems().keySet());
            inIc.addAll(icScores().keySet());
            Set<String> written = new TreeSet<>();
            items("WRITTEN").forEach(item -> written.add(item.path("sourcedId").asText()));
            assertThat(written).as("items the course page calls written").isEqualTo(inIc);
            long count = given().baseUri(stack.statusUrl()).auth().oauth2(stack.adminToken())
                    .get("/api/districts/demo/courses/" + COURSE)
                    .then().statusCode(200).extract().path("counts.written") instanceof Number n ? n.longValue()
                    : -1;
            assertThat(count).as("counts.written").isEqualTo(inIc.size());
        });
    }
}
