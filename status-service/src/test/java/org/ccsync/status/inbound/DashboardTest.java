package org.ccsync.status.inbound;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
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
class DashboardTest {

    private static final Duration BOUND = Duration.ofSeconds(30);
    private static final KafkaTestClient kafka = KafkaTestClient.shared();

    @AfterAll
    static void closeClient() {
        kafka.close();
    }

    @Test
    void coursesWithFailuresComeFirstWithDistrictTotals() {
        String tenant = "dash-" + UUID.randomUUID();
        Events events = new Events(kafka, tenant);
        events.outcome(events.resultWritten("a-clean", "401", "5001", 1, 9.0));
        events.outcome(events.resultWritten("a-clean", "401", "5002", 1, 8.0));
        events.outcome(events.resultWritten("a-clean", "401", "5003", 1, 7.0));
        events.outcome(events.resultDeleted("a-clean", "401", "5003", 2));
        events.outcome(events.resultFailed("b-two-failures", "401", "5001", 1, "IC error one"));
        events.outcome(events.resultFailed("b-two-failures", "401", "5002", 1, "IC error two"));
        events.outcome(events.resultFailed("c-one-failure", "401", "5001", 1, "IC error three"));
        events.command(events.upsertResult("c-one-failure", "402", "5001", 1, Events.T0));

        String admin = Tokens.admin(tenant);
        await().atMost(BOUND).untilAsserted(() -> given().auth().oauth2(admin)
                .get("/api/districts/" + tenant + "/dashboard").then().statusCode(200)
                .body("totals.courses", equalTo(3))
                .body("totals.written", equalTo(2))
                .body("totals.removed", equalTo(1))
                .body("totals.failed", equalTo(3))
                .body("totals.pending", equalTo(1))
                .body("totals.oldestPendingSince", equalTo("2026-11-27T15:00:00Z"))
                .body("courses.courseId", equalTo(List.of("b-two-failures", "c-one-failure", "a-clean")))
                .body("health.reported", equalTo(false))
                .body("timeZone", equalTo("America/Chicago")));

        given().cookie("ccsync_token", admin).get("/ui/districts/" + tenant).then().statusCode(200)
                .contentType("text/html")
                .body(containsString("id=\"total-failed\">3<"))
                .body(containsString("id=\"total-removed\">1<"))
                .body(containsString("data-course-id=\"b-two-failures\" data-failed=\"2\""));
    }

    @Test
    void aFailingOrExpiringIcConnectionIsFlaggedAndTheNewestReportWins() {
        String tenant = "dash-" + UUID.randomUUID();
        Events events = new Events(kafka, tenant);
        String admin = Tokens.admin(tenant);
        Instant soon = Instant.now().plus(Duration.ofDays(3));
        events.outcome(events.district(2, false, true, soon, "IC answered 503 Service Unavailable five times."));
        events.outcome(events.district(1, true, true, null, "older and healthy"));

        await().atMost(BOUND).untilAsserted(() -> given().auth().oauth2(admin)
                .get("/api/districts/" + tenant + "/dashboard").then().statusCode(200)
                .body("health.reported", equalTo(true))
                .body("health.icAvailable", equalTo(false))
                .body("health.alerts", equalTo(List.of("ic_unavailable", "credentials_expiring")))
                .body("health.message", containsString("503"))
                .body("health.identityStrategy", equalTo("ic-rostering"))
                .body("health.credentialsExpireAt", notNullValue()));
        given().cookie("ccsync_token", admin).get("/ui/districts/" + tenant).then().statusCode(200)
                .body(containsString("data-strategy=\"ic-rostering\""))
                .body(containsString("data-alerts=\"ic_unavailable credentials_expiring\""))
                .body(containsString("IC answered 503 Service Unavailable five times."));

        events.outcome(events.district(3, true, false, Instant.now().minusSeconds(60), "invalid_client"));
        await().atMost(BOUND).untilAsserted(() -> given().auth().oauth2(admin)
                .get("/api/districts/" + tenant + "/dashboard").then()
                .body("health.alerts", equalTo(List.of("credentials_invalid", "credentials_expired"))));
        events.outcome(events.district(4, true, true, Instant.now().plus(Duration.ofDays(90)), "All good."));
        await().atMost(BOUND).untilAsserted(() -> given().auth().oauth2(admin)
                .get("/api/districts/" + tenant + "/dashboard").then()
                .body("health.alerts", equalTo(List.of()))
                .body("totals.courses", equalTo(0)));
    }
}
