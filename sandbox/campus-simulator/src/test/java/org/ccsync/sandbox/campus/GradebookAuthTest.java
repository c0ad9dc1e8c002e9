package org.ccsync.sandbox.campus;

import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/** Bearer token and x-vendor-authorization checks on gradebook and rostering calls. */
class GradebookAuthTest {

    private static SimulatorFixture fixture;

    @BeforeAll
    static void start() {
        fixture = SimulatorFixture.start();
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    @Test
    void gradebookWithoutVendorHeaderIs401WithTheImsxBody() {
        String body = given().baseUri(fixture.sim.gradebookUrl())
                .header("Authorization", "Bearer " + fixture.token())
                .get("/classes/SEC-BIO1-P1/categories")
                .then().statusCode(401).extract().asString();

        JsonPath json = JsonPath.from(body);
        assertThat(json.getMap("$")).containsOnlyKeys("imsx_codeMajor", "imsx_severity", "imsx_description", "imsx_CodeMinor");
        assertThat(json.getString("imsx_codeMajor")).isEqualTo("failure");
        assertThat(json.getString("imsx_severity")).isEqualTo("error");
        assertThat(json.getString("imsx_description")).contains("x-vendor-authorization");
        assertThat(json.getString("imsx_CodeMinor.imsx_codeMinorField[0].imsx_codeMinorFieldName")).isEqualTo("TargetEndSystem");
        assertThat(json.getString("imsx_CodeMinor.imsx_codeMinorField[0].imsx_codeMinorFieldValue")).isEqualTo("unauthorisedrequest");
    }

    @Test
    void wrongVendorSecretIs401() {
        given().baseUri(fixture.sim.gradebookUrl())
                .header("Authorization", "Bearer " + fixture.token())
                .header("x-vendor-authorization", "demo-vendor:nope")
                .get("/lineItems/anything")
                .then().statusCode(401)
                .body("imsx_description", equalTo("x-vendor-authorization does not match the district's vendor key and secret"));
    }

    @Test
    void missingBearerIs401EvenWithVendorHeader() {
        given().baseUri(fixture.sim.gradebookUrl())
                .header("x-vendor-authorization", "demo-vendor:demo-vendor-secret")
                .get("/classes/SEC-BIO1-P1/categories")
                .then().statusCode(401)
                .body("imsx_CodeMinor.imsx_codeMinorField[0].imsx_codeMinorFieldValue", equalTo("unauthorisedrequest"));
    }

    @Test
    void unknownBearerIs401() {
        given().baseUri(fixture.sim.gradebookUrl())
                .header("Authorization", "Bearer made-up")
                .header("x-vendor-authorization", "demo-vendor:demo-vendor-secret")
                .get("/classes/SEC-BIO1-P1/categories")
                .then().statusCode(401);
    }

    @Test
    void rosteringNeedsOnlyTheBearer() {
        fixture.rostering().get("/classes/SEC-BIO1-P1").then().statusCode(200);
        given().baseUri(fixture.sim.rosteringUrl()).get("/classes/SEC-BIO1-P1").then().statusCode(401);
    }
}
