package org.ccsync.status.access;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.ccsync.status.Events;
import org.ccsync.status.SignInTestResource;
import org.ccsync.status.Tokens;
import org.ccsync.testsupport.InfraTestResource;
import org.ccsync.testsupport.KafkaTestClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = InfraTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = SignInTestResource.class, scope = TestResourceScope.GLOBAL)
class AuthTest {

    private static final Duration BOUND = Duration.ofSeconds(30);
    private static final KafkaTestClient kafka = KafkaTestClient.shared();
    private static final String TENANT = "auth";
    private static final String TEACHER_LOGIN = "Pat.Teacher@Auth.Example.org";
    private static final Events events = new Events(kafka, TENANT);
    private static final String OWN = "c-own-" + UUID.randomUUID();
    private static final String OTHER = "c-other-" + UUID.randomUUID();

    @BeforeAll
    static void twoCourses() {
        events.change(events.roster(OWN, 1, "Taught by Pat", "pat.teacher@auth.example.org", "5001"));
        events.change(events.roster(OTHER, 1, "Taught by someone else", "lee@auth.example.org", "5002"));
        events.outcome(events.resultWritten(OWN, "401", "5001", 1, 9.0));
        events.outcome(events.resultWritten(OTHER, "401", "5002", 1, 9.0));
    }

    @AfterAll
    static void closeClient() {
        kafka.close();
    }

    @Test
    void withoutATokenEveryEndpointIs401WithJsonOnly() {
        for (String path : endpoints(OWN)) {
            Response response = given().get(path);
            assertThat(response.statusCode()).as(path).isEqualTo(401);
            assertOnlyCodeAndMessage(response, "unauthorized");
            assertThat(response.header("WWW-Authenticate")).isEqualTo("Bearer");
        }
        assertOnlyCodeAndMessage(given().post(course(OWN) + "/sync").then().statusCode(401).extract().response(),
                "unauthorized");
        assertOnlyCodeAndMessage(given().contentType(ContentType.JSON).body("{\"icCategoryTitle\":\"Tests\"}")
                .put(district() + "/category-mappings/Quizzes").then().statusCode(401).extract().response(),
                "unauthorized");
    }

    @Test
    void anInvalidTokenIs401() throws Exception {
        String forged = Tokens.forged(TENANT);
        for (String token : new String[] {Tokens.expired(TENANT), Tokens.wrongIssuer(TENANT), forged, "not-a-jwt"}) {
            Response response = given().auth().oauth2(token).get(course(OWN));
            assertThat(response.statusCode()).isEqualTo(401);
            assertOnlyCodeAndMessage(response, "unauthorized");
        }
    }

    @Test
    void aRoleOtherThanAdminOrTeacherIs403() {
        String student = Tokens.withGroups(TENANT, "student");
        for (String path : endpoints(OWN)) {
            Response response = given().auth().oauth2(student).get(path);
            assertThat(response.statusCode()).as(path).isEqualTo(403);
            assertOnlyCodeAndMessage(response, "forbidden");
        }
    }

    @Test
    void anotherDistrictIs403WhetherOrNotTheCourseExists() {
        String outsider = Tokens.admin("some-other-district");
        Response existing = given().auth().oauth2(outsider).get(course(OWN));
        Response missing = given().auth().oauth2(outsider).get(course("no-such-course"));
        assertThat(existing.statusCode()).isEqualTo(403);
        assertThat(missing.statusCode()).isEqualTo(403);
        assertThat(existing.body().asString()).isEqualTo(missing.body().asString());
        assertOnlyCodeAndMessage(existing, "forbidden");
        for (String path : endpoints(OWN)) {
            assertThat(given().auth().oauth2(outsider).get(path).statusCode()).as(path).isEqualTo(403);
        }
        given().auth().oauth2(outsider).post(course(OWN) + "/sync").then().statusCode(403);
        String noDistrict = Tokens.withClaims("x", Map.of("groups", List.of("district-admin")));
        given().auth().oauth2(noDistrict).get(course(OWN)).then().statusCode(403);
    }

    @Test
    void aTeacherSeesOnlyTheCoursesTheyTeach() {
        String teacher = Tokens.teacher(TENANT, TEACHER_LOGIN);
        await().atMost(BOUND).untilAsserted(() -> given().auth().oauth2(teacher).get(course(OWN))
                .then().statusCode(200).body("name", equalTo("Taught by Pat")));
        given().auth().oauth2(teacher).get(district() + "/courses").then().statusCode(200)
                .body("courseId", equalTo(List.of(OWN)));
        given().auth().oauth2(teacher).get(course(OWN) + "/students").then().statusCode(200);
        given().auth().oauth2(teacher).post(course(OWN) + "/sync").then().statusCode(202);

        Response other = given().auth().oauth2(teacher).get(course(OTHER));
        Response missing = given().auth().oauth2(teacher).get(course("no-such-course"));
        assertThat(other.statusCode()).isEqualTo(403);
        assertThat(other.body().asString()).isEqualTo(missing.body().asString()).doesNotContain(OTHER);
        assertOnlyCodeAndMessage(other, "forbidden");
        given().auth().oauth2(teacher).post(course(OTHER) + "/sync").then().statusCode(403);
        given().auth().oauth2(teacher).get(course(OTHER) + "/assignments").then().statusCode(403);
        given().auth().oauth2(teacher).get(district() + "/dashboard").then().statusCode(403)
                .body("code", equalTo("forbidden"));
        given().auth().oauth2(teacher).contentType(ContentType.JSON).body("{\"icCategoryTitle\":\"Tests\"}")
                .put(district() + "/category-mappings/Quizzes").then().statusCode(403);
        given().auth().oauth2(teacher).get(district() + "/runs").then().statusCode(200)
                .body("courseId.unique()", equalTo(List.of(OWN)));

        String stranger = Tokens.teacher(TENANT, "nobody@auth.example.org");
        given().auth().oauth2(stranger).get(course(OWN)).then().statusCode(403);
        given().auth().oauth2(stranger).get(district() + "/courses").then().statusCode(200).body("size()", equalTo(0));
    }

    @Test
    void anAdminSeesTheWholeDistrict() {
        String admin = Tokens.admin(TENANT);
        await().atMost(BOUND).untilAsserted(() -> {
            given().auth().oauth2(admin).get(course(OTHER)).then().statusCode(200);
            given().auth().oauth2(admin).get(course(OWN)).then().statusCode(200);
        });
        for (String path : endpoints(OWN)) {
            given().auth().oauth2(admin).get(path).then().statusCode(200);
        }
    }

    @Test
    void theTokenMayComeFromTheCookieOrTheHeader() {
        String admin = Tokens.admin(TENANT);
        await().atMost(BOUND).untilAsserted(() -> given().cookie("ccsync_token", admin).get(course(OWN))
                .then().statusCode(200));
        given().cookie("ccsync_token", Tokens.admin("elsewhere")).get(course(OWN)).then().statusCode(403);
        given().cookie("unrelated", "x").auth().oauth2(admin).get(course(OWN)).then().statusCode(200);
        given().cookie("ccsync_token", "garbage").get(course(OWN)).then().statusCode(401);
    }

    private static void assertOnlyCodeAndMessage(Response response, String code) {
        assertThat(response.contentType()).startsWith("application/json");
        Map<String, Object> body = response.jsonPath().getMap("$");
        assertThat(body).containsOnlyKeys("code", "message").containsEntry("code", code);
        assertThat(response.body().asString()).doesNotContain("Exception", "at org.", TENANT + "/", "SRJWT");
    }

    private static String[] endpoints(String courseId) {
        String c = course(courseId);
        return new String[] {district() + "/courses", c, c + "/items", c + "/runs", c + "/assignments",
            c + "/students", c + "/category-mappings", district() + "/dashboard", district() + "/runs",
            district() + "/category-mappings"};
    }

    private static String district() {
        return "/api/districts/" + TENANT;
    }

    private static String course(String courseId) {
        return district() + "/courses/" + courseId;
    }
}
