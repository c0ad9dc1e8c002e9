package org.ccsync.sandbox.canvas;

import static io.restassured.RestAssured.given;
import static org.ccsync.sandbox.canvas.SimulatorFixture.api;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class BearerAuthTest {

    private static CanvasSimulator sim;

    @BeforeAll
    static void start() {
        sim = CanvasSimulator.start(CanvasSimulatorConfig.defaults());
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    @AfterEach
    void restore() {
        sim.control().restoreToken();
    }

    @Test
    void missingTokenGets401WithCanvasErrorBody() {
        given().baseUri(sim.baseUrl()).get("/api/v1/courses/101")
                .then().statusCode(401)
                .body("errors[0].message", equalTo("Invalid access token."))
                .header("X-Rate-Limit-Remaining", notNullValue());
    }

    @Test
    void wrongTokenGets401() {
        given().baseUri(sim.baseUrl()).header("Authorization", "Bearer not-the-token")
                .get("/api/v1/accounts/1/courses")
                .then().statusCode(401).body("errors[0].message", equalTo("Invalid access token."));
    }

    @Test
    void revokedTokenGets401UntilRestored() {
        api(sim).get("/api/v1/courses/101").then().statusCode(200).body("sis_course_id", equalTo("BIO1-2026"));

        given().baseUri(sim.baseUrl()).post("/sim/token/revoke").then().statusCode(200);
        api(sim).get("/api/v1/courses/101").then().statusCode(401)
                .body("errors[0].message", equalTo("Invalid access token."));

        given().baseUri(sim.baseUrl()).post("/sim/token/restore").then().statusCode(200);
        api(sim).get("/api/v1/courses/101").then().statusCode(200);
    }

    @Test
    void jwksNeedsNoToken() {
        given().baseUri(sim.baseUrl()).get("/api/lti/security/jwks")
                .then().statusCode(200).body("keys", hasSize(3));
    }

    @Test
    void unknownCourseAndAssignmentGet404WithErrorsBody() {
        api(sim).get("/api/v1/courses/999/assignments").then().statusCode(404)
                .body("errors[0].message", equalTo("The specified resource does not exist."));
        api(sim).get("/api/v1/courses/101/assignments/431").then().statusCode(404)
                .body("errors[0].message", equalTo("The specified resource does not exist."));
    }
}
