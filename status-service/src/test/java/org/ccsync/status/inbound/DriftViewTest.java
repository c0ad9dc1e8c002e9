package org.ccsync.status.inbound;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.ccsync.contracts.CourseVerified;
import org.ccsync.contracts.DriftActionRequested;
import org.ccsync.contracts.EventIds;
import org.ccsync.contracts.EventKeys;
import org.ccsync.contracts.HoldChanged;
import org.ccsync.contracts.SyncRequest;
import org.ccsync.contracts.Topics;
import org.ccsync.status.Events;
import org.ccsync.status.SignInTestResource;
import org.ccsync.status.Tokens;
import org.ccsync.testsupport.InfraTestResource;
import org.ccsync.testsupport.KafkaTestClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Drift as the course page, the dashboard and the API show it: the latest verification with IC's and Canvas's value
 * per item, held changes with their reason, and an admin's release (audited, sent to campus-writer); a teacher may
 * not decide and an older hold state never replaces a newer one.
 */
@QuarkusTest
@WithTestResource(value = InfraTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = SignInTestResource.class, scope = TestResourceScope.GLOBAL)
class DriftViewTest {

    private static final Duration BOUND = Duration.ofSeconds(30);
    private static final KafkaTestClient kafka = KafkaTestClient.shared();

    @AfterAll
    static void closeClient() {
        kafka.close();
    }

    @Test
    void verificationsAndHoldsAreShownAndAnAdminReleasesAHold() {
        String tenant = "drift-" + UUID.randomUUID();
        String course = "c-1";
        Events events = new Events(kafka, tenant);
        events.outcome(events.resultWritten(course, "401", "5001", 1, 10.0));
        Instant at = Instant.parse("2026-12-01T10:00:00Z");
        events.outcome(new CourseVerified(EventIds.of("t-verified", tenant, course), at, tenant, course, at.toEpochMilli(), "v1", "MANUAL", "run-1",
                "REPAIR", 3, 1, 1, List.of(new CourseVerified.Difference("r-5001", "RESULT", "SEC-1", "value_differs",
                        "score", "3", "10", "repaired", "IC had 3, Canvas has 10: repaired"))));
        events.outcome(hold(tenant, course, 7, "HELD", at, null));
        String admin = Tokens.admin(tenant);

        await().atMost(BOUND).untilAsserted(() -> given().auth().oauth2(admin)
                .get("/api/districts/" + tenant + "/courses/" + course + "/drift").then().statusCode(200)
                .body("verification.found", equalTo(1))
                .body("verification.repaired", equalTo(1))
                .body("verification.differences[0].message", equalTo("IC had 3, Canvas has 10: repaired"))
                .body("holds[0].status", equalTo("HELD"))
                .body("holds[0].writes[0]", equalTo("Delete lineItem of assignment 401 in class SEC-1 (deleted)")));
        given().cookie("ccsync_token", admin).get("/ui/districts/" + tenant + "/courses/" + course).then()
                .statusCode(200)
                .body(containsString("id=\"drift-repaired\" data-count=\"1\""))
                .body(containsString("IC had 3, Canvas has 10: repaired"))
                .body(containsString("data-hold-id=\"7\" data-status=\"HELD\""));
        given().cookie("ccsync_token", admin).get("/ui/districts/" + tenant).then().statusCode(200)
                .body(containsString("data-hold-id=\"7\" data-course-id=\"c-1\" data-status=\"HELD\""));

        String teacher = Tokens.teacher(tenant, "t@" + tenant);
        given().auth().oauth2(teacher).post("/api/districts/" + tenant + "/holds/7/release").then().statusCode(403);
        given().auth().oauth2(admin).post("/api/districts/" + tenant + "/holds/8/release").then().statusCode(404);
        given().auth().oauth2(admin).post("/api/districts/" + tenant + "/holds/7/release").then().statusCode(202);

        var records = kafka.awaitRecords(Topics.SYNC_REQUESTS, r -> r.key().equals(EventKeys.course(tenant, course)),
                1, BOUND);
        assertThat(KafkaTestClient.read(records.get(0), SyncRequest.class)).isInstanceOfSatisfying(
                DriftActionRequested.class, r -> {
                    assertThat(r.action()).isEqualTo(DriftActionRequested.RELEASE);
                    assertThat(r.holdId()).isEqualTo(7L);
                    assertThat(r.requestedBy()).isEqualTo("admin@" + tenant + ".example.org");
                });
        given().cookie("ccsync_token", admin).get("/ui/districts/" + tenant).then().statusCode(200)
                .body(containsString("Released held change 7"));

        Instant decided = at.plusSeconds(60);
        events.outcome(hold(tenant, course, 7, "RELEASED", decided, "admin"));
        events.outcome(hold(tenant, course, 7, "HELD", at, null));
        await().atMost(BOUND).untilAsserted(() -> given().auth().oauth2(admin)
                .get("/api/districts/" + tenant + "/holds").then().statusCode(200)
                .body("[0].status", equalTo("RELEASED"))
                .body("[0].decidedBy", equalTo("admin")));
        given().auth().oauth2(admin).get("/api/districts/" + tenant + "/holds?open=true").then().statusCode(200)
                .body("size()", equalTo(0));
        given().auth().oauth2(admin).post("/api/districts/" + tenant + "/holds/7/discard").then().statusCode(409);
    }

    private static HoldChanged hold(String tenant, String course, long id, String status, Instant at, String by) {
        return new HoldChanged(EventIds.of("t-hold", tenant, id, status, at), at, tenant, course, at.toEpochMilli(), id,
                status, "line_item_deletes", "4 of the course's 5 lineItems would be deleted at once.",
                List.of("Delete lineItem of assignment 401 in class SEC-1 (deleted)"), Instant.parse(
                        "2026-12-01T10:00:00Z"), by, by == null ? null : at);
    }
}
