package org.ccsync.sandbox.stack;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.ccsync.contracts.SourcedIds;
import org.ccsync.contracts.Topics;
import org.ccsync.sandbox.canvas.CanvasControl;
import org.ccsync.sandbox.canvas.GradeChange;
import org.ccsync.sandbox.canvas.NewAssignment;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The whole stack against the strict Canvas simulator (which answers as Canvas's source does), with the district's
 * default settings: a grading burst that mixes in a draft assignment reaches IC whole with nothing dead-lettered; the
 * demo's manually posted "Hidden Quiz" stays out of IC until the teacher posts it, then syncs at once; Canvas's
 * automatic "missing" reaches IC as missing.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RealCanvasIT {

    private static final Duration BOUND = Duration.ofSeconds(90);
    private static final long BIOLOGY = 101;
    private static final long CELL_QUIZ = 401;
    private static final long HIDDEN_QUIZ = 415;
    private static final long HOMEWORK_4 = 417;
    private static final Map<Long, String> CLASS_OF = Map.of(5001L, "SEC-BIO1-P1", 5002L, "SEC-BIO1-P1",
            5003L, "SEC-BIO1-P1", 5004L, "SEC-BIO1-P2", 5005L, "SEC-BIO1-P2", 5006L, "SEC-BIO1-P2");

    private static LocalStack stack;
    private static CanvasControl canvas;

    @BeforeAll
    static void startStack() {
        stack = LocalStack.start(LocalStack.Options.isolated(LocalStack.projectRoot(), "it-real-canvas"));
        canvas = stack.canvas().control();
        stack.requestFullSync(List.of("101"), "real-canvas-it");
        await().atMost(BOUND).untilAsserted(() -> assertThat(icResult(CELL_QUIZ, 5001)).isNotNull());
    }

    @AfterAll
    static void stopStack() {
        if (stack != null) {
            stack.close();
        }
    }

    private static JsonNode icResult(long assignmentId, long userId) {
        String lineItem = SourcedIds.lineItem(LocalStack.TENANT, Long.toString(assignmentId), CLASS_OF.get(userId));
        return stack.campus().control().results().get(SourcedIds.result(lineItem, "STU-" + userId));
    }

    private static double icScore(long assignmentId, long userId) {
        JsonNode result = icResult(assignmentId, userId);
        return result == null ? Double.NaN : result.path("score").asDouble(Double.NaN);
    }

    @Test
    @Order(1)
    void aGradingBurstWithADraftAssignmentInItReachesIcWholeAndDeadLettersNothing() {
        Map<String, Double> expected = new HashMap<>();
        for (long student = 5001; student <= 5006; student++) {
            expected.put(CELL_QUIZ + "/" + student, canvas.gradeSubmission(BIOLOGY, CELL_QUIZ, student,
                    GradeChange.score(student - 5000 + 0.5)).score());
        }
        // A teacher drafts the next quiz in the middle of grading: Canvas refuses any students/submissions read that
        // names it (403 "invalid assignment ids requested").
        canvas.createAssignment(BIOLOGY, NewAssignment.named("Quiz 2 (draft)", 10).withPublished(false));
        for (long student = 5001; student <= 5006; student++) {
            expected.put(HOMEWORK_4 + "/" + student, canvas.gradeSubmission(BIOLOGY, HOMEWORK_4, student,
                    GradeChange.score(student - 5000 + 7)).score());
        }

        await().atMost(BOUND).untilAsserted(() -> expected.forEach((key, score) -> {
            String[] parts = key.split("/");
            assertThat(icScore(Long.parseLong(parts[0]), Long.parseLong(parts[1]))).as(key).isEqualTo(score);
        }));
        assertThat(stack.kafkaClient().currentRecords(Topics.CANVAS_TRIGGERS + "-dlq", r -> true))
                .as("dead-lettered triggers").isEmpty();
        assertThat(stack.canvas().control().stats().throttledCount()).isZero();
    }

    @Test
    @Order(2)
    void theHiddenQuizWaitsForPostingAndThenSyncsAtOnce() {
        await().atMost(BOUND).untilAsserted(() -> assertThat(given().baseUri(stack.statusUrl())
                .auth().oauth2(stack.adminToken()).queryParam("status", "SKIPPED")
                .get("/api/districts/demo/courses/101/items").then().statusCode(200).extract().as(JsonNode.class))
                .anySatisfy(item -> {
                    assertThat(item.path("assignmentId").asText()).isEqualTo(Long.toString(HIDDEN_QUIZ));
                    assertThat(item.path("reasonCode").asText()).isEqualTo("hidden_grade");
                }));
        assertThat(icResult(HIDDEN_QUIZ, 5001)).as("a grade the teacher has not released").isNull();
        assertThat(icResult(HIDDEN_QUIZ, 5002)).isNull();

        canvas.postGrades(BIOLOGY, HIDDEN_QUIZ);

        await().atMost(BOUND).untilAsserted(() -> {
            assertThat(icScore(HIDDEN_QUIZ, 5001)).isEqualTo(6.0);
            assertThat(icScore(HIDDEN_QUIZ, 5002)).isEqualTo(9.0);
        });
    }

    @Test
    @Order(3)
    void canvasAutomaticMissingReachesIcAsMissing() {
        // Past due and never submitted: Canvas says missing, with no graded_at and no event; a reconciliation reads it.
        await().atMost(BOUND).untilAsserted(() -> {
            JsonNode missing = icResult(HIDDEN_QUIZ, 5003);
            assertThat(missing).as("the hidden quiz's missing flag of student 5003").isNotNull();
            assertThat(missing.path("missing").asText()).isEqualTo("true");
            assertThat(missing.path("score").isNumber()).isFalse();
        });
    }
}
