package org.ccsync.sandbox.campus;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

/** PUT/GET/DELETE of results and the per-lineItem results collection. */
class ResultLifecycleTest {

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
    void seedLineItem() {
        fixture.control().reset();
        fixture.gradebook().body(OneRosterBodies.wrap("lineItem", OneRosterBodies.lineItem("LI-401-1001", "SEC-BIO1-P1")))
                .put("/lineItems/LI-401-1001").then().statusCode(201);
    }

    @Test
    void putCreatesThenUpdatesTheSameResult() {
        ObjectNode result = OneRosterBodies.result("R-401-5001", "LI-401-1001", "STU-5001");
        fixture.gradebook().body(OneRosterBodies.wrap("result", result)).put("/results/R-401-5001")
                .then().statusCode(201).body("result.score", equalTo(9.5f));

        result.put("score", 8);
        fixture.gradebook().body(OneRosterBodies.wrap("result", result)).put("/results/R-401-5001")
                .then().statusCode(201).body("result.score", equalTo(8));

        fixture.gradebook().get("/results/R-401-5001").then().statusCode(200)
                .body("result.student.sourcedId", equalTo("STU-5001"))
                .body("result.scoreDate", equalTo("2026-11-27"));
        assertThat(fixture.control().results()).containsOnlyKeys("R-401-5001");
    }

    @Test
    void resultsOfALineItemAreListedForItsClassOnly() {
        for (String student : new String[] {"STU-5001", "STU-5002", "STU-5003"}) {
            fixture.gradebook().body(OneRosterBodies.wrap("result", OneRosterBodies.result("R-" + student, "LI-401-1001", student)))
                    .put("/results/R-" + student).then().statusCode(201);
        }

        fixture.gradebook().get("/classes/SEC-BIO1-P1/lineItems/LI-401-1001/results").then().statusCode(200)
                .header("X-Total-Count", "3")
                .body("results.student.sourcedId", contains("STU-5001", "STU-5002", "STU-5003"));
        fixture.gradebook().get("/classes/SEC-BIO1-P2/lineItems/LI-401-1001/results").then().statusCode(404);
        fixture.gradebook().get("/classes/SEC-BIO1-P1/lineItems/LI-NOPE/results").then().statusCode(404);
    }

    @Test
    void deleteRemovesOnlyThatResult() {
        fixture.gradebook().body(OneRosterBodies.wrap("result", OneRosterBodies.result("R-1", "LI-401-1001", "STU-5001")))
                .put("/results/R-1").then().statusCode(201);
        fixture.gradebook().body(OneRosterBodies.wrap("result", OneRosterBodies.result("R-2", "LI-401-1001", "STU-5002")))
                .put("/results/R-2").then().statusCode(201);

        fixture.gradebook().delete("/results/R-1").then().statusCode(204);

        fixture.gradebook().get("/results/R-1").then().statusCode(404)
                .body("imsx_description", equalTo("result R-1 does not exist"));
        assertThat(fixture.control().results()).containsOnlyKeys("R-2");
        fixture.gradebook().delete("/results/R-1").then().statusCode(404);
    }
}
