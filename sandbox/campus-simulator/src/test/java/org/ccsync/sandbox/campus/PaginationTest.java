package org.ccsync.sandbox.campus;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

/** limit/offset paging with X-Total-Count and Link rel="next" on gradebook and rostering collections. */
class PaginationTest {

    private static SimulatorFixture fixture;

    @BeforeAll
    static void start() {
        fixture = SimulatorFixture.start();
        for (int n = 1; n <= 5; n++) {
            String id = "LI-" + n;
            fixture.gradebook().body(OneRosterBodies.wrap("lineItem", OneRosterBodies.lineItem(id, "SEC-BIO1-P1")))
                    .put("/lineItems/" + id).then().statusCode(201);
        }
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    @Test
    void firstPageLinksToTheNext() {
        fixture.gradebook().queryParam("limit", 2).get("/classes/SEC-BIO1-P1/lineItems").then().statusCode(200)
                .header("X-Total-Count", "5")
                .header("Link", equalTo("<" + fixture.sim.gradebookUrl()
                        + "/classes/SEC-BIO1-P1/lineItems?limit=2&offset=2>; rel=\"next\", <" + fixture.sim.gradebookUrl()
                        + "/classes/SEC-BIO1-P1/lineItems?limit=2&offset=4>; rel=\"last\""))
                .body("lineItems.sourcedId", contains("LI-1", "LI-2"));
    }

    @Test
    void middlePageStartsAtTheOffset() {
        fixture.gradebook().queryParam("limit", 2).queryParam("offset", 2).get("/classes/SEC-BIO1-P1/lineItems")
                .then().statusCode(200)
                .header("Link", startsWith("<" + fixture.sim.gradebookUrl()
                        + "/classes/SEC-BIO1-P1/lineItems?limit=2&offset=4>; rel=\"next\""))
                .header("Link", containsString("offset=0>; rel=\"prev\""))
                .body("lineItems.sourcedId", contains("LI-3", "LI-4"));
    }

    @Test
    void lastPageHasNoNextLink() {
        fixture.gradebook().queryParam("limit", 2).queryParam("offset", 4).get("/classes/SEC-BIO1-P1/lineItems")
                .then().statusCode(200)
                .header("X-Total-Count", "5")
                .header("Link", not(containsString("rel=\"next\"")))
                .header("Link", containsString("offset=2>; rel=\"prev\""))
                .body("lineItems.sourcedId", contains("LI-5"));
    }

    @Test
    void defaultLimitReturnsEverythingUpTo100() {
        fixture.gradebook().get("/classes/SEC-BIO1-P1/lineItems").then().statusCode(200)
                .header("Link", nullValue())
                .body("lineItems", hasSize(5));
    }

    @Test
    void offsetBeyondTheEndIsAnEmptyPage() {
        fixture.gradebook().queryParam("offset", 50).get("/classes/SEC-BIO1-P1/lineItems").then().statusCode(200)
                .header("X-Total-Count", "5")
                .body("lineItems", hasSize(0));
    }

    @Test
    void invalidLimitIs400() {
        fixture.gradebook().queryParam("limit", 0).get("/classes/SEC-BIO1-P1/lineItems").then().statusCode(400)
                .body("imsx_description", containsString("query parameter limit=\"0\""))
                .body("imsx_CodeMinor.imsx_codeMinorField[0].imsx_codeMinorFieldValue", equalTo("invalid_selection_field"));
        fixture.gradebook().queryParam("offset", "x").get("/classes/SEC-BIO1-P1/lineItems").then().statusCode(400);
    }

    @Test
    void rosteringCollectionsPageToo() {
        fixture.rostering().queryParam("limit", 1).queryParam("offset", 1).get("/classes/SEC-BIO1-P1/students")
                .then().statusCode(200)
                .header("X-Total-Count", "3")
                .header("Link", startsWith("<" + fixture.sim.rosteringUrl()
                        + "/classes/SEC-BIO1-P1/students?limit=1&offset=2>; rel=\"next\""))
                .body("users.sourcedId", contains("STU-5002"));
    }
}
