package org.ccsync.status.domain;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.ccsync.contracts.Topics;
import org.ccsync.status.Events;
import org.ccsync.status.SignInTestResource;
import org.ccsync.status.Tokens;
import org.ccsync.testsupport.InfraTestResource;
import org.ccsync.testsupport.KafkaTestClient;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** Issue 18: an item is WRITTEN only while Infinite Campus holds it. */
@QuarkusTest
@WithTestResource(value = InfraTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = SignInTestResource.class, scope = TestResourceScope.GLOBAL)
class RemovedFromCampusTest {

    private static final Duration BOUND = Duration.ofSeconds(30);
    private static final KafkaTestClient kafka = KafkaTestClient.shared();
    private static final String TENANT = "removed";
    private static final Events events = new Events(kafka, TENANT);
    private static final String NOT_POSTED = "The teacher did not tick \"Post to SIS\" for this assignment.";

    @AfterAll
    static void closeClient() {
        kafka.close();
    }

    @Test
    void aDeletedLineItemTakesItsWrittenResultsAlongUntilEachIsWrittenAgain() {
        String course = uniqueCourse();
        events.change(events.roster(course, 1, "Chemistry", "t@removed.example.org", "5001", "5002", "5003",
                "5004"));
        events.change(events.assignment(course, "401", 10, "Quiz 1"));
        events.change(events.assignment(course, "402", 10, "Quiz 2"));
        events.outcome(events.lineItemWritten(course, "401", 10, "Quizzes", "GP-Q2"));
        events.outcome(events.resultWritten(course, "401", "5001", 11, 9.5));
        events.outcome(events.resultWritten(course, "401", "5002", 11, 8.0));
        events.outcome(events.resultFailed(course, "401", "5003", 11, "IC said: score 12 exceeds the maximum"));
        // Another class's result of the same assignment, and another assignment's result, stay in IC.
        events.outcome(events.resultWritten(course, "401", "5004", "SEC-2", 11, 7.0, "first"));
        events.outcome(events.lineItemWritten(course, "402", 10, "Quizzes", "GP-Q2"));
        events.outcome(events.resultWritten(course, "402", "5001", 11, 6.0));
        await().atMost(BOUND).untilAsserted(() -> api().get(path(course)).then().statusCode(200)
                .body("counts.written", equalTo(6))
                .body("counts.failed", equalTo(1))
                .body("counts.removed", equalTo(0)));

        // A newer score of 5002 waits for IC when the lineItem goes: it stays PENDING, its last outcome is removed.
        events.command(events.upsertResult(course, "401", "5002", 12, Events.T0));
        await().atMost(BOUND).untilAsserted(() -> api().get(path(course)).then()
                .body("counts.pending", equalTo(1))
                .body("counts.written", equalTo(5)));

        events.outcome(events.assignmentSkipped(course, "401", 20, "post_to_sis_off", NOT_POSTED));
        events.outcome(events.lineItemDeleted(course, "401", 20));

        await().atMost(BOUND).untilAsserted(() -> api().get(path(course)).then()
                .body("counts.written", equalTo(3))
                .body("counts.removed", equalTo(2))
                .body("counts.pending", equalTo(1))
                .body("counts.failed", equalTo(1))
                .body("counts.skipped", equalTo(1)));
        api().get(path(course) + "/items?status=REMOVED").then().statusCode(200)
                .body("size()", equalTo(2))
                .body("find { it.kind == 'LINE_ITEM' }.assignmentId", equalTo("401"))
                .body("find { it.kind == 'LINE_ITEM' }.lastOutcomeStatus", equalTo("REMOVED"))
                .body("find { it.kind == 'LINE_ITEM' }.reasonCode", equalTo("post_to_sis_off"))
                .body("find { it.kind == 'LINE_ITEM' }.message",
                        equalTo("Removed from Infinite Campus: " + NOT_POSTED))
                .body("find { it.kind == 'RESULT' }.userId", equalTo("5001"))
                .body("find { it.kind == 'RESULT' }.reasonCode", equalTo("line_item_deleted"))
                .body("find { it.kind == 'RESULT' }.message",
                        equalTo("Removed from Infinite Campus with its lineItem: " + NOT_POSTED))
                .body("find { it.kind == 'RESULT' }.writtenScore", equalTo(9.5f));
        api().get(path(course) + "/items?status=PENDING").then()
                .body("size()", equalTo(1))
                .body("[0].userId", equalTo("5002"))
                .body("[0].lastOutcomeStatus", equalTo("REMOVED"));
        api().get(path(course) + "/items?status=WRITTEN").then()
                .body("findAll { it.assignmentId == '401' }.userId", equalTo(List.of("5004")));
        api().get(path(course) + "/items?status=FAILED").then()
                .body("[0].userId", equalTo("5003"));
        api().get(path(course) + "/assignments/401").then().statusCode(200)
                .body("assignment.results.removed", equalTo(1))
                .body("assignment.results.written", equalTo(1))
                .body("results.find { it.userId == '5001' }.status", equalTo("REMOVED"));
        api().get(path(course) + "/students").then()
                .body("find { it.userId == '5001' }.status", equalTo("REMOVED"))
                .body("find { it.userId == '5001' }.reason", containsString("with its lineItem"))
                .body("find { it.userId == '5001' }.results.removed", equalTo(1))
                .body("find { it.userId == '5001' }.results.written", equalTo(1))
                .body("find { it.userId == '5004' }.status", equalTo("WRITTEN"));

        Document page = Jsoup.parse(given().cookie("ccsync_token", Tokens.admin(TENANT))
                .get("/ui/districts/" + TENANT + "/courses/" + course).asString());
        assertThat(page.select("#count-written").attr("data-count")).isEqualTo("3");
        assertThat(page.select("#count-removed").attr("data-count")).isEqualTo("2");
        assertThat(page.select("#count-removed").parents().first().text())
                .contains("Removed", "no longer in Infinite Campus");
        assertThat(page.select("#assignments tr[data-assignment-id=401]").text())
                .contains("1 removed from Infinite Campus");
        assertThat(page.select("#students tr[data-user-id=5001]").attr("data-status")).isEqualTo("REMOVED");
        assertThat(page.select("#students tr[data-user-id=5001] .reason").text())
                .isEqualTo("Removed from Infinite Campus with its lineItem: " + NOT_POSTED);

        // The lineItem is created again, without its results: it is WRITTEN, its results stay removed until the
        // writer reports each written again (here at the same version, arriving later).
        events.outcome(events.lineItemWritten(course, "401", 30, "Quizzes", "GP-Q2"));
        await().atMost(BOUND).untilAsserted(() -> api().get(path(course)).then()
                .body("counts.written", equalTo(4))
                .body("counts.removed", equalTo(1)));
        api().get(path(course) + "/items?status=REMOVED").then()
                .body("size()", equalTo(1))
                .body("[0].userId", equalTo("5001"));

        events.outcome(events.resultWritten(course, "401", "5001", "SEC-1", 11, 9.5, "rewritten"));
        events.outcome(events.resultWritten(course, "401", "5002", 12, 8.5));
        await().atMost(BOUND).untilAsserted(() -> api().get(path(course)).then()
                .body("counts.written", equalTo(6))
                .body("counts.removed", equalTo(0))
                .body("counts.pending", equalTo(0)));
        api().get(path(course) + "/students").then()
                .body("find { it.userId == '5001' }.status", equalTo("WRITTEN"))
                .body("find { it.userId == '5001' }.results.removed", equalTo(0))
                .body("find { it.userId == '5002' }.status", equalTo("WRITTEN"));
    }

    @Test
    void deleteCommandsArePendingAndAClearedScoreRemovesOneResult() {
        String course = uniqueCourse();
        events.outcome(events.lineItemWritten(course, "401", 10, "Quizzes", "GP-Q2"));
        events.outcome(events.resultWritten(course, "401", "5001", 11, 9.5));
        events.outcome(events.resultWritten(course, "401", "5002", 11, 8.0));
        events.outcome(events.lineItemWritten(course, "402", 10, "Quizzes", "GP-Q2"));
        await().atMost(BOUND).untilAsserted(() -> api().get(path(course)).then().statusCode(200)
                .body("counts.written", equalTo(4)));

        events.command(events.deleteResult(course, "401", "5001", 20, "score_cleared"));
        events.command(events.deleteLineItem(course, "402", 20, "deleted"));
        await().atMost(BOUND).untilAsserted(() -> api().get(path(course)).then()
                .body("counts.pending", equalTo(2))
                .body("counts.written", equalTo(2)));
        api().get(path(course) + "/items?status=PENDING").then()
                .body("size()", equalTo(2))
                .body("find { it.kind == 'RESULT' }.userId", equalTo("5001"))
                .body("find { it.kind == 'RESULT' }.lastOutcomeStatus", equalTo("WRITTEN"))
                .body("find { it.kind == 'LINE_ITEM' }.assignmentId", equalTo("402"));
        assertThat(kafka.currentRecords(Topics.dlq(Topics.CAMPUS_WRITES), r -> r.value().contains(course)))
                .isEmpty();

        events.outcome(events.resultDeleted(course, "401", "5001", 20));
        events.outcome(events.lineItemDeleted(course, "402", 20));
        await().atMost(BOUND).untilAsserted(() -> api().get(path(course)).then()
                .body("counts.pending", equalTo(0))
                .body("counts.written", equalTo(2))
                .body("counts.removed", equalTo(2)));
        api().get(path(course) + "/items?status=REMOVED").then()
                .body("size()", equalTo(2))
                .body("find { it.kind == 'RESULT' }.userId", equalTo("5001"))
                .body("find { it.kind == 'RESULT' }.reasonCode", equalTo("score_cleared"))
                .body("find { it.kind == 'RESULT' }.message",
                        equalTo("Removed from Infinite Campus: the score was cleared in Canvas."))
                .body("find { it.kind == 'RESULT' }.score", nullValue())
                .body("find { it.kind == 'LINE_ITEM' }.reasonCode", equalTo("deleted"))
                .body("find { it.kind == 'LINE_ITEM' }.message",
                        equalTo("Removed from Infinite Campus: the assignment was deleted in Canvas."));
        api().get(path(course) + "/items?status=WRITTEN").then()
                .body("find { it.kind == 'RESULT' }.userId", equalTo("5002"));

        // A new score for the student: in IC again.
        events.outcome(events.resultWritten(course, "401", "5001", 30, 7.0));
        await().atMost(BOUND).untilAsserted(() -> api().get(path(course)).then()
                .body("counts.written", equalTo(3))
                .body("counts.removed", equalTo(1)));
    }

    @Test
    void ofTwoOutcomesOfOneVersionTheLaterWinsAnOlderVersionLosesAndARepeatedEventChangesNothing() {
        String course = uniqueCourse();
        // A late penalty recomputed in Canvas: a new score, the same graded_at, so the same source version. The
        // second arrives later on the partition, though stamped earlier (another writer replica's clock).
        var first = events.resultWritten(course, "401", "5001", "SEC-1", 5, 7.0, "before-penalty",
                Events.T0.plusSeconds(60));
        var recomputed = events.resultWritten(course, "401", "5001", "SEC-1", 5, 6.3, "after-penalty",
                Events.T0.plusSeconds(30));
        events.outcome(first);
        events.outcome(recomputed);
        await().atMost(BOUND).untilAsserted(() -> api().get(path(course) + "/items?status=WRITTEN").then()
                .statusCode(200)
                .body("find { it.userId == '5001' }.score", equalTo(6.3f)));

        // An outcome of an older version, the first outcome again (same event id), then a marker on the same
        // partition: once the marker is in, the two before it were processed and changed nothing.
        events.outcome(events.resultWritten(course, "401", "5001", "SEC-1", 4, 9.0, "older",
                Events.T0.plusSeconds(120)));
        events.outcome(first);
        events.outcome(events.resultWritten(course, "401", "9999", 1, 1.0));
        await().atMost(BOUND).untilAsserted(() -> api().get(path(course)).then()
                .body("counts.written", equalTo(2)));
        api().get(path(course) + "/items?status=WRITTEN").then()
                .body("find { it.userId == '5001' }.score", equalTo(6.3f))
                .body("find { it.userId == '5001' }.sourceVersion", equalTo(5));

        // A failure and then a write of one version: the write arrived later and wins, whatever its stamp.
        events.outcome(events.resultFailed(course, "401", "5002", 8, "IC said: try again"));
        events.outcome(events.resultWritten(course, "401", "5002", "SEC-1", 8, 8.0, "after-failure",
                Events.T0));
        await().atMost(BOUND).untilAsserted(() -> api().get(path(course)).then()
                .body("counts.written", equalTo(3))
                .body("counts.failed", equalTo(0)));
    }

    private static RequestSpecification api() {
        return given().auth().oauth2(Tokens.admin(TENANT));
    }

    private static String uniqueCourse() {
        return "c-" + UUID.randomUUID();
    }

    private static String path(String course) {
        return "/api/districts/" + TENANT + "/courses/" + course;
    }
}
