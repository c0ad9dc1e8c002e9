package org.ccsync.status.persistence;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.ccsync.status.Events;
import org.ccsync.status.SignInTestResource;
import org.ccsync.status.Tokens;
import org.ccsync.testsupport.InfraTestResource;
import org.ccsync.testsupport.KafkaTestClient;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Every state-changing action is audited with who, when, what and the sign-in, shown to district admins only; a
 * district's outcomes older than its retention are purged with their counts.
 */
@QuarkusTest
@WithTestResource(value = InfraTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = SignInTestResource.class, scope = TestResourceScope.GLOBAL)
class AuditAndRetentionTest {

    private static final Duration BOUND = Duration.ofSeconds(30);
    private static final KafkaTestClient kafka = KafkaTestClient.shared();

    @Inject
    OutcomeRetention retention;

    @AfterAll
    static void closeClient() {
        kafka.close();
    }

    @Test
    void syncNowScheduleAndMappingChangesAreAuditedForAdminsOnly() {
        String tenant = "audit-" + UUID.randomUUID();
        String course = "c-" + UUID.randomUUID();
        Events events = new Events(kafka, tenant);
        events.change(events.roster(course, 1, "Chemistry", "chem@example.org", "5001"));
        String admin = Tokens.admin(tenant);
        await().atMost(BOUND).untilAsserted(() -> given().auth().oauth2(admin)
                .get("/api/districts/" + tenant + "/courses/" + course).then().statusCode(200));

        String teacher = Tokens.teacher(tenant, "chem@example.org");
        String runId = given().auth().oauth2(teacher).post("/api/districts/" + tenant + "/courses/" + course + "/sync")
                .then().statusCode(202).extract().path("runId");
        given().redirects().follow(false).cookie("ccsync_token", admin).formParam("enabled", "true")
                .post("/ui/districts/" + tenant + "/courses/" + course + "/daily-sync").then().statusCode(303);
        given().auth().oauth2(admin).contentType(ContentType.JSON).body("{\"icCategoryTitle\":\"Assessments\"}")
                .put("/api/districts/" + tenant + "/category-mappings/Quizzes").then().statusCode(200);
        given().auth().oauth2(admin).delete("/api/districts/" + tenant + "/category-mappings/Quizzes")
                .then().statusCode(204);

        JsonPath audit = given().auth().oauth2(admin).get("/api/districts/" + tenant + "/audit").then()
                .statusCode(200).extract().jsonPath();
        assertThat(audit.getList("action")).containsExactly("category_mapping_removed", "category_mapping_set",
                "daily_sync", "sync_now");
        assertThat(audit.getList("signIn")).containsExactly("script", "script", "token", "script");
        assertThat(audit.getList("actor")).containsExactly("admin@" + tenant + ".example.org",
                "admin@" + tenant + ".example.org", "admin@" + tenant + ".example.org", "chem@example.org");
        assertThat(audit.getList("target")).containsExactly("Quizzes", "Quizzes", null, runId);
        assertThat(audit.getList("value")).containsExactly(null, "Assessments", "on", null);
        assertThat(audit.getList("courseId")).containsExactly(null, null, course, course);
        assertThat(audit.getList("occurredAt")).allSatisfy(at -> assertThat(at).isNotNull());

        given().auth().oauth2(teacher).get("/api/districts/" + tenant + "/audit").then().statusCode(403)
                .body("code", equalTo("forbidden"));
        given().auth().oauth2(Tokens.admin("elsewhere")).get("/api/districts/" + tenant + "/audit").then()
                .statusCode(403);
        Document dashboard = Jsoup.parse(given().cookie("ccsync_token", admin).get("/ui/districts/" + tenant)
                .then().statusCode(200).extract().asString());
        assertThat(dashboard.select("#audit tr[data-action]").eachAttr("data-action")).hasSize(4);
        assertThat(dashboard.select("#audit tr[data-action=sync_now]").attr("data-sign-in")).isEqualTo("script");
        assertThat(dashboard.select("#audit tr[data-action=daily_sync]").text()).contains("Daily sync on");
    }

    @Test
    void outcomesOlderThanTheDistrictsRetentionArePurgedWithTheirCounts() {
        String tenant = "retention";
        String course = "c-" + UUID.randomUUID();
        Events events = new Events(kafka, tenant);
        events.change(events.roster(course, 1, "Physics", "phys@example.org", "5001", "5002"));
        events.outcome(events.resultWritten(course, "401", "5001", "SEC-1", 1, 7.0, "old",
                Instant.now().minus(Duration.ofDays(10))));
        events.outcome(events.resultWritten(course, "401", "5002", "SEC-1", 1, 8.0, "new", Instant.now()));
        String kept = "c-" + UUID.randomUUID();
        Events otherDistrict = new Events(kafka, "retention-default");
        otherDistrict.change(otherDistrict.roster(kept, 1, "Kept", "k@example.org", "5001"));
        otherDistrict.outcome(otherDistrict.resultWritten(kept, "401", "5001", "SEC-1", 1, 7.0, "old",
                Instant.now().minus(Duration.ofDays(10))));
        String admin = Tokens.admin(tenant);
        await().atMost(BOUND).untilAsserted(() -> {
            given().auth().oauth2(admin).get("/api/districts/" + tenant + "/courses/" + course).then()
                    .statusCode(200).body("counts.written", equalTo(2));
            given().auth().oauth2(Tokens.admin("retention-default"))
                    .get("/api/districts/retention-default/courses/" + kept).then().statusCode(200)
                    .body("counts.written", equalTo(1));
        });

        assertThat(retention.retention(tenant)).isEqualTo(Duration.ofDays(5));
        assertThat(retention.retention("retention-default")).isEqualTo(Duration.ofDays(400));
        assertThat(retention.purge()).isGreaterThanOrEqualTo(1);

        given().auth().oauth2(admin).get("/api/districts/" + tenant + "/courses/" + course).then().statusCode(200)
                .body("counts.written", equalTo(1));
        List<String> users = given().auth().oauth2(admin)
                .get("/api/districts/" + tenant + "/courses/" + course + "/items").then().statusCode(200).extract()
                .jsonPath().getList("findAll { it.kind == 'RESULT' }.userId");
        assertThat(users).containsExactly("5002");
        given().auth().oauth2(Tokens.admin("retention-default"))
                .get("/api/districts/retention-default/courses/" + kept).then().statusCode(200)
                .body("counts.written", equalTo(1));
    }
}
