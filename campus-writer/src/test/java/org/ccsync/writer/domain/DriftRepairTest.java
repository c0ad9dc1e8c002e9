package org.ccsync.writer.domain;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.ccsync.writer.CampusSimulatorResource.SIMA;
import static org.ccsync.writer.CampusSimulatorResource.SIMD;
import static org.ccsync.writer.SimKit.lineItem;
import static org.ccsync.writer.SimKit.result;
import static org.ccsync.writer.SimKit.stored;
import static org.ccsync.writer.WriterTestKit.awaitOutcomes;
import static org.ccsync.writer.WriterTestKit.send;
import static org.ccsync.writer.WriterTestKit.uid;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import org.ccsync.contracts.DeleteLineItem;
import org.ccsync.contracts.EventIds;
import org.ccsync.contracts.ItemFailed;
import org.ccsync.contracts.ItemWritten;
import org.ccsync.contracts.SyncOutcome;
import org.ccsync.contracts.SyncRunProgressed;
import org.ccsync.contracts.SyncTrigger;
import org.ccsync.contracts.Topics;
import org.ccsync.contracts.UpsertLineItem;
import org.ccsync.contracts.UpsertResult;
import org.ccsync.sandbox.campus.CampusSimulator;
import org.ccsync.sandbox.campus.DemoCampus;
import org.ccsync.testsupport.InfraTestResource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.ccsync.writer.CampusSimulatorResource;
import org.ccsync.writer.CampusWireMock;
import org.ccsync.writer.SimKit;
import org.ccsync.writer.TestClock;
import org.ccsync.writer.WriterTestKit;
import org.ccsync.writer.outbound.CampusWriteRequeue;
import org.ccsync.writer.persistence.HeldChanges;

/**
 * IC converges to Canvas: changes made in the IC simulator behind the writer (a score, a deleted result, a renamed
 * lineItem, a deleted lineItem, a teacher's category) are found by a verification and repaired, or kept by policy; a
 * burst of lineItem deletes is held until an admin releases or discards it.
 */
@QuarkusTest
@WithTestResource(value = InfraTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = CampusWireMock.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = CampusSimulatorResource.class, scope = TestResourceScope.GLOBAL)
class DriftRepairTest {

    private final CampusSimulator sim = CampusSimulatorResource.sim(SIMA);

    @BeforeEach
    void calmDistrict() {
        TestClock.pin(TestClock.OFF_PEAK);
        sim.control().clearFaults();
    }

    private static JsonPath verify(String tenant, String course) {
        return given().post("/districts/" + tenant + "/courses/" + course + "/verify").then().statusCode(200)
                .extract().jsonPath();
    }

    @Test
    void fourKindsOfDriftAreRepairedAndASecondVerificationFindsNothing() {
        String id = uid();
        String course = "course-" + id;
        UpsertLineItem quiz = lineItem(SIMA, course, "q-" + id, 1, "Quiz " + id, "Quizzes");
        UpsertLineItem essay = lineItem(SIMA, course, "e-" + id, 1, "Essay " + id, "Tests");
        UpsertLineItem lab = lineItem(SIMA, course, "l-" + id, 1, "Lab " + id, "Projects");
        UpsertResult ten = result(SIMA, course, quiz.assignmentId(), "STU-5001", 5, 10);
        UpsertResult eight = result(SIMA, course, quiz.assignmentId(), "STU-5002", 5, 8);
        UpsertResult seven = result(SIMA, course, essay.assignmentId(), "STU-5001", 5, 7);
        List.of(quiz, essay, lab, ten, eight, seven).forEach(WriterTestKit::send);
        List.of(ten, eight, seven).forEach(r -> awaitOutcomes(r.resultSourcedId(), 1));
        awaitOutcomes(lab.lineItemSourcedId(), 1);
        assertThat(verify(SIMA, course).getInt("found")).as("IC matches at first").isZero();

        assertThat(sim.control().changeScore(ten.resultSourcedId(), 3)).isTrue();
        assertThat(sim.control().deleteResultBehindWriter(eight.resultSourcedId())).isTrue();
        assertThat(sim.control().renameLineItem(lab.lineItemSourcedId(), "Renamed in IC")).isTrue();
        assertThat(sim.control().deleteLineItemBehindWriter(essay.lineItemSourcedId())).isTrue();

        JsonPath found = verify(SIMA, course);
        assertThat(found.getInt("found")).isEqualTo(4);
        assertThat(found.getInt("repaired")).isEqualTo(4);
        List<Map<String, Object>> findings = found.getList("findings");
        assertThat(findings).extracting(f -> f.get("sourcedId") + " " + f.get("difference") + " " + f.get("action"))
                .containsExactlyInAnyOrder(
                        ten.resultSourcedId() + " value_differs repaired",
                        eight.resultSourcedId() + " missing_in_ic repaired",
                        lab.lineItemSourcedId() + " renamed repaired",
                        essay.lineItemSourcedId() + " missing_in_ic repaired");
        assertThat(findings).extracting(f -> (String) f.get("message"))
                .contains("IC had 3, Canvas has 10: repaired");

        await().atMost(WriterTestKit.WAIT).untilAsserted(() -> {
            assertThat(stored(sim, "results", ten.resultSourcedId()).path("score").asDouble()).isEqualTo(10.0);
            assertThat(stored(sim, "results", eight.resultSourcedId())).isNotNull();
            assertThat(stored(sim, "lineItems", lab.lineItemSourcedId()).path("title").asText()).isEqualTo(lab.title());
            assertThat(stored(sim, "lineItems", essay.lineItemSourcedId())).isNotNull();
            assertThat(stored(sim, "results", seven.resultSourcedId())).as("written again behind its lineItem")
                    .isNotNull();
        });
        await().atMost(WriterTestKit.WAIT).untilAsserted(() ->
                assertThat(verify(SIMA, course).getInt("found")).as("a second verification").isZero());
        assertThat(given().get("/districts/" + SIMA + "/courses/" + course + "/verification").then().statusCode(200)
                .extract().jsonPath().getInt("found")).as("the latest verification, as status reads it").isZero();
    }

    @Test
    void aTeachersCategoryIsKeptByDefaultAndRevertedWhereCanvasWins() {
        String id = uid();
        String course = "course-" + id;
        UpsertLineItem kept = lineItem(SIMA, course, "k-" + id, 1, "Kept " + id, "Quizzes");
        UpsertLineItem reverted = lineItem(SIMD, course, "r-" + id, 1, "Reverted " + id, "Quizzes");
        send(kept);
        send(reverted);
        awaitOutcomes(kept.lineItemSourcedId(), 1);
        awaitOutcomes(reverted.lineItemSourcedId(), 1);
        String quizzes = stored(sim, "lineItems", kept.lineItemSourcedId()).path("category").path("sourcedId")
                .asText();
        String projects = DemoCampus.categoryId(SimKit.CLASS, "Projects");
        assertThat(quizzes).isNotEqualTo(projects);
        sim.control().changeCategory(kept.lineItemSourcedId(), projects);
        sim.control().changeCategory(reverted.lineItemSourcedId(), projects);

        JsonPath keep = verify(SIMA, course);
        assertThat(keep.getList("findings.action", String.class)).containsExactly("kept");
        assertThat(keep.getList("findings.difference", String.class)).containsExactly("ic_side_change");
        JsonPath win = verify(SIMD, course);
        assertThat(win.getList("findings.action", String.class)).containsExactly("repaired");
        await().atMost(WriterTestKit.WAIT).until(() -> quizzes.equals(stored(sim, "lineItems",
                reverted.lineItemSourcedId()).path("category").path("sourcedId").asText()));

        // A later rename from Canvas keeps the teacher's category under the default policy.
        send(CampusWriteRequeue.retry(new UpsertLineItem(kept.eventId(), kept.occurredAt(), SIMA, course,
                kept.assignmentId(), kept.classSourcedId(), kept.lineItemSourcedId(), 2, "Kept renamed " + id,
                kept.pointsPossible(), kept.assignDate(), kept.dueDate(), kept.group()), "renamed-" + id));
        await().atMost(WriterTestKit.WAIT).until(() -> ("Kept renamed " + id).equals(stored(sim, "lineItems",
                kept.lineItemSourcedId()).path("title").asText()));
        assertThat(stored(sim, "lineItems", kept.lineItemSourcedId()).path("category").path("sourcedId").asText())
                .isEqualTo(projects);
        assertThat(verify(SIMA, course).getInt("found")).isZero();
    }

    @Test
    void aBurstOfDeletesIsHeldThenReleasedOrDiscardedByAnAdmin() {
        String id = uid();
        String released = "course-r-" + id;
        String discarded = "course-d-" + id;
        List<UpsertLineItem> releasedItems = items(released, id);
        List<UpsertLineItem> discardedItems = items(discarded, id);
        releasedItems.forEach(WriterTestKit::send);
        discardedItems.forEach(WriterTestKit::send);
        SimKit.awaitEach(releasedItems);
        SimKit.awaitEach(discardedItems);
        for (UpsertLineItem item : releasedItems) {
            send(WriterTestKit.deletion(SIMD, released, item.classSourcedId(), item.assignmentId(), 2));
        }
        for (UpsertLineItem item : discardedItems) {
            send(WriterTestKit.deletion(SIMD, discarded, item.classSourcedId(), item.assignmentId(), 2));
        }
        for (UpsertLineItem item : releasedItems) {
            List<SyncOutcome> outcomes = awaitOutcomes(item.lineItemSourcedId(), 2);
            assertThat(outcomes.get(1)).isInstanceOfSatisfying(ItemFailed.class,
                    failed -> assertThat(failed.errorCode()).isEqualTo(HeldChanges.HELD_CODE));
        }
        assertThat(releasedItems).allSatisfy(item ->
                assertThat(stored(sim, "lineItems", item.lineItemSourcedId())).as("nothing deleted").isNotNull());

        JsonPath holds = given().get("/districts/" + SIMD + "/holds?open=true&course=" + released).then()
                .statusCode(200).extract().jsonPath();
        assertThat(holds.getList("status", String.class)).containsExactly("HELD");
        assertThat(holds.getList("commands[0]")).hasSize(3);
        long releaseId = holds.getLong("[0].id");
        long discardId = given().get("/districts/" + SIMD + "/holds?open=true&course=" + discarded).then()
                .statusCode(200).extract().jsonPath().getLong("[0].id");
        awaitOutcomes(discardedItems.get(2).lineItemSourcedId(), 2);

        given().contentType(ContentType.JSON).body(Map.of()).post("/districts/" + SIMD + "/holds/" + releaseId
                + "/release").then().statusCode(400);
        given().contentType(ContentType.JSON).body(Map.of("by", "admin@simd")).post("/districts/" + SIMD
                + "/holds/" + releaseId + "/release").then().statusCode(200);
        given().contentType(ContentType.JSON).body(Map.of("by", "admin@simd")).post("/districts/" + SIMD
                + "/holds/" + releaseId + "/discard").then().statusCode(409);
        given().contentType(ContentType.JSON).body(Map.of("by", "other@simd")).post("/districts/" + SIMD
                + "/holds/" + discardId + "/discard").then().statusCode(200);

        await().atMost(WriterTestKit.WAIT).until(() -> releasedItems.stream()
                .allMatch(item -> stored(sim, "lineItems", item.lineItemSourcedId()) == null));
        List<SyncOutcome> last = awaitOutcomes(discardedItems.get(0).lineItemSourcedId(), 3);
        assertThat(last.get(2)).isInstanceOfSatisfying(ItemWritten.class,
                written -> assertThat(written.action()).isEqualTo(CampusWriter.UNCHANGED));
        assertThat(discardedItems).allSatisfy(item ->
                assertThat(stored(sim, "lineItems", item.lineItemSourcedId())).as("IC left as it was").isNotNull());
        JsonPath decided = given().get("/districts/" + SIMD + "/holds?course=" + discarded).then().statusCode(200)
                .extract().jsonPath();
        assertThat(decided.getString("[0].status")).isEqualTo("DISCARDED");
        assertThat(decided.getString("[0].decidedBy")).isEqualTo("other@simd");
        assertThat(decided.getString("[0].decidedAt")).isNotNull();
    }

    @Test
    void aCourseCanvasAnswers404ForIsHeldFromItsFirstDeleteAndDiscardedByItselfWhenTheCourseIsBack() {
        String id = uid();
        String gone = "course-g-" + id;
        String back = "course-b-" + id;
        UpsertLineItem goneItem = lineItem(SIMD, gone, "a1-" + gone, 1, "Gone " + id, "Quizzes");
        UpsertLineItem backItem = lineItem(SIMD, back, "a1-" + back, 1, "Back " + id, "Quizzes");
        send(goneItem);
        send(backItem);
        SimKit.awaitEach(List.of(goneItem, backItem));

        // One delete, far below the burst threshold: held at once, since Canvas did not say the assignment is gone.
        send(courseNotFound(goneItem, 5));
        send(courseNotFound(backItem, 5));
        for (UpsertLineItem item : List.of(goneItem, backItem)) {
            assertThat(awaitOutcomes(item.lineItemSourcedId(), 2).get(1)).isInstanceOfSatisfying(ItemFailed.class,
                    failed -> assertThat(failed.errorCode()).isEqualTo(HeldChanges.HELD_CODE));
            assertThat(stored(sim, "lineItems", item.lineItemSourcedId())).as("nothing deleted").isNotNull();
        }
        JsonPath held = given().get("/districts/" + SIMD + "/holds?open=true&course=" + gone).then()
                .statusCode(200).extract().jsonPath();
        assertThat(held.getString("[0].reasonCode")).isEqualTo(HeldChanges.COURSE_NOT_FOUND);
        assertThat(held.getString("[0].reason")).contains("404");
        assertThat(held.getList("[0].commands")).hasSize(1);

        // Released by an admin: the delete goes to IC.
        given().contentType(ContentType.JSON).body(Map.of("by", "admin@simd")).post("/districts/" + SIMD
                + "/holds/" + held.getLong("[0].id") + "/release").then().statusCode(200);
        await().atMost(WriterTestKit.WAIT).until(() -> stored(sim, "lineItems", goneItem.lineItemSourcedId()) == null);

        // Canvas answers for the other course again: its lineItem is written again (same assignment version) and
        // the hold is discarded by itself, with IC as it was.
        send(lineItem(SIMD, back, "a1-" + back, 1, "Back " + id, "Quizzes"));
        await().atMost(WriterTestKit.WAIT).untilAsserted(() -> assertThat(given()
                .get("/districts/" + SIMD + "/holds?course=" + back).then().statusCode(200).extract().jsonPath()
                .getString("[0].decidedBy")).isEqualTo(HoldDecisions.COURSE_IS_BACK));
        assertThat(given().get("/districts/" + SIMD + "/holds?course=" + back).then().extract().jsonPath()
                .getString("[0].status")).isEqualTo("DISCARDED");
        assertThat(awaitOutcomes(backItem.lineItemSourcedId(), 3)).last()
                .isInstanceOfSatisfying(ItemWritten.class, w -> assertThat(w.action()).isEqualTo(CampusWriter.UNCHANGED));
        assertThat(stored(sim, "lineItems", backItem.lineItemSourcedId())).isNotNull();
    }

    @Test
    void theDailySyncsPublishedRunVerifiesTheCourseAndRepairsIt() {
        String id = uid();
        String course = "course-daily-" + id;
        UpsertLineItem item = lineItem(SIMD, course, "a1-" + course, 1, "Daily " + id, "Quizzes");
        send(item);
        SimKit.awaitEach(List.of(item));
        assertThat(sim.control().renameLineItem(item.lineItemSourcedId(), "Renamed in IC")).isTrue();

        // canvas-ingest reports the daily sync's reconciliation as published on sync-outcomes.
        String runId = "daily-" + id;
        WriterTestKit.kafka().sendJson(Topics.SYNC_OUTCOMES, SIMD + "/" + course, new SyncRunProgressed(
                EventIds.of("sync-run", SIMD, course, runId, "PUBLISHED"), java.time.Instant.now(), SIMD, course,
                System.currentTimeMillis(), runId, SyncTrigger.DAILY, "schedule", "PUBLISHED", 1, 0, "Published."));

        JsonPath verification = await().atMost(WriterTestKit.WAIT).until(() -> given()
                .get("/districts/" + SIMD + "/courses/" + course + "/verification").then().extract().jsonPath(),
                json -> runId.equals(json.getString("runId")));
        assertThat(verification.getString("trigger")).isEqualTo("DAILY");
        assertThat(verification.getInt("repaired")).isEqualTo(1);
        await().atMost(WriterTestKit.WAIT).untilAsserted(() -> assertThat(
                stored(sim, "lineItems", item.lineItemSourcedId()).path("title").asText()).isEqualTo(item.title()));
    }

    @Test
    void changesOfMoreThanHalfOfACoursesScoresAreHeldFromTheOneThatPassesTheShare() {
        String id = uid();
        String course = "course-s-" + id;
        List<String> students = List.of("STU-5001", "STU-5002", "STU-5003");
        List<UpsertLineItem> items = new java.util.ArrayList<>();
        List<UpsertResult> scores = new java.util.ArrayList<>();
        for (int i = 0; i < 7; i++) {
            UpsertLineItem item = lineItem(SIMD, course, "a" + i + "-" + course, 1, "Share " + i + " " + id, "Quizzes");
            items.add(item);
            for (String student : students) {
                scores.add(result(SIMD, course, item.assignmentId(), student, 1, 5.0));
            }
        }
        items.forEach(WriterTestKit::send);
        SimKit.awaitEach(items);
        scores.forEach(WriterTestKit::send);
        await().atMost(WriterTestKit.WAIT).until(() -> scores.stream()
                .allMatch(r -> stored(sim, "results", r.resultSourcedId()) != null));

        // 21 scores in IC, district default 50 % of at least 20: ten changes pass, the eleventh is held.
        List<UpsertResult> changes = scores.stream().limit(12)
                .map(r -> result(SIMD, course, r.assignmentId(), r.studentSourcedId(), 2, 9.0)).toList();
        changes.forEach(WriterTestKit::send);
        List<SyncOutcome> second = changes.stream().map(r -> awaitOutcomes(r.resultSourcedId(), 2).get(1)).toList();
        List<UpsertResult> sent = changes.stream()
                .filter(r -> stored(sim, "results", r.resultSourcedId()).path("score").asDouble() == 9.0).toList();
        assertThat(sent).as("changes within the share reach IC").hasSize(10);
        assertThat(second).filteredOn(o -> o instanceof ItemFailed f && HeldChanges.HELD_CODE.equals(f.errorCode()))
                .hasSize(2);
        JsonPath held = given().get("/districts/" + SIMD + "/holds?open=true&course=" + course).then()
                .statusCode(200).extract().jsonPath();
        assertThat(held.getString("[0].reasonCode")).isEqualTo(HeldChanges.RESULT_CHANGES);
        assertThat(held.getString("[0].reason")).contains("11 of the course's 21 scores");
        assertThat(held.getList("[0].commands")).hasSize(2);

        given().contentType(ContentType.JSON).body(Map.of("by", "admin@simd")).post("/districts/" + SIMD
                + "/holds/" + held.getLong("[0].id") + "/release").then().statusCode(200);
        await().atMost(WriterTestKit.WAIT).until(() -> changes.stream()
                .allMatch(r -> stored(sim, "results", r.resultSourcedId()).path("score").asDouble() == 9.0));
    }

    private static DeleteLineItem courseNotFound(UpsertLineItem item, long version) {
        DeleteLineItem delete = WriterTestKit.deletion(SIMD, item.courseId(), item.classSourcedId(),
                item.assignmentId(), version);
        return new DeleteLineItem(delete.eventId(), delete.occurredAt(), delete.tenant(), delete.courseId(),
                delete.assignmentId(), delete.classSourcedId(), delete.lineItemSourcedId(), version,
                HeldChanges.COURSE_NOT_FOUND);
    }

    private static List<UpsertLineItem> items(String course, String id) {
        return List.of(lineItem(SIMD, course, "a1-" + course, 1, "One " + id, "Quizzes"),
                lineItem(SIMD, course, "a2-" + course, 1, "Two " + id, "Quizzes"),
                lineItem(SIMD, course, "a3-" + course, 1, "Three " + id, "Quizzes"));
    }
}
