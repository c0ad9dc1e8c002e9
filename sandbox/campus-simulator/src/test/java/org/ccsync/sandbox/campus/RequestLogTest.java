package org.ccsync.sandbox.campus;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** The request log records method, path, status, timing, body and traceparent of every IC call, but not /sim calls. */
class RequestLogTest {

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
    void logsEachGradebookCallWithItsBodyStatusAndTiming() {
        fixture.control().setLatencyMillis(50);
        String body = OneRosterBodies.wrap("lineItem", OneRosterBodies.lineItem("LI-1", "SEC-BIO1-P1"));
        fixture.gradebook().body(body).put("/lineItems/LI-1").then().statusCode(201);
        fixture.gradebook().get("/lineItems/LI-2").then().statusCode(404);

        List<RequestLogEntry> entries = fixture.control().requests();
        assertThat(entries).hasSize(2);
        RequestLogEntry put = entries.get(0);
        assertThat(put.method()).isEqualTo("PUT");
        assertThat(put.path()).isEqualTo("/campus/api/ims/oneroster/gradebook/v1p2/lineItems/LI-1");
        assertThat(put.status()).isEqualTo(201);
        assertThat(put.body()).isEqualTo(body);
        assertThat(put.duration()).isGreaterThanOrEqualTo(Duration.ofMillis(50));
        assertThat(put.end()).isAfter(put.start());
        RequestLogEntry get = entries.get(1);
        assertThat(get.method()).isEqualTo("GET");
        assertThat(get.status()).isEqualTo(404);
        assertThat(get.body()).isNull();
        assertThat(get.start()).isAfterOrEqualTo(put.end());
    }

    @Test
    void logsTheTraceparentHeaderTheCallerSent() {
        String traceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
        String body = OneRosterBodies.wrap("lineItem", OneRosterBodies.lineItem("LI-T", "SEC-BIO1-P1"));
        fixture.gradebook().header("traceparent", traceparent).body(body).put("/lineItems/LI-T").then()
                .statusCode(201);
        fixture.gradebook().get("/lineItems/LI-T").then().statusCode(200);

        assertThat(fixture.control().requests()).filteredOn(e -> e.path().endsWith("/lineItems/LI-T"))
                .extracting(RequestLogEntry::method, RequestLogEntry::traceparent)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("PUT", traceparent),
                        org.assertj.core.groups.Tuple.tuple("GET", null));
        given().get(fixture.sim.baseUrl() + "/sim/requests").then().statusCode(200)
                .body("find { it.method == 'PUT' && it.path.endsWith('/lineItems/LI-T') }.traceparent",
                        org.hamcrest.Matchers.equalTo(traceparent));
    }

    @Test
    void logsTokenAndRosteringCallsButNotSimCalls() {
        given().auth().preemptive().basic("demo-client", "wrong")
                .formParam("grant_type", "client_credentials")
                .post(fixture.sim.tokenUrl()).then().statusCode(401);
        fixture.rostering().get("/classes/SEC-WH-P4").then().statusCode(200);
        given().get(fixture.sim.baseUrl() + "/sim/stats").then().statusCode(200);

        assertThat(fixture.control().requests())
                .extracting(RequestLogEntry::method, RequestLogEntry::path, RequestLogEntry::status)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("POST", "/campus/oauth2/token", 401),
                        org.assertj.core.groups.Tuple.tuple("GET", "/campus/api/ims/oneroster/rostering/v1p2/classes/SEC-WH-P4", 200));
        assertThat(fixture.control().stats().totalGradebookRequests()).isZero();
    }

    @Test
    void resetStatsClearsTheLogAndCounters() {
        fixture.gradebook().get("/classes/SEC-BIO1-P1/categories").then().statusCode(200);
        assertThat(fixture.control().requests()).isNotEmpty();
        assertThat(fixture.control().stats().totalGradebookRequests()).isEqualTo(1);

        fixture.control().resetStats();

        assertThat(fixture.control().requests()).isEmpty();
        CampusStats stats = fixture.control().stats();
        assertThat(stats.totalGradebookRequests()).isZero();
        assertThat(stats.byStatus()).isEmpty();
        assertThat(stats.peakConcurrency()).isZero();
    }
}
