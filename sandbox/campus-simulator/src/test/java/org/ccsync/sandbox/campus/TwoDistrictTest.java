package org.ccsync.sandbox.campus;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** Two simulators in one JVM are two independent districts with their own credentials and data. */
class TwoDistrictTest {

    private static SimulatorFixture north;
    private static SimulatorFixture south;

    @BeforeAll
    static void start() {
        north = SimulatorFixture.start(CampusSimulatorConfig.defaults().withLatencyMillis(0).withDistrict("north")
                .withAppName("north").withClientId("north-client").withVendorSecret("north-vendor-secret"));
        south = SimulatorFixture.start(CampusSimulatorConfig.defaults().withLatencyMillis(0).withDistrict("south")
                .withAppName("south").withClientId("south-client").withVendorSecret("south-vendor-secret"));
    }

    @AfterAll
    static void stop() {
        north.close();
        south.close();
    }

    @Test
    void portsAndTokenUrlsDiffer() {
        assertThat(north.sim.port()).isNotEqualTo(south.sim.port());
        assertThat(north.sim.tokenUrl()).endsWith("/campus/oauth2/token?appName=north");
        assertThat(south.sim.tokenUrl()).endsWith("/campus/oauth2/token?appName=south");
    }

    @Test
    void aTokenOfOneDistrictIsRejectedByTheOther() {
        given().baseUri(south.sim.gradebookUrl())
                .header("Authorization", "Bearer " + north.token())
                .header("x-vendor-authorization", south.sim.config().vendorAuthorization())
                .get("/classes/SEC-BIO1-P1/categories")
                .then().statusCode(401);
    }

    @Test
    void dataWrittenToOneDistrictStaysThere() {
        north.gradebook().body(OneRosterBodies.wrap("lineItem", OneRosterBodies.lineItem("LI-N", "SEC-BIO1-P1")))
                .put("/lineItems/LI-N").then().statusCode(201);

        south.gradebook().get("/lineItems/LI-N").then().statusCode(404);
        assertThat(north.control().lineItems()).containsKey("LI-N");
        assertThat(south.control().lineItems()).doesNotContainKey("LI-N");
        assertThat(south.control().stats().totalGradebookRequests()).isEqualTo(south.control().requests().stream()
                .filter(e -> e.path().startsWith("/campus/api/ims/oneroster/gradebook")).count());
    }
}
