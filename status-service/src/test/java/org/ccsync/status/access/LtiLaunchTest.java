package org.ccsync.status.access;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.ccsync.status.Browser;
import org.ccsync.status.Events;
import org.ccsync.status.SignInTestResource;
import org.ccsync.status.Tokens;
import org.ccsync.testsupport.InfraTestResource;
import org.ccsync.testsupport.KafkaTestClient;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Launches from Canvas (LTI 1.3), with the Canvas simulator as the platform: login initiation, the platform's
 * signed id_token, and the course page with no other sign-in. An Instructor reaches that course only; a forged, an
 * expired and a replayed launch are refused with a page that says why.
 */
@QuarkusTest
@WithTestResource(value = InfraTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = SignInTestResource.class, scope = TestResourceScope.GLOBAL)
class LtiLaunchTest {

    private static final Duration BOUND = Duration.ofSeconds(30);
    private static final KafkaTestClient kafka = KafkaTestClient.shared();
    private static final long FRIZZLE = 9001;
    private static final long STUDENT = 5001;
    private static boolean registered;

    @TestHTTPResource("/")
    URL base;

    @BeforeAll
    static void courses() {
        for (String tenant : List.of("lti", "lti-admins")) {
            Events events = new Events(kafka, tenant);
            events.change(events.roster("101", 1, "Biology 1", "frizzle@demo.k12.example", "5001"));
            events.change(events.roster("102", 1, "Algebra I", "escalante@demo.k12.example", "5007"));
            events.change(events.roster("103", 1, "World History", "frizzle@demo.k12.example", "5001"));
        }
    }

    @AfterAll
    static void closeClient() {
        kafka.close();
    }

    @Test
    void anInstructorLandsOnTheCoursePageWithNoLoginAndReachesNoOtherCourse() {
        Browser browser = new Browser();
        HttpResponse<String> landed = launch(browser, "lti", 101, FRIZZLE, null);

        assertThat(landed.statusCode()).as(landed.body()).isEqualTo(200);
        assertThat(landed.uri().getPath()).isEqualTo("/ui/districts/lti/courses/101");
        Document page = Jsoup.parse(landed.body());
        assertThat(page.select("#course-title").attr("data-course-id")).isEqualTo("101");
        assertThat(page.select("#signed-in").attr("data-sign-in")).isEqualTo("lti");
        assertThat(browser.cookie(LtiSessionMechanism.COOKIE)).isNotBlank();
        assertThat(browser.get(base + "ui/districts/lti/courses/103").statusCode())
                .as("another course she teaches, not the launched one").isEqualTo(403);
        assertThat(browser.get(base + "ui/districts/lti/courses/102").statusCode()).isEqualTo(403);
        assertThat(browser.get(base + "ui/districts/lti").statusCode()).as("the dashboard").isEqualTo(403);
        assertThat(browser.get(base + "api/districts/lti/courses").body()).contains("\"101\"").doesNotContain("103");

        HttpResponse<String> synced = browser.post(URI.create(base + "ui/districts/lti/courses/101/sync"),
                Map.of());
        assertThat(synced.statusCode()).isEqualTo(200);
        await().atMost(BOUND).untilAsserted(() -> assertThat(given().auth().oauth2(Tokens.admin("lti"))
                .get("/api/districts/lti/audit?courseId=101").then().statusCode(200).extract().jsonPath()
                .getList("signIn")).contains("lti"));
    }

    @Test
    void aForgedAnExpiredAndAReplayedLaunchAreRefusedWithAPageThatSaysWhy() {
        HttpResponse<String> forged = launch(new Browser(), "lti", 101, FRIZZLE, "forged");
        assertRefused(forged, 401, "launch_forged");

        HttpResponse<String> expired = launch(new Browser(), "lti", 101, FRIZZLE, "expired");
        assertRefused(expired, 401, "launch_expired");

        Browser browser = new Browser();
        assertThat(launch(browser, "lti", 101, FRIZZLE, null).uri().getPath())
                .isEqualTo("/ui/districts/lti/courses/101");
        HttpResponse<String> replay = browser.submit(
                browser.get(SignInTestResource.canvas().baseUrl() + "/sim/lti/replay"), "#lti-form");
        assertRefused(replay, 401, "launch_replayed");
    }

    @Test
    void aStudentIsRefusedAndAnAdministratorIsADistrictAdminOnlyWhereTheDistrictAllows() {
        assertRefused(launch(new Browser(), "lti", 101, STUDENT, null), 403, "launch_not_allowed");
        given().get("/lti/jwks").then().statusCode(200).body("keys.size()", equalTo(0));

        given().put(SignInTestResource.canvas().baseUrl() + "/sim/lti/account-admins/" + FRIZZLE)
                .then().statusCode(204);
        Browser adminBrowser = new Browser();
        HttpResponse<String> admin = launch(adminBrowser, "lti-admins", 102, FRIZZLE, null);
        assertThat(admin.uri().getPath()).as(admin.body()).isEqualTo("/ui/districts/lti-admins/courses/102");
        assertThat(Jsoup.parse(admin.body()).select("#signed-in").attr("data-sign-in")).isEqualTo("lti");
        assertThat(adminBrowser.get(base + "ui/districts/lti-admins").statusCode()).as("the dashboard")
                .isEqualTo(200);
        assertThat(adminBrowser.get(base + "ui/districts/lti-admins/courses/101").statusCode()).isEqualTo(200);
        assertThat(adminBrowser.get(base + "ui/districts/lti/courses/101").statusCode()).as("another district")
                .isEqualTo(403);

        assertRefused(launch(new Browser(), "lti", 102, FRIZZLE, null), 403, "launch_not_allowed");
    }

    private HttpResponse<String> launch(Browser browser, String tenant, long course, long user, String fault) {
        String toolId = register(tenant);
        String canvas = SignInTestResource.canvas().baseUrl();
        HttpResponse<String> coursePage = browser.get(canvas + "/courses/" + course + "?as_user_id=" + user);
        String href = Jsoup.parse(coursePage.body(), canvas).select("a.external-tool[data-tool-id=" + toolId + "]")
                .attr("abs:href");
        assertThat(href).as("the tool in the course navigation").isNotBlank();
        HttpResponse<String> initiation = browser.get(href + (fault == null ? "" : "&sim_fault=" + fault));
        HttpResponse<String> authorized = browser.submit(initiation, "#lti-form");
        return browser.submit(authorized, "#lti-form");
    }

    private synchronized String register(String tenant) {
        if (!registered) {
            for (String district : List.of("lti", "lti-admins")) {
                await().atMost(BOUND).untilAsserted(() -> given().auth().oauth2(Tokens.admin(district))
                        .get("/api/districts/" + district + "/courses").then().statusCode(200)
                        .body("courseId", hasItems("101", "102", "103")));
            }
            registerTool(SignInTestResource.LTI_CLIENT_ID, SignInTestResource.LTI_DEPLOYMENT_ID);
            registerTool(SignInTestResource.LTI_ADMINS_CLIENT_ID, SignInTestResource.LTI_ADMINS_DEPLOYMENT_ID);
            registered = true;
        }
        return "lti".equals(tenant) ? SignInTestResource.LTI_CLIENT_ID : SignInTestResource.LTI_ADMINS_CLIENT_ID;
    }

    private void registerTool(String clientId, String deploymentId) {
        given().contentType(ContentType.JSON).body("""
                {"name": "Grade sync %s", "clientId": "%s", "deploymentId": "%s",
                 "oidcInitiationUrl": "%slti/login", "targetLinkUri": "%slti/launch",
                 "redirectUris": ["%slti/launch"], "customFields": {"canvas_course_id": "$Canvas.course.id"}}
                """.formatted(clientId, clientId, deploymentId, base, base, base))
                .post(SignInTestResource.canvas().baseUrl() + "/sim/lti/tools").then().statusCode(201);
    }

    private static void assertRefused(HttpResponse<String> response, int status, String code) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        Document page = Jsoup.parse(response.body());
        assertThat(page.select("#launch-error").attr("data-code")).isEqualTo(code);
        assertThat(page.select("#launch-error").text()).isNotBlank();
        assertThat(response.body()).doesNotContain("Exception", "at org.", "eyJ");
    }
}
