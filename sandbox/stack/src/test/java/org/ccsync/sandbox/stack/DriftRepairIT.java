package org.ccsync.sandbox.stack;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.List;
import org.ccsync.contracts.SourcedIds;
import org.ccsync.sandbox.campus.CampusControl;
import org.ccsync.sandbox.campus.DemoCampus;
import org.ccsync.sandbox.canvas.CanvasControl;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * IC converges to Canvas on the whole stack: IC changed behind the writer in four ways (a score, a deleted result, a
 * renamed lineItem, a deleted lineItem) is repaired by one "Sync now", the course page shows each difference as
 * repaired, a teacher's category change in IC is kept (the district's default), and a second run finds nothing. A
 * course whose Canvas re-read suddenly answers 404 for its assignments, or for the whole course, deletes nothing in
 * IC: the deletes are held and shown; discarding leaves IC as it was, releasing deletes. IC is always read back from
 * the simulator.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DriftRepairIT {

    private static final Duration BOUND = Duration.ofSeconds(90);
    private static final String BIOLOGY = "101";
    private static final String ALGEBRA = "102";
    private static final String P1 = DemoCampus.BIO1_P1;
    private static final String P2 = DemoCampus.BIO1_P2;
    private static final String ALG = DemoCampus.ALG1_P3;

    private static LocalStack stack;
    private static CampusControl ic;
    private static CanvasControl canvas;

    @BeforeAll
    static void startStack() {
        // Two deletes that are all of a course's lineItems are held too (Algebra has two assignments in one class).
        stack = LocalStack.start(LocalStack.Options.isolated(LocalStack.projectRoot(), "it-drift-repair")
                .withServiceProperty("campus-writer", "ccsync.districts.demo.hold-share-min-deletes", "2"));
        ic = stack.campus().control();
        canvas = stack.canvas().control();
        List<String> runs = stack.requestFullSync(List.of(BIOLOGY, ALGEBRA), "drift-repair-it");
        await().atMost(BOUND).untilAsserted(() -> {
            assertThat(ic.results()).containsKeys(result(401, P1, 5001), result(417, P1, 5001), result(401, P2, 5004),
                    result(421, ALG, 5007));
            assertThat(ic.lineItems()).containsKeys(lineItem(401, P2), lineItem(417, P2), lineItem(415, P1),
                    lineItem(422, ALG));
        });
        // Each first full sync is verified once its writes settled; IC is changed behind the writer only after that.
        awaitVerification(BIOLOGY, runs.get(0));
        awaitVerification(ALGEBRA, runs.get(1));
    }

    @AfterAll
    static void stopStack() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    @Order(1)
    void oneSyncNowRepairsFourKindsOfDriftKeepsATeachersCategoryAndASecondRunFindsNothing() {
        String score = result(401, P1, 5001);
        String deletedResult = result(417, P1, 5001);
        String renamed = lineItem(417, P2);
        String deletedLineItem = lineItem(401, P2);
        String recategorized = lineItem(415, P1);
        String title = ic.lineItems().get(renamed).path("title").asText();
        double canvasScore = ic.results().get(score).path("score").asDouble();
        String category = ic.lineItems().get(recategorized).path("category").path("sourcedId").asText();
        String teachers = DemoCampus.CATEGORY_TITLES.stream().map(t -> DemoCampus.categoryId(P1, t))
                .filter(id -> !id.equals(category)).findFirst().orElseThrow();

        assertThat(ic.changeScore(score, 3.0)).isTrue();
        assertThat(ic.deleteResultBehindWriter(deletedResult)).isTrue();
        assertThat(ic.renameLineItem(renamed, "Renamed in IC")).isTrue();
        assertThat(ic.deleteLineItemBehindWriter(deletedLineItem)).isTrue();
        assertThat(ic.changeCategory(recategorized, teachers)).isTrue();

        String run = syncNow(BIOLOGY);
        JsonPath drift = awaitVerification(BIOLOGY, run);
        assertThat(drift.getInt("verification.found")).isEqualTo(5);
        assertThat(drift.getInt("verification.repaired")).isEqualTo(4);
        assertThat(drift.getList("verification.differences.message", String.class))
                .contains("IC had 3, Canvas has " + number(canvasScore) + ": repaired");

        await().atMost(BOUND).untilAsserted(() -> {
            assertThat(ic.results().get(score).path("score").asDouble()).isEqualTo(canvasScore);
            assertThat(ic.results()).containsKey(deletedResult);
            assertThat(ic.lineItems().get(renamed).path("title").asText()).isEqualTo(title);
            assertThat(ic.lineItems()).containsKey(deletedLineItem);
            assertThat(ic.results()).as("the lost lineItem's results come back with it")
                    .containsKey(result(401, P2, 5004));
        });
        assertThat(ic.lineItems().get(recategorized).path("category").path("sourcedId").asText())
                .as("the teacher's category is kept").isEqualTo(teachers);

        String page = given().baseUri(stack.statusUrl()).auth().oauth2(stack.adminToken())
                .get("/ui/districts/demo/courses/" + BIOLOGY).then().statusCode(200).extract().asString();
        assertThat(page)
                .contains("data-sourced-id=\"" + score + "\" data-difference=\"value_differs\" data-action=\"repaired\"")
                .contains("data-sourced-id=\"" + deletedResult + "\" data-difference=\"missing_in_ic\" "
                        + "data-action=\"repaired\"")
                .contains("data-sourced-id=\"" + renamed + "\" data-difference=\"renamed\" data-action=\"repaired\"")
                .contains("data-sourced-id=\"" + deletedLineItem + "\" data-difference=\"missing_in_ic\" "
                        + "data-action=\"repaired\"")
                .contains("data-sourced-id=\"" + recategorized + "\" data-difference=\"ic_side_change\" "
                        + "data-action=\"kept\"")
                .contains("id=\"drift-repaired\" data-count=\"4\"");

        String second = syncNow(BIOLOGY);
        JsonPath again = awaitVerification(BIOLOGY, second);
        assertThat(again.getInt("verification.found")).as("a second run finds nothing").isZero();
    }

    @Test
    @Order(2)
    void assignmentsThatSuddenlyAnswer404AreHeldAndDiscardingLeavesIcAsItWas() {
        canvas.deleteAssignment(Long.parseLong(ALGEBRA), 421);
        canvas.deleteAssignment(Long.parseLong(ALGEBRA), 422);
        syncNow(ALGEBRA);
        JsonNode hold = awaitOpenHold(ALGEBRA);
        assertThat(hold.path("writes")).hasSize(2);
        assertThat(ic.lineItems()).as("nothing deleted").containsKeys(lineItem(421, ALG), lineItem(422, ALG));
        assertThat(given().baseUri(stack.statusUrl()).auth().oauth2(stack.adminToken())
                .get("/ui/districts/demo").then().statusCode(200).extract().asString())
                .contains("data-hold-id=\"" + hold.path("holdId").asLong() + "\" data-course-id=\"" + ALGEBRA + "\"");

        decide(hold.path("holdId").asLong(), "discard");
        awaitDecided(hold.path("holdId").asLong(), "DISCARDED");
        assertThat(ic.lineItems()).as("IC left as it was").containsKeys(lineItem(421, ALG), lineItem(422, ALG));
        assertThat(ic.results()).containsKey(result(421, ALG, 5007));
    }

    @Test
    @Order(3)
    void aCourseCanvasAnswers404ForDeletesNothingItsDeletesAreHeldAndDiscardingLeavesIcAsItWas() {
        long biology = Long.parseLong(BIOLOGY);
        List<String> biologyItems = List.of(lineItem(401, P1), lineItem(401, P2), lineItem(417, P1), lineItem(417, P2));
        canvas.deleteCourse(biology);
        String run = syncNow(BIOLOGY);
        JsonPath failed = await().atMost(BOUND).until(() -> given().baseUri(stack.statusUrl()).auth()
                .oauth2(stack.adminToken()).get("/api/districts/demo/courses/" + BIOLOGY + "/runs/" + run).then()
                .statusCode(200).extract().jsonPath(), json -> "FAILED".equals(json.getString("stage")));
        assertThat(failed.getString("message")).contains("404").contains("Nothing is deleted");

        JsonNode hold = awaitOpenHold(BIOLOGY);
        assertThat(hold.path("reasonCode").asText()).isEqualTo("course_not_found");
        await().atMost(BOUND).untilAsserted(() -> assertThat(given().baseUri(stack.statusUrl()).auth()
                .oauth2(stack.adminToken()).get("/api/districts/demo/holds?open=true").then().statusCode(200)
                .extract().as(JsonNode.class).findValues("writes").stream().mapToInt(JsonNode::size).sum())
                .as("every Biology lineItem waits in the hold").isGreaterThanOrEqualTo(biologyItems.size()));
        assertThat(ic.lineItems()).as("nothing deleted").containsKeys(biologyItems.toArray(String[]::new));
        assertThat(given().baseUri(stack.statusUrl()).auth().oauth2(stack.adminToken())
                .get("/ui/districts/demo/courses/" + BIOLOGY).then().statusCode(200).extract().asString())
                .contains("data-hold-id=\"" + hold.path("holdId").asLong() + "\"");

        decide(hold.path("holdId").asLong(), "discard");
        awaitDecided(hold.path("holdId").asLong(), "DISCARDED");
        assertThat(ic.lineItems()).as("IC left as it was").containsKeys(biologyItems.toArray(String[]::new));
        assertThat(ic.results()).containsKey(result(401, P1, 5001));

        // Canvas serves the course again (an admin restores and publishes it): the next run syncs it as before.
        canvas.undeleteCourse(biology);
        canvas.publishCourse(biology);
        String back = syncNow(BIOLOGY);
        assertThat(awaitVerification(BIOLOGY, back).getInt("verification.found")).as("IC equals Canvas").isZero();
        assertThat(ic.lineItems()).containsKeys(biologyItems.toArray(String[]::new));
    }

    @Test
    @Order(4)
    void releasingAHoldDeletes() {
        long biology = Long.parseLong(BIOLOGY);
        for (long assignment : List.of(401L, 402L, 415L, 417L)) {
            canvas.deleteAssignment(biology, assignment);
        }
        syncNow(BIOLOGY);
        JsonNode hold = awaitOpenHold(BIOLOGY);
        assertThat(ic.lineItems()).as("nothing deleted while held").containsKeys(lineItem(401, P1), lineItem(417, P2));

        decide(hold.path("holdId").asLong(), "release");
        awaitDecided(hold.path("holdId").asLong(), "RELEASED");
        await().atMost(BOUND).untilAsserted(() -> assertThat(ic.lineItems())
                .doesNotContainKeys(lineItem(401, P1), lineItem(401, P2), lineItem(417, P1), lineItem(417, P2)));
    }

    // --- helpers ---

    private static String syncNow(String course) {
        return given().baseUri(stack.statusUrl()).auth().oauth2(stack.adminToken())
                .post("/api/districts/demo/courses/" + course + "/sync").then().statusCode(202).extract()
                .path("runId");
    }

    private static JsonPath awaitVerification(String course, String runId) {
        return await().atMost(BOUND).until(() -> given().baseUri(stack.statusUrl()).auth()
                .oauth2(stack.adminToken()).get("/api/districts/demo/courses/" + course + "/drift").then()
                .statusCode(200).extract().jsonPath(), json -> runId.equals(json.getString("verification.runId")));
    }

    private static JsonNode awaitOpenHold(String course) {
        return await().atMost(BOUND).until(() -> {
            JsonNode holds = given().baseUri(stack.statusUrl()).auth().oauth2(stack.adminToken())
                    .get("/api/districts/demo/holds?open=true").then().statusCode(200).extract().as(JsonNode.class);
            for (JsonNode hold : holds) {
                if (course.equals(hold.path("courseId").asText())) {
                    return hold;
                }
            }
            return null;
        }, hold -> hold != null);
    }

    private static void decide(long holdId, String decision) {
        given().baseUri(stack.statusUrl()).auth().oauth2(stack.adminToken())
                .post("/api/districts/demo/holds/" + holdId + "/" + decision).then().statusCode(202);
    }

    private static void awaitDecided(long holdId, String status) {
        await().atMost(BOUND).untilAsserted(() -> {
            JsonNode holds = given().baseUri(stack.statusUrl()).auth().oauth2(stack.adminToken())
                    .get("/api/districts/demo/holds").then().statusCode(200).extract().as(JsonNode.class);
            JsonNode decided = null;
            for (JsonNode hold : holds) {
                if (hold.path("holdId").asLong() == holdId) {
                    decided = hold;
                }
            }
            assertThat(decided).isNotNull();
            assertThat(decided.path("status").asText()).isEqualTo(status);
            assertThat(decided.path("decidedBy").asText()).isNotBlank();
        });
    }

    private static String lineItem(long assignmentId, String classId) {
        return SourcedIds.lineItem(LocalStack.TENANT, Long.toString(assignmentId), classId);
    }

    private static String result(long assignmentId, String classId, long userId) {
        return SourcedIds.result(lineItem(assignmentId, classId), "STU-" + userId);
    }

    private static String number(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }
}
