package org.ccsync.sandbox.campus;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The simulator as the official binding has it: scopes, batch results, class lookup by filter, student ids, Roster client. */
class OneRosterBindingTest {

    private static final String CREATEPUT = "https://purl.imsglobal.org/spec/or/v1p2/scope/gradebook.createput";
    private static final String ROSTER = "https://purl.imsglobal.org/spec/or/v1p2/scope/roster.readonly";
    private static SimulatorFixture fixture;

    @BeforeAll
    static void start() {
        fixture = SimulatorFixture.start();
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    @BeforeEach
    void reset() {
        fixture.control().reset();
    }

    private static String token(String clientId, String secret, String scope) {
        var request = given().auth().preemptive().basic(clientId, secret).contentType(ContentType.URLENC)
                .formParam("grant_type", "client_credentials");
        if (scope != null) {
            request = request.formParam("scope", scope);
        }
        return request.post(fixture.sim.tokenUrl()).then().statusCode(200).extract().path("access_token");
    }

    @Test
    void aTokenWithoutTheOperationsScopeIsForbidden() {
        String token = token(fixture.sim.config().clientId(), fixture.sim.config().clientSecret(), CREATEPUT);
        given().baseUri(fixture.sim.gradebookUrl()).header("Authorization", "Bearer " + token)
                .header("x-vendor-authorization", fixture.sim.config().vendorAuthorization())
                .get("/classes/SEC-BIO1-P1/categories").then().statusCode(403)
                .body("imsx_CodeMinor.imsx_codeMinorField[0].imsx_codeMinorFieldValue", equalTo("forbidden"))
                .body("imsx_description", containsString("gradebook.readonly"));
        given().baseUri(fixture.sim.gradebookUrl()).header("Authorization", "Bearer " + token)
                .header("x-vendor-authorization", fixture.sim.config().vendorAuthorization())
                .contentType(ContentType.JSON)
                .body(OneRosterBodies.wrap("lineItem", OneRosterBodies.lineItem("LI-1", DemoCampus.BIO1_P1)))
                .put("/lineItems/LI-1").then().statusCode(201);
        assertThat(fixture.control().requestedScopes()).endsWith(CREATEPUT);
    }

    @Test
    void anUnknownScopeOrNoScopeWhenScopesAreRequiredIsInvalidScope() {
        given().auth().preemptive().basic(fixture.sim.config().clientId(), fixture.sim.config().clientSecret())
                .contentType(ContentType.URLENC).formParam("grant_type", "client_credentials")
                .formParam("scope", "gradebook.everything").post(fixture.sim.tokenUrl())
                .then().statusCode(400).body("error", equalTo("invalid_scope"));
        fixture.control().setRequireScopes(true);
        given().auth().preemptive().basic(fixture.sim.config().clientId(), fixture.sim.config().clientSecret())
                .contentType(ContentType.URLENC).formParam("grant_type", "client_credentials")
                .post(fixture.sim.tokenUrl())
                .then().statusCode(400).body("error", equalTo("invalid_scope"));
    }

    @Test
    void aSeparateRosterClientOwnsRostering() {
        fixture.control().setRosteringClient("roster-client", "roster-secret");
        String gradebookToken = token(fixture.sim.config().clientId(), fixture.sim.config().clientSecret(), null);
        String rosterToken = token("roster-client", "roster-secret", ROSTER);
        given().baseUri(fixture.sim.rosteringUrl()).header("Authorization", "Bearer " + gradebookToken)
                .get("/classes/SEC-BIO1-P1").then().statusCode(401);
        given().baseUri(fixture.sim.rosteringUrl()).header("Authorization", "Bearer " + rosterToken)
                .get("/classes/SEC-BIO1-P1").then().statusCode(200);
        given().baseUri(fixture.sim.gradebookUrl()).header("Authorization", "Bearer " + rosterToken)
                .header("x-vendor-authorization", fixture.sim.config().vendorAuthorization())
                .get("/classes/SEC-BIO1-P1/categories").then().statusCode(401);
    }

    @Test
    void batchPostStoresEveryResultOfTheLineItemOrNone() {
        fixture.gradebook().body(OneRosterBodies.wrap("lineItem", OneRosterBodies.lineItem("LI-1", DemoCampus.BIO1_P1)))
                .put("/lineItems/LI-1").then().statusCode(201);
        ObjectNode body = CampusJson.object();
        body.putArray("results").add(OneRosterBodies.result("R-1", "LI-1", "STU-5001"))
                .add(OneRosterBodies.result("R-2", "LI-1", "STU-5002"));
        fixture.gradebook().body(CampusJson.write(body)).post("/lineItems/LI-1/results").then().statusCode(201)
                .body("sourcedIdPairs.suppliedSourcedId", contains("R-1", "R-2"))
                .body("sourcedIdPairs.allocatedSourcedId", contains("R-1", "R-2"));
        assertThat(fixture.control().results()).containsOnlyKeys("R-1", "R-2");

        ObjectNode refused = CampusJson.object();
        refused.putArray("results").add(OneRosterBodies.result("R-3", "LI-1", "STU-5003"))
                .add(OneRosterBodies.result("R-4", "LI-1", "STU-5004"));
        fixture.gradebook().body(CampusJson.write(refused)).post("/lineItems/LI-1/results").then().statusCode(422)
                .body("imsx_description", equalTo("result.student STU-5004 is not enrolled in class SEC-BIO1-P1"));
        ObjectNode broken = CampusJson.object();
        broken.putArray("results").add(OneRosterBodies.result("R-5", "LI-1", "STU-5003").put("scoreStatus", "done"));
        fixture.gradebook().body(CampusJson.write(broken)).post("/lineItems/LI-1/results").then().statusCode(422)
                .body("imsx_description", containsString("postResultsForLineItem"));
        assertThat(fixture.control().results()).containsOnlyKeys("R-1", "R-2");
    }

    @Test
    void classesAreFoundByClassCodeAndStudentsCarryTheirOtherIds() {
        fixture.control().setClassCode(DemoCampus.BIO1_P1, "BIO1-01");
        fixture.control().setStudentIds("STU-5001", "100234", "s-5001-legacy", "CANVAS-5001");
        fixture.rostering().queryParam("filter", "classCode='BIO1-01'").get("/classes").then().statusCode(200)
                .header("X-Total-Count", "1")
                .body("classes.sourcedId", contains(DemoCampus.BIO1_P1));
        fixture.rostering().queryParam("filter", "teacher='x'").get("/classes").then().statusCode(400)
                .body("imsx_CodeMinor.imsx_codeMinorField[0].imsx_codeMinorFieldValue", equalTo("invalid_filter_field"));
        fixture.rostering().get("/classes/SEC-BIO1-P1/students").then().statusCode(200)
                .body("users[0].identifier", equalTo("100234"))
                .body("users[0].userIds[0].identifier", equalTo("CANVAS-5001"))
                .body("users[0].metadata.ic.legacysourceId", equalTo("s-5001-legacy"));
    }

    @Test
    void collectionsAreLinkedPageByPage() {
        fixture.rostering().queryParam("limit", 1).queryParam("offset", 1).get("/terms/TERM-2026/gradingPeriods")
                .then().statusCode(200).header("X-Total-Count", "4")
                .header("Link", containsString("offset=2>; rel=\"next\""))
                .header("Link", containsString("offset=3>; rel=\"last\""))
                .header("Link", containsString("offset=0>; rel=\"prev\""));
        fixture.rostering().queryParam("limit", 0).get("/terms/TERM-2026/gradingPeriods").then().statusCode(400);
    }
}
