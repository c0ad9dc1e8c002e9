package org.ccsync.sandbox.campus;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;

/** PUT/GET/DELETE of lineItems, class collections and categories. */
class LineItemLifecycleTest {

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
    void putCreatesThenUpdatesWith201WithoutDuplicating() {
        ObjectNode item = OneRosterBodies.lineItem("LI-401-1001", "SEC-BIO1-P1");
        fixture.gradebook().body(OneRosterBodies.wrap("lineItem", item)).put("/lineItems/LI-401-1001")
                .then().statusCode(201).body("lineItem.sourcedId", equalTo("LI-401-1001"))
                .body("lineItem.title", equalTo("Cell Structure Quiz"));

        item.put("title", "Cell Structure Quiz (renamed)");
        fixture.gradebook().body(OneRosterBodies.wrap("lineItem", item)).put("/lineItems/LI-401-1001")
                .then().statusCode(201).body("lineItem.title", equalTo("Cell Structure Quiz (renamed)"));

        fixture.gradebook().get("/classes/SEC-BIO1-P1/lineItems")
                .then().statusCode(200).header("X-Total-Count", "1")
                .body("lineItems", hasSize(1))
                .body("lineItems[0].title", equalTo("Cell Structure Quiz (renamed)"));
        assertThat(fixture.control().lineItems()).containsOnlyKeys("LI-401-1001");
        assertThat(fixture.control().lineItems().get("LI-401-1001").get("title").asText())
                .isEqualTo("Cell Structure Quiz (renamed)");
    }

    @Test
    void getReturnsTheStoredLineItemAndUnknownIs404() {
        fixture.gradebook().body(OneRosterBodies.wrap("lineItem", OneRosterBodies.lineItem("LI-1", "SEC-BIO1-P2")))
                .put("/lineItems/LI-1").then().statusCode(201);

        fixture.gradebook().get("/lineItems/LI-1").then().statusCode(200)
                .body("lineItem.class.sourcedId", equalTo("SEC-BIO1-P2"))
                .body("lineItem.resultValueMax", equalTo(10));
        fixture.gradebook().get("/lineItems/LI-404").then().statusCode(404)
                .body("imsx_CodeMinor.imsx_codeMinorField[0].imsx_codeMinorFieldValue", equalTo("unknownobject"));
    }

    @Test
    void deleteRemovesTheLineItemAndItsResults() {
        fixture.gradebook().body(OneRosterBodies.wrap("lineItem", OneRosterBodies.lineItem("LI-1", "SEC-BIO1-P1")))
                .put("/lineItems/LI-1").then().statusCode(201);
        fixture.gradebook().body(OneRosterBodies.wrap("result", OneRosterBodies.result("R-1", "LI-1", "STU-5001")))
                .put("/results/R-1").then().statusCode(201);

        fixture.gradebook().delete("/lineItems/LI-1").then().statusCode(204);

        fixture.gradebook().get("/lineItems/LI-1").then().statusCode(404);
        fixture.gradebook().get("/results/R-1").then().statusCode(404);
        assertThat(fixture.control().results()).isEmpty();
        fixture.gradebook().delete("/lineItems/LI-1").then().statusCode(404);
    }

    @Test
    void classLineItemsOfAnUnknownClassIs404() {
        fixture.gradebook().get("/classes/SEC-NOPE/lineItems").then().statusCode(404);
    }

    @Test
    void categoriesOfAClassAreTheFourSeededOnes() {
        fixture.gradebook().get("/classes/SEC-ALG1-P3/categories").then().statusCode(200)
                .header("X-Total-Count", "4")
                .body("categories.title", contains("Homework", "Quizzes", "Tests", "Projects"))
                .body("categories.sourcedId", contains("CAT-SEC-ALG1-P3-HOMEWORK", "CAT-SEC-ALG1-P3-QUIZZES",
                        "CAT-SEC-ALG1-P3-TESTS", "CAT-SEC-ALG1-P3-PROJECTS"))
                .body("categories[0].status", equalTo("active"))
                .body("categories[0].dateLastModified", startsWith("2026-"))
                .body("categories[0].weight", equalTo(0.25f));
        fixture.gradebook().get("/classes/SEC-NOPE/categories").then().statusCode(404);
    }

    @Test
    void unparseableJsonIs400() {
        fixture.gradebook().body("{\"lineItem\": {").put("/lineItems/LI-1").then().statusCode(400)
                .body("imsx_description", startsWith("request body is not valid JSON"))
                .body("imsx_CodeMinor.imsx_codeMinorField[0].imsx_codeMinorFieldValue", equalTo("invaliddata"));
        assertThat(fixture.control().lineItems()).isEmpty();
    }

    @Test
    void unknownGradebookEndpointIs404() {
        fixture.gradebook().get("/nothing/here").then().statusCode(404)
                .body("imsx_description", equalTo("no endpoint GET /campus/api/ims/oneroster/gradebook/v1p2/nothing/here"));
    }
}
