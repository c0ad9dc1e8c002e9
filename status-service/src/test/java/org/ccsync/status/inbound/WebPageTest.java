package org.ccsync.status.inbound;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.util.UUID;
import org.ccsync.contracts.DailySyncScheduleChanged;
import org.ccsync.contracts.EventKeys;
import org.ccsync.contracts.SyncRequest;
import org.ccsync.contracts.SyncRequested;
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

@QuarkusTest
@WithTestResource(value = InfraTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = SignInTestResource.class, scope = TestResourceScope.GLOBAL)
class WebPageTest {

    private static final Duration BOUND = Duration.ofSeconds(30);
    private static final KafkaTestClient kafka = KafkaTestClient.shared();
    private static final String TENANT = "tz-test";
    private static final Events events = new Events(kafka, TENANT);

    @AfterAll
    static void closeClient() {
        kafka.close();
    }

    @Test
    void withoutATokenThePageSendsTheBrowserToSignIn() {
        given().redirects().follow(false).get("/ui/districts/" + TENANT + "/courses/x")
                .then().statusCode(303).header("Location", endsWith("/ui/sign-in"));
        given().redirects().follow(false).get("/").then().statusCode(303).header("Location", endsWith("/ui"));
        given().redirects().follow(false).cookie("ccsync_token", "expired.or.forged").get("/ui")
                .then().statusCode(303).header("Location", endsWith("/ui/sign-in"));
        given().get("/ui/sign-in").then().statusCode(200)
                .body(containsString("id=\"token\""))
                .body(containsString("id=\"sign-in\""));
    }

    @Test
    void signingInKeepsThePastedTokenInAnHttpOnlyCookie() {
        String admin = Tokens.admin(TENANT);
        Response signIn = given().redirects().follow(false).formParam("token", "Bearer " + admin)
                .post("/ui/sign-in");
        assertThat(signIn.statusCode()).isEqualTo(303);
        assertThat(signIn.header("Location")).endsWith("/ui");
        String setCookie = setCookie(signIn, "ccsync_token");
        assertThat(setCookie).startsWith("ccsync_token=" + admin).contains("HttpOnly").contains("SameSite=Lax")
                .contains("Path=/");

        given().redirects().follow(false).cookie("ccsync_token", signIn.cookie("ccsync_token")).get("/ui")
                .then().statusCode(303).header("Location", endsWith("/ui/districts/" + TENANT));
        given().redirects().follow(false).cookie("ccsync_token", Tokens.teacher(TENANT, "t@x.org")).get("/ui")
                .then().statusCode(303).header("Location", endsWith("/ui/districts/" + TENANT + "/courses"));
        given().formParam("token", "nonsense").post("/ui/sign-in").then().statusCode(400)
                .body(containsString("id=\"sign-in-error\""));
        Response signOut = given().redirects().follow(false).post("/ui/sign-out");
        assertThat(setCookie(signOut, "ccsync_token")).startsWith("ccsync_token=;").contains("Max-Age=0");
        assertThat(setCookie(signOut, "ccsync_lti_session")).contains("Max-Age=0");
    }

    @Test
    void theCoursePageShowsEveryKindOfOutcomeWithItsReasonInTheDistrictTimeZone() {
        String course = "c-" + UUID.randomUUID();
        events.change(events.roster(course, 1, "World History", "teacher@tz.example.org", "5001", "5002", "5003"));
        events.change(events.assignment(course, "401", 1, "Map Quiz"));
        events.change(events.assignment(course, "402", 1, "Reading Log"));
        events.change(events.assignment(course, "403", 1, "Essay"));
        events.change(events.assignment(course, "404", 1, "Timeline"));
        events.outcome(events.lineItemWritten(course, "401", 1, "Quizzes", "GP-Q2"));
        events.outcome(events.resultWritten(course, "401", "5001", 2, 9.5));
        events.outcome(events.assignmentSkipped(course, "402", 1, "post_to_sis_off",
                "The teacher did not tick \"Post to SIS\" for this assignment."));
        events.outcome(events.lineItemWritten(course, "403", 1, "Essays", "GP-Q2"));
        events.outcome(events.resultFailed(course, "403", "5002", 2, "IC said: score 12 exceeds the maximum of 10"));
        events.command(events.upsertLineItem(course, "404", 1, Events.T0));
        events.command(events.upsertResult(course, "404", "5003", 3, Events.T0));

        // Outcomes and commands travel on different topics: wait until every one has arrived.
        Document page = await().atMost(BOUND).until(() -> Jsoup.parse(page(course).asString()),
                d -> d.select("#assignments tr[data-assignment-id=404]").attr("data-status").equals("PENDING")
                        && d.select("#assignments tr[data-status]").size() == 4
                        && d.select("#students tr[data-user-id=5003]").attr("data-status").equals("PENDING")
                        && d.select("#students tr[data-user-id=5002]").attr("data-status").equals("FAILED")
                        && d.select("#students tr[data-user-id=5001]").attr("data-status").equals("WRITTEN")
                        && d.select("#assignments tr[data-assignment-id=402]").attr("data-status").equals("SKIPPED")
                        && d.select("#assignments tr[data-assignment-id=403]").attr("data-status").equals("FAILED"));

        assertThat(page.select("#course-title").text()).isEqualTo("World History");
        assertThat(row(page, "assignments", "401").attr("data-status")).isEqualTo("WRITTEN");
        assertThat(row(page, "assignments", "401").select(".status").hasClass("status-WRITTEN")).isTrue();
        assertThat(row(page, "assignments", "401").text()).contains("Quizzes", "GP-Q2");
        assertThat(row(page, "assignments", "402").attr("data-status")).isEqualTo("SKIPPED");
        assertThat(row(page, "assignments", "402").select(".reason").text())
                .isEqualTo("The teacher did not tick \"Post to SIS\" for this assignment.");
        assertThat(row(page, "assignments", "403").attr("data-status")).isEqualTo("FAILED");
        assertThat(row(page, "assignments", "403").select(".reason").text()).contains("exceeds the maximum of 10");
        assertThat(row(page, "assignments", "404").select(".status").hasClass("status-PENDING")).isTrue();

        assertThat(page.select("#students tr[data-user-id=5001]").attr("data-status")).isEqualTo("WRITTEN");
        assertThat(page.select("#students tr[data-user-id=5001]").text()).contains("Student 5001", "9.5");
        assertThat(page.select("#students tr[data-user-id=5002]").attr("data-status")).isEqualTo("FAILED");
        assertThat(page.select("#students tr[data-user-id=5002] .reason").text())
                .contains("score 12 exceeds the maximum of 10");
        assertThat(page.select("#students tr[data-user-id=5003]").attr("data-status")).isEqualTo("PENDING");
        assertThat(page.select("#count-pending").attr("data-count")).isEqualTo("2");
        // Tokyo is UTC+9: the written result's 15:00:02Z outcome is shown as 00:00:02 JST the next day.
        assertThat(page.select("#last-success").text()).isEqualTo("2026-11-28 00:00:02 JST");
        assertThat(page.select("style").html()).contains(".status-WRITTEN", ".status-FAILED");

        Document student = Jsoup.parse(as(Tokens.admin(TENANT))
                .get("/ui/districts/" + TENANT + "/courses/" + course + "/students/5002").asString());
        assertThat(student.select("#results tr[data-assignment-id=403] .reason").text()).contains("exceeds");
        Document assignment = Jsoup.parse(as(Tokens.admin(TENANT))
                .get("/ui/districts/" + TENANT + "/courses/" + course + "/assignments/402").asString());
        assertThat(assignment.select("#assignment-reason").text()).contains("Post to SIS");
    }

    @Test
    void syncNowFromThePageFollowsTheRunUntilItIsPublished() {
        String course = "c-" + UUID.randomUUID();
        events.outcome(events.resultWritten(course, "401", "5001", 1, 9.0));
        await().atMost(BOUND).untilAsserted(() -> assertThat(page(course).statusCode()).isEqualTo(200));
        Document before = Jsoup.parse(page(course).asString());
        assertThat(before.select("form#sync-now-form").attr("method")).isEqualTo("post");
        assertThat(before.select("button#sync-now").text()).isEqualTo("Sync now");

        Response posted = as(Tokens.admin(TENANT)).redirects().follow(false)
                .post(before.select("form#sync-now-form").attr("action"));
        assertThat(posted.statusCode()).isEqualTo(303);
        String location = posted.header("Location");
        assertThat(location).contains("/ui/districts/" + TENANT + "/courses/" + course + "?run=");
        String runId = location.substring(location.indexOf("?run=") + 5);
        var requests = kafka.awaitRecords(Topics.SYNC_REQUESTS,
                r -> r.key().equals(EventKeys.course(TENANT, course)), 1, BOUND);
        assertThat(KafkaTestClient.read(requests.get(0), SyncRequest.class))
                .isInstanceOfSatisfying(SyncRequested.class, r -> assertThat(r.runId()).isEqualTo(runId));

        Document requested = Jsoup.parse(as(Tokens.admin(TENANT)).get(location).asString());
        assertThat(requested.select("#latest-run").attr("data-run-id")).isEqualTo(runId);
        assertThat(requested.select("#latest-run").attr("data-run-stage")).isEqualTo("REQUESTED");
        assertThat(requested.select("meta[http-equiv=refresh]")).hasSize(1);

        events.outcome(events.run(course, runId, "READING_CANVAS", System.currentTimeMillis()));
        events.outcome(events.run(course, runId, "PUBLISHED", System.currentTimeMillis() + 1));
        Document done = await().atMost(BOUND).until(() -> Jsoup.parse(as(Tokens.admin(TENANT)).get(location)
                .asString()), d -> d.select("#latest-run").attr("data-run-stage").equals("PUBLISHED"));
        assertThat(done.select("meta[http-equiv=refresh]")).isEmpty();
        assertThat(done.select("#runs tr[data-run-id=" + runId + "]").attr("data-run-stage")).isEqualTo("PUBLISHED");
        assertThat(done.select("#latest-run").text()).contains("admin@" + TENANT + ".example.org", "3 assignments",
                "12 scores");
    }

    @Test
    void theDailyScheduleToggleIsAFormThatPublishesTheChange() {
        String course = "c-" + UUID.randomUUID();
        events.outcome(events.resultWritten(course, "401", "5001", 1, 9.0));
        await().atMost(BOUND).untilAsserted(() -> assertThat(page(course).statusCode()).isEqualTo(200));
        Document before = Jsoup.parse(page(course).asString());
        assertThat(before.select("#daily-sync").attr("data-daily-sync")).isEqualTo("false");
        assertThat(before.select("#daily-sync").attr("data-daily-sync-source")).isEqualTo("district-default");
        assertThat(before.select("#daily-sync-form input[name=enabled]").val()).isEqualTo("true");

        as(Tokens.admin(TENANT)).redirects().follow(false).formParam("enabled", "true")
                .post(before.select("#daily-sync-form").attr("action"))
                .then().statusCode(303).header("Location", endsWith("/courses/" + course));
        Document on = Jsoup.parse(page(course).asString());
        assertThat(on.select("#daily-sync").attr("data-daily-sync")).isEqualTo("true");
        assertThat(on.select("#daily-sync").attr("data-daily-sync-source")).isEqualTo("course");
        assertThat(on.select("#daily-sync-toggle").text()).isEqualTo("Turn daily sync off");
        var changes = kafka.awaitRecords(Topics.SYNC_REQUESTS, r -> r.key().equals(EventKeys.course(TENANT, course)),
                1, BOUND);
        assertThat(KafkaTestClient.read(changes.get(0), SyncRequest.class))
                .isInstanceOfSatisfying(DailySyncScheduleChanged.class, c -> {
                    assertThat(c.enabled()).isTrue();
                    assertThat(c.changedBy()).isEqualTo("admin@" + TENANT + ".example.org");
                });

        as(Tokens.admin(TENANT)).redirects().follow(false).formParam("enabled", "default")
                .post(on.select("#daily-sync-default-form").attr("action")).then().statusCode(303);
        assertThat(Jsoup.parse(page(course).asString()).select("#daily-sync").attr("data-daily-sync"))
                .isEqualTo("false");
        as(Tokens.admin(TENANT)).formParam("enabled", "maybe")
                .post("/ui/districts/" + TENANT + "/courses/" + course + "/daily-sync").then().statusCode(400);
    }

    @Test
    void aForbiddenPageSaysNoMoreThanThat() {
        Response response = as(Tokens.admin("another-district")).get("/ui/districts/" + TENANT + "/courses/x");
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.contentType()).startsWith("text/html");
        Document page = Jsoup.parse(response.asString());
        assertThat(page.select("#error").attr("data-code")).isEqualTo("forbidden");
        assertThat(response.asString()).doesNotContain("Exception", TENANT + "/x");
        as(Tokens.teacher(TENANT, "t@x.org")).get("/ui/districts/" + TENANT).then().statusCode(403);
        as(Tokens.admin(TENANT)).get("/ui/districts/" + TENANT + "/courses/none").then().statusCode(404)
                .body(containsString("data-code=\"unknown_course\""), not(containsString("Exception")));
    }

    @Test
    void theCourseListShowsTheCallersCourses() {
        String course = "c-" + UUID.randomUUID();
        events.change(events.roster(course, 1, "Geography", "geo@tz.example.org", "5001"));
        Document list = await().atMost(BOUND).until(() -> Jsoup.parse(as(Tokens.teacher(TENANT, "GEO@tz.example.org"))
                .get("/ui/districts/" + TENANT + "/courses").asString()), d -> !d.select("#courses tr[data-course-id]")
                .isEmpty());
        assertThat(list.select("#courses tr[data-course-id]").eachAttr("data-course-id")).containsExactly(course);
        assertThat(list.select("#course-link-" + course).text()).isEqualTo("Geography");
    }

    private static Response page(String course) {
        return as(Tokens.admin(TENANT)).get("/ui/districts/" + TENANT + "/courses/" + course);
    }

    private static RequestSpecification as(String token) {
        return given().cookie("ccsync_token", token);
    }

    private static org.jsoup.select.Elements row(Document page, String table, String id) {
        return page.select("#" + table + " tr[data-assignment-id=" + id + "]");
    }

    private static String setCookie(Response response, String name) {
        return response.headers().getValues("Set-Cookie").stream().filter(c -> c.startsWith(name + "="))
                .findFirst().orElse("");
    }
}
