package org.ccsync.status.inbound;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.ccsync.contracts.DailySyncScheduleChanged;
import org.ccsync.contracts.EventIds;
import org.ccsync.contracts.EventKeys;
import org.ccsync.contracts.ItemFailed;
import org.ccsync.contracts.ItemKind;
import org.ccsync.contracts.ItemRef;
import org.ccsync.contracts.ItemSkipped;
import org.ccsync.contracts.ItemWritten;
import org.ccsync.contracts.SyncOutcome;
import org.ccsync.contracts.SyncRequest;
import org.ccsync.contracts.SyncRequested;
import org.ccsync.contracts.Topics;
import org.ccsync.status.SignInTestResource;
import org.ccsync.status.Tokens;
import org.ccsync.testsupport.InfraTestResource;
import org.ccsync.testsupport.KafkaTestClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = InfraTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = SignInTestResource.class, scope = TestResourceScope.GLOBAL)
class CourseStatusResourceTest {

    private static final Duration BOUND = Duration.ofSeconds(30);
    private static final KafkaTestClient kafka = KafkaTestClient.shared();
    private static final Instant T0 = Instant.parse("2026-11-27T15:00:00Z");

    @AfterAll
    static void closeClient() {
        kafka.close();
    }

    @Test
    void courseViewCountsEveryKindOfOutcome() {
        String course = uniqueCourse();
        send(written(course, "401", "5001", 1, 9.5));
        send(skipped(course, "403", 1, "post_to_sis_off"));
        send(skipped(course, "407", 1, "no_due_date"));
        send(failed(course, "421", "5011", 1, "student STU-5011 is not enrolled in class SEC-ALG1-P3"));

        await().atMost(BOUND).untilAsserted(() -> api().get(path(course))
                .then().statusCode(200)
                .body("counts.written", equalTo(1))
                .body("counts.skipped", equalTo(2))
                .body("counts.failed", equalTo(1))
                .body("counts.skippedByReason.post_to_sis_off", equalTo(1))
                .body("counts.failedByCode.ic_invaliddata", equalTo(1))
                .body("lastSuccessfulSyncAt", not(equalTo(null))));

        api().get(path(course) + "/items?status=FAILED").then().statusCode(200)
                .body("[0].message", containsString("not enrolled"))
                .body("[0].userId", equalTo("5011"));
    }

    @Test
    void anOlderOutcomeNeverReplacesANewerOneAndDuplicatesCountOnce() {
        String course = uniqueCourse();
        SyncOutcome newer = failed(course, "401", "5001", 2, "score date outside the grading window");
        send(newer);
        send(written(course, "401", "5001", 1, 7.0));
        send(newer);
        send(written(course, "401", "5002", 1, 8.0));

        await().atMost(BOUND).untilAsserted(() -> api().get(path(course))
                .then().statusCode(200)
                .body("counts.written", equalTo(1))
                .body("counts.failed", equalTo(1)));
        api().get(path(course) + "/items?status=FAILED").then()
                .body("size()", equalTo(1))
                .body("[0].userId", equalTo("5001"))
                .body("[0].sourceVersion", equalTo(2));
    }

    @Test
    void unknownCourseIs404WithAStableCode() {
        api().get(path("no-such-course-" + UUID.randomUUID()))
                .then().statusCode(404)
                .contentType(ContentType.JSON)
                .body("code", equalTo("unknown_course"))
                .body("message", containsString("no-such-course"));
        api().post(path("no-such-course") + "/sync").then().statusCode(404).body("code", equalTo("unknown_course"));
    }

    @Test
    void syncNowIsDurableInKafkaBeforeThe202() {
        String course = uniqueCourse();
        send(written(course, "401", "5001", 1, 9.5));
        await().atMost(BOUND).untilAsserted(() -> api().get(path(course)).then().statusCode(200));

        String runId = api().post(path(course) + "/sync")
                .then().statusCode(202)
                .body("stage", equalTo("REQUESTED"))
                .extract().path("runId");

        var records = kafka.awaitRecords(Topics.SYNC_REQUESTS,
                r -> r.key().equals(EventKeys.course("demo", course)), 1, BOUND);
        SyncRequest request = KafkaTestClient.read(records.get(0), SyncRequest.class);
        assertThat(request).isInstanceOfSatisfying(SyncRequested.class,
                r -> assertThat(r.runId()).isEqualTo(runId));
        api().get(path(course) + "/runs").then().statusCode(200)
                .body("[0].runId", equalTo(runId))
                .body("[0].stage", equalTo("REQUESTED"))
                .body("[0].requestedBy", equalTo("admin@demo.example.org"));
    }

    @Test
    void dailyScheduleIsValidatedStoredAndPublished() {
        String course = uniqueCourse();
        send(written(course, "401", "5001", 1, 9.5));
        await().atMost(BOUND).untilAsserted(() -> api().get(path(course)).then().statusCode(200));

        api().contentType(ContentType.JSON).body("{}").put(path(course) + "/daily-sync")
                .then().statusCode(400).body("code", equalTo("invalid_request"));
        api().contentType(ContentType.JSON).body("{\"enabled\": ").put(path(course) + "/daily-sync")
                .then().statusCode(400).body("code", equalTo("invalid_request"))
                .body(not(containsString("Exception")));

        api().contentType(ContentType.JSON).body("{\"enabled\": true}").put(path(course) + "/daily-sync")
                .then().statusCode(200).body("dailySyncEnabled", equalTo(true));
        var records = kafka.awaitRecords(Topics.SYNC_REQUESTS,
                r -> r.key().equals(EventKeys.course("demo", course)), 1, BOUND);
        assertThat(KafkaTestClient.read(records.get(0), SyncRequest.class))
                .isInstanceOfSatisfying(DailySyncScheduleChanged.class, c -> assertThat(c.enabled()).isTrue());
    }

    @Test
    void aPoisonOutcomeGoesToTheDeadLetterTopicAndTheNextIsStillProcessed() {
        String course = uniqueCourse();
        kafka.sendRaw(Topics.SYNC_OUTCOMES, EventKeys.course("demo", course), "{not json");
        send(written(course, "401", "5001", 1, 9.5));

        kafka.awaitRecords(Topics.dlq(Topics.SYNC_OUTCOMES),
                r -> EventKeys.course("demo", course).equals(r.key()), 1, BOUND);
        await().atMost(BOUND).untilAsserted(() -> api().get(path(course))
                .then().statusCode(200).body("counts.written", equalTo(1)));
    }

    private static RequestSpecification api() {
        return given().auth().oauth2(Tokens.admin("demo"));
    }

    private static String uniqueCourse() {
        return "c-" + UUID.randomUUID();
    }

    private static String path(String course) {
        return "/api/districts/demo/courses/" + course;
    }

    private static void send(SyncOutcome outcome) {
        kafka.sendJson(Topics.SYNC_OUTCOMES, EventKeys.course(outcome.tenant(), outcome.courseId()), outcome);
    }

    private static ItemWritten written(String course, String assignment, String user, long version, double score) {
        return new ItemWritten(EventIds.of("t-written", course, assignment, user, version), T0.plusSeconds(version),
                "demo", course, version, new ItemRef(ItemKind.RESULT, assignment, user, "SEC-1", "r-" + user, "Quiz"),
                "UPSERTED", "Quizzes", "GP-Q2", score, T0);
    }

    private static ItemSkipped skipped(String course, String assignment, long version, String code) {
        return new ItemSkipped(EventIds.of("t-skipped", course, assignment, version), T0.plusSeconds(version),
                "demo", course, version, new ItemRef(ItemKind.ASSIGNMENT, assignment, null, null, null, "Reading Log"),
                code, "A reason sentence.");
    }

    private static ItemFailed failed(String course, String assignment, String user, long version, String error) {
        return new ItemFailed(EventIds.of("t-failed", course, assignment, user, version), T0.plusSeconds(version),
                "demo", course, version, new ItemRef(ItemKind.RESULT, assignment, user, "SEC-1", "r-" + user, "Test"),
                "ic_invaliddata", error, false);
    }
}
