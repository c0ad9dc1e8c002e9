package org.ccsync.status.access;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
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
 * Sign-in with the district's identity provider: a person through the provider's login page (the code flow, with the
 * session in quarkus-oidc's cookie) and a script with a client-credentials token; the district's {@code sign-in}
 * rules turn the provider's claims into this project's roles, without code.
 */
@QuarkusTest
@WithTestResource(value = InfraTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = SignInTestResource.class, scope = TestResourceScope.GLOBAL)
class SignInTest {

    private static final Duration BOUND = Duration.ofSeconds(30);
    private static final String TENANT = "rules";
    private static final KafkaTestClient kafka = KafkaTestClient.shared();
    private static final Events events = new Events(kafka, TENANT);
    private static final String OWN = "c-own-" + UUID.randomUUID();
    private static final String OTHER = "c-other-" + UUID.randomUUID();

    @TestHTTPResource("/")
    URL base;

    @BeforeAll
    static void courses() {
        events.change(events.roster(OWN, 1, "Taught by Robin", "robin@rules.example.org", "5001"));
        events.change(events.roster(OTHER, 1, "Taught by someone else", "kim@rules.example.org", "5002"));
        events.outcome(events.resultWritten(OWN, "401", "5001", 1, 9.0));
    }

    @AfterAll
    static void closeClient() {
        kafka.close();
    }

    @Test
    void anAdminSignsInOnTheProvidersLoginPageAndSeesOnlyTheirDistrict() {
        await().atMost(BOUND).untilAsserted(() -> given().auth().oauth2(Tokens.admin(TENANT))
                .get("/api/districts/" + TENANT + "/courses/" + OTHER).then().statusCode(200));
        Browser browser = new Browser();
        HttpResponse<String> signInPage = browser.get(base + "ui/sign-in");
        Document page = Jsoup.parse(signInPage.body());
        assertThat(page.select("#sign-in-oidc").attr("href")).isEqualTo("/ui/sign-in/oidc");

        HttpResponse<String> login = browser.get(base + "ui/sign-in/oidc");
        assertThat(login.uri().toString()).as("the provider's login page").startsWith(SignInTestResource.issuer());
        assertThat(login.body()).contains("name=\"username\"");
        HttpResponse<String> landed = browser.post(login.uri(), Map.of("username", "boss",
                "claims", "{\"email\": \"boss@rules.example.org\", \"name\": \"The Boss\"}"));

        assertThat(landed.statusCode()).isEqualTo(200);
        assertThat(landed.uri().getPath()).isEqualTo("/ui/districts/" + TENANT);
        Document dashboard = Jsoup.parse(landed.body());
        assertThat(dashboard.select("#signed-in").attr("data-sign-in")).isEqualTo("oidc");
        assertThat(dashboard.select("#signed-in").attr("data-caller")).isEqualTo("boss@rules.example.org");
        assertThat(browser.cookie("q_session")).as("quarkus-oidc's session cookie").isNotBlank();
        assertThat(browser.get(base + "ui/districts/" + TENANT + "/courses/" + OTHER).statusCode()).isEqualTo(200);
        assertThat(browser.get(base + "ui/districts/auth/courses").statusCode()).as("another district")
                .isEqualTo(403);
        assertThat(browser.get(base + "api/districts/auth/courses").statusCode()).isEqualTo(403);

        HttpResponse<String> signedOut = browser.post(URI.create(base + "ui/sign-out"), Map.of());
        assertThat(signedOut.uri().getPath()).isEqualTo("/ui/signed-out");
        assertThat(signedOut.body()).contains("id=\"sign-in-notice\"");
        HttpResponse<String> afterwards = browser.get(base + "ui/districts/" + TENANT);
        assertThat(afterwards.uri().getPath()).as("signed out: back to sign-in").isEqualTo("/ui/sign-in");
    }

    @Test
    void aTeacherOfTheDistrictsDomainSeesOnlyTheCoursesTheyTeach() {
        await().atMost(BOUND).untilAsserted(() -> given().auth().oauth2(Tokens.admin(TENANT))
                .get("/api/districts/" + TENANT + "/courses/" + OWN).then().statusCode(200));
        Browser browser = new Browser();
        HttpResponse<String> login = browser.get(base + "ui/sign-in/oidc");
        HttpResponse<String> landed = browser.post(login.uri(), Map.of("username", "robin",
                "claims", "{\"email\": \"Robin@rules.example.org\", \"hd\": \"rules.example.org\"}"));

        assertThat(landed.uri().getPath()).isEqualTo("/ui/districts/" + TENANT + "/courses");
        Document list = Jsoup.parse(landed.body());
        assertThat(list.select("#courses tr[data-course-id]").eachAttr("data-course-id")).containsExactly(OWN);
        assertThat(browser.get(base + "ui/districts/" + TENANT + "/courses/" + OTHER).statusCode()).isEqualTo(403);
        assertThat(browser.get(base + "ui/districts/" + TENANT).statusCode()).as("the dashboard is for admins")
                .isEqualTo(403);
    }

    @Test
    void anAccountNoRuleMatchesIsToldSoAfterSigningIn() {
        Browser browser = new Browser();
        HttpResponse<String> login = browser.get(base + "ui/sign-in/oidc");
        HttpResponse<String> landed = browser.post(login.uri(), Map.of("username", "visitor",
                "claims", "{\"email\": \"visitor@elsewhere.example.org\"}"));
        assertThat(landed.statusCode()).isEqualTo(403);
        assertThat(Jsoup.parse(landed.body()).select("#error").attr("data-code")).isEqualTo("no_role");
    }

    @Test
    void aScriptCallsTheApiWithAClientCredentialsTokenFromTheSameProvider() {
        await().atMost(BOUND).untilAsserted(() -> given().auth().oauth2(Tokens.admin(TENANT))
                .get("/api/districts/" + TENANT + "/courses/" + OWN).then().statusCode(200));
        SignInTestResource.idp().enqueueCallback(new DefaultOAuth2TokenCallback(SignInTestResource.ISSUER_ID,
                "nightly-report", "JWT", List.of(SignInTestResource.CLIENT_ID),
                Map.of("groups", List.of("rules-admins")), 300));
        String token = given().formParam("grant_type", "client_credentials")
                .formParam("client_id", "nightly-report").formParam("client_secret", "s3cret")
                .formParam("scope", "ccsync")
                .post(SignInTestResource.idp().tokenEndpointUrl(SignInTestResource.ISSUER_ID).toString())
                .then().statusCode(200).extract().path("access_token");

        given().auth().oauth2(token).get("/api/districts/" + TENANT + "/dashboard").then().statusCode(200);
        String runId = given().auth().oauth2(token).post("/api/districts/" + TENANT + "/courses/" + OWN + "/sync")
                .then().statusCode(202).extract().path("runId");
        JsonPath audit = given().auth().oauth2(Tokens.admin(TENANT))
                .get("/api/districts/" + TENANT + "/audit?courseId=" + OWN).then().statusCode(200).extract()
                .jsonPath();
        assertThat(audit.getList("findAll { it.target == '" + runId + "' }.signIn")).containsExactly("script");
        assertThat(audit.getList("findAll { it.target == '" + runId + "' }.actor")).containsExactly("nightly-report");
        given().auth().oauth2(token).get("/api/districts/auth/courses").then().statusCode(403)
                .body("code", equalTo("forbidden"));
    }
}
