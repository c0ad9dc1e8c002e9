package org.ccsync.status.platform;

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
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ccsync.contracts.DailySyncScheduleChanged;
import org.ccsync.contracts.EventKeys;
import org.ccsync.contracts.SyncRequest;
import org.ccsync.contracts.Topics;
import org.ccsync.status.Events;
import org.ccsync.status.SignInTestResource;
import org.ccsync.status.Tokens;
import org.ccsync.testsupport.InfraTestResource;
import org.ccsync.testsupport.KafkaTestClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = InfraTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = SignInTestResource.class, scope = TestResourceScope.GLOBAL)
class OperationsTest {

    private static final Duration BOUND = Duration.ofSeconds(30);
    private static final KafkaTestClient kafka = KafkaTestClient.shared();

    @Inject
    BacklogMetrics backlogMetrics;

    @Inject
    DlqMetrics dlqMetrics;

    @AfterAll
    static void closeClient() {
        kafka.close();
    }

    @Test
    void backlogGaugesShowPendingItemsAndTheOldestAgePerDistrict() {
        String tenant = "metrics-" + UUID.randomUUID();
        Events events = new Events(kafka, tenant);
        Instant since = Instant.now().minusSeconds(600);
        events.command(events.upsertResult("c1", "401", "5001", 1, since));
        events.command(events.upsertResult("c2", "401", "5002", 1, Instant.now()));
        await().atMost(BOUND).untilAsserted(() -> given().auth().oauth2(Tokens.admin(tenant))
                .get("/api/districts/" + tenant + "/dashboard").then().body("totals.pending", equalTo(2)));

        backlogMetrics.refresh();
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(gauge(metrics, "ccsync_backlog_pending", "tenant", tenant)).isEqualTo(2.0);
        assertThat(gauge(metrics, "ccsync_backlog_oldest_age_seconds", "tenant", tenant)).isBetween(590.0, 3600.0);

        events.outcome(events.resultWritten("c1", "401", "5001", 1, 9.0));
        events.outcome(events.resultWritten("c2", "401", "5002", 1, 9.0));
        await().atMost(BOUND).untilAsserted(() -> given().auth().oauth2(Tokens.admin(tenant))
                .get("/api/districts/" + tenant + "/dashboard").then().body("totals.pending", equalTo(0)));
        backlogMetrics.refresh();
        metrics = given().get("/q/metrics").then().extract().asString();
        assertThat(gauge(metrics, "ccsync_backlog_pending", "tenant", tenant)).isEqualTo(0.0);
        assertThat(gauge(metrics, "ccsync_backlog_oldest_age_seconds", "tenant", tenant)).isEqualTo(0.0);
    }

    @Test
    void dlqDepthCountsRecordsOnEveryDeadLetterTopic() {
        kafka.sendRaw(Topics.dlq(Topics.SYNC_REQUESTS), "dlq-metrics", "{\"parked\": true}");
        dlqMetrics.refresh();
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(gauge(metrics, "ccsync_dlq_depth", "topic", "sync-requests-dlq")).isGreaterThanOrEqualTo(1.0);
        assertThat(gauge(metrics, "ccsync_dlq_depth", "topic", "category-mappings-dlq")).isNotNull();
    }

    @Test
    void theDistrictDefaultTurnsDailySyncOnForNewCoursesUntilACourseSaysOtherwise() {
        // ccsync.districts."default-on".daily-sync-default=true in the test profile.
        String tenant = "default-on";
        String course = "c-" + UUID.randomUUID();
        Events events = new Events(kafka, tenant);
        events.outcome(events.resultWritten(course, "401", "5001", 1, 9.0));
        var first = kafka.awaitRecords(Topics.SYNC_REQUESTS, r -> r.key().equals(EventKeys.course(tenant, course)),
                1, BOUND);
        assertThat(KafkaTestClient.read(first.get(0), SyncRequest.class))
                .isInstanceOfSatisfying(DailySyncScheduleChanged.class, c -> {
                    assertThat(c.enabled()).isTrue();
                    assertThat(c.sourceVersion()).isEqualTo(1);
                    assertThat(c.changedBy()).isEqualTo("district-default");
                });
        String path = "/api/districts/" + tenant + "/courses/" + course;
        String admin = Tokens.admin(tenant);
        await().atMost(BOUND).untilAsserted(() -> given().auth().oauth2(admin).get(path).then().statusCode(200)
                .body("dailySync.enabled", equalTo(true))
                .body("dailySync.source", equalTo("district-default")));

        given().auth().oauth2(admin).contentType(ContentType.JSON).body("{\"enabled\": false}")
                .put(path + "/daily-sync").then().statusCode(200)
                .body("dailySyncEnabled", equalTo(false))
                .body("dailySync.source", equalTo("course"));
        given().auth().oauth2(admin).delete(path + "/daily-sync").then().statusCode(200)
                .body("dailySyncEnabled", equalTo(true))
                .body("dailySync.source", equalTo("district-default"));
        var all = kafka.awaitRecords(Topics.SYNC_REQUESTS, r -> r.key().equals(EventKeys.course(tenant, course)), 3,
                BOUND);
        DailySyncScheduleChanged off = (DailySyncScheduleChanged) KafkaTestClient.read(all.get(1), SyncRequest.class);
        DailySyncScheduleChanged back = (DailySyncScheduleChanged) KafkaTestClient.read(all.get(2), SyncRequest.class);
        assertThat(off.enabled()).isFalse();
        assertThat(back.enabled()).isTrue();
        assertThat(back.sourceVersion()).isGreaterThan(off.sourceVersion()).isGreaterThan(1);
    }

    @Test
    void theOpenApiDocumentDescribesTheApiAndItsBearerSecurity() {
        given().get("/q/openapi?format=json").then().statusCode(200)
                .contentType(ContentType.JSON)
                .body(containsString("/api/districts/{tenant}/courses/{courseId}/sync"))
                .body(containsString("/api/districts/{tenant}/category-mappings/{canvasGroupName}"))
                .body(containsString("/api/districts/{tenant}/dashboard"))
                .body(containsString("\"bearerFormat\" : \"JWT\""))
                .body(not(containsString("\"/ui")));
    }

    private static Double gauge(String metrics, String name, String tag, String value) {
        Matcher m = Pattern.compile("^" + name + "\\{[^}]*" + tag + "=\"" + Pattern.quote(value) + "\"[^}]*} (\\S+)$",
                Pattern.MULTILINE).matcher(metrics);
        return m.find() ? Double.valueOf(m.group(1)) : null;
    }
}
