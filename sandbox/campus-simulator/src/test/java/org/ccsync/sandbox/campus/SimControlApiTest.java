package org.ccsync.sandbox.campus;

import io.restassured.http.ContentType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

/** The unauthenticated /sim HTTP API: gradebook dump, requests, stats, settings, faults and reset. */
class SimControlApiTest {

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

    @Test
    void gradebookDumpShowsStoredLineItemsAndResults() {
        fixture.gradebook().body(OneRosterBodies.wrap("lineItem", OneRosterBodies.lineItem("LI-1", "SEC-BIO1-P1")))
                .put("/lineItems/LI-1").then().statusCode(201);
        fixture.gradebook().body(OneRosterBodies.wrap("result", OneRosterBodies.result("R-1", "LI-1", "STU-5003")))
                .put("/results/R-1").then().statusCode(201);

        sim().get("/sim/gradebook").then().statusCode(200)
                .body("lineItems.sourcedId", contains("LI-1"))
                .body("results.sourcedId", contains("R-1"))
                .body("results[0].student.sourcedId", equalTo("STU-5003"));
    }

    @Test
    void requestsAndStatsAreExposed() {
        fixture.gradebook().get("/classes/SEC-BIO1-P1/categories").then().statusCode(200);

        sim().get("/sim/requests").then().statusCode(200)
                .body("$", hasSize(1))
                .body("[0].method", equalTo("GET"))
                .body("[0].status", equalTo(200));
        sim().get("/sim/stats").then().statusCode(200)
                .body("district", equalTo("demo"))
                .body("totalGradebookRequests", equalTo(1))
                .body("byStatus.200", equalTo(1))
                .body("peakConcurrency", equalTo(1))
                .body("rejectedBusy", equalTo(0));
    }

    @Test
    void settingsChangeLatencyCapAndRetryAfter() {
        sim().contentType(ContentType.JSON).body("{\"latencyMillis\": 7, \"maxConcurrent\": 2, \"retryAfterSeconds\": 4}")
                .put("/sim/settings").then().statusCode(200)
                .body("maxConcurrent", equalTo(2));
        assertThat(fixture.control().latencyMillis()).isEqualTo(7);
        assertThat(fixture.control().maxConcurrent()).isEqualTo(2);
        assertThat(fixture.control().retryAfterSeconds()).isEqualTo(4);

        sim().contentType(ContentType.JSON).body("{\"retryAfterSeconds\": null}").put("/sim/settings").then().statusCode(200);
        assertThat(fixture.control().retryAfterSeconds()).isNull();
        assertThat(fixture.control().maxConcurrent()).isEqualTo(2);
    }

    @Test
    void invalidSettingsAre400() {
        sim().contentType(ContentType.JSON).body("{\"maxConcurrent\": -1}").put("/sim/settings").then().statusCode(400);
        sim().contentType(ContentType.JSON).body("{\"latencyMillis\": \"slow\"}").put("/sim/settings").then().statusCode(400);
        assertThat(fixture.control().maxConcurrent()).isEqualTo(5);
    }

    @Test
    void faultsCanBeSetAndCleared() {
        sim().contentType(ContentType.JSON).body("{\"failNext\": {\"count\": 1, \"status\": 503}}")
                .post("/sim/faults").then().statusCode(204);
        fixture.gradebook().get("/classes/SEC-BIO1-P1/categories").then().statusCode(503);
        fixture.gradebook().get("/classes/SEC-BIO1-P1/categories").then().statusCode(200);

        sim().contentType(ContentType.JSON).body("{\"failureRate\": {\"rate\": 1.0, \"status\": 500}}")
                .post("/sim/faults").then().statusCode(204);
        fixture.gradebook().get("/classes/SEC-BIO1-P1/categories").then().statusCode(500);
        sim().delete("/sim/faults").then().statusCode(204);
        fixture.gradebook().get("/classes/SEC-BIO1-P1/categories").then().statusCode(200);
    }

    @Test
    void invalidFaultStatusIs400() {
        sim().contentType(ContentType.JSON).body("{\"failNext\": {\"count\": 1, \"status\": 200}}")
                .post("/sim/faults").then().statusCode(400);
    }

    @Test
    void resetEmptiesTheGradebook() {
        fixture.gradebook().body(OneRosterBodies.wrap("lineItem", OneRosterBodies.lineItem("LI-1", "SEC-BIO1-P1")))
                .put("/lineItems/LI-1").then().statusCode(201);

        sim().post("/sim/reset").then().statusCode(204);

        assertThat(fixture.control().lineItems()).isEmpty();
        assertThat(fixture.control().requests()).isEmpty();
    }

    private static io.restassured.specification.RequestSpecification sim() {
        return given().baseUri(fixture.sim.baseUrl());
    }
}
