package org.ccsync.sandbox.campus;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

/** failNext, failure rate, Retry-After and held (timed-out) requests. */
class FaultInjectionTest {

    private static final String CATEGORIES = "/classes/SEC-BIO1-P1/categories";
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
    void failNext503ThenSuccess() {
        fixture.control().failNext(1, 503);

        fixture.gradebook().get(CATEGORIES).then().statusCode(503)
                .header("Retry-After", nullValue())
                .body("imsx_codeMajor", equalTo("failure"))
                .body("imsx_CodeMinor.imsx_codeMinorField[0].imsx_codeMinorFieldValue", equalTo("server_busy"));
        fixture.gradebook().get(CATEGORIES).then().statusCode(200);
        assertThat(fixture.control().stats().count(503)).isEqualTo(1);
        assertThat(fixture.control().stats().count(200)).isEqualTo(1);
    }

    @Test
    void failNextCountsDownAcrossRequests() {
        fixture.control().failNext(2, 500);

        fixture.gradebook().get(CATEGORIES).then().statusCode(500)
                .body("imsx_CodeMinor.imsx_codeMinorField[0].imsx_codeMinorFieldValue", equalTo("internal_server_error"));
        fixture.gradebook().get(CATEGORIES).then().statusCode(500);
        fixture.gradebook().get(CATEGORIES).then().statusCode(200);
    }

    @Test
    void retryAfterIsSentWhenConfigured() {
        fixture.control().setRetryAfterSeconds(7);
        fixture.control().failNext(1, 429);

        fixture.gradebook().get(CATEGORIES).then().statusCode(429).header("Retry-After", "7")
                .body("imsx_CodeMinor.imsx_codeMinorField[0].imsx_codeMinorFieldValue", equalTo("server_busy"));
    }

    @Test
    void faultsDoNotTouchTokenOrRosteringCalls() {
        fixture.control().failNext(1, 503);

        fixture.rostering().get("/classes/SEC-BIO1-P1").then().statusCode(200);
        fixture.gradebook().get(CATEGORIES).then().statusCode(503);
    }

    @Test
    void failedPutsStoreNothing() {
        fixture.control().failNext(1, 500);

        fixture.gradebook().body(OneRosterBodies.wrap("lineItem", OneRosterBodies.lineItem("LI-1", "SEC-BIO1-P1")))
                .put("/lineItems/LI-1").then().statusCode(500);
        assertThat(fixture.control().lineItems()).isEmpty();
    }

    @Test
    void failureRateOneFailsEverythingUntilCleared() {
        fixture.control().setFailureRate(1.0, 500);
        for (int n = 0; n < 3; n++) {
            fixture.gradebook().get(CATEGORIES).then().statusCode(500);
        }
        fixture.control().clearFaults();
        fixture.gradebook().get(CATEGORIES).then().statusCode(200);
    }

    @Test
    void partialFailureRateFailsSomeAndPassesSome() {
        fixture.control().setFailureRate(0.5, 503);
        for (int n = 0; n < 60; n++) {
            fixture.gradebook().get(CATEGORIES);
        }
        CampusStats stats = fixture.control().stats();
        assertThat(stats.count(503)).isPositive();
        assertThat(stats.count(200)).isPositive();
        assertThat(stats.count(503) + stats.count(200)).isEqualTo(60);
    }

    @Test
    void timeoutNextHoldsTheRequestUntilTheClientGivesUp() throws IOException {
        fixture.control().timeoutNext(1);

        try (Socket socket = new Socket("127.0.0.1", fixture.sim.port())) {
            socket.setSoTimeout(500);
            sendCategoriesRequest(socket.getOutputStream());
            InputStream in = socket.getInputStream();
            assertThatThrownBy(in::read).isInstanceOf(SocketTimeoutException.class);
            assertThat(fixture.control().stats().inFlight()).isEqualTo(1);
        }

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(fixture.control().stats().inFlight()).isZero();
            assertThat(fixture.control().requests()).anySatisfy(e -> {
                assertThat(e.path()).endsWith(CATEGORIES);
                assertThat(e.status()).isZero();
            });
        });
        fixture.gradebook().get(CATEGORIES).then().statusCode(200);
    }

    @Test
    void heldRequestIsClosedByTheSimulatorAfterTheHoldTime() throws IOException {
        fixture.control().setTimeoutHoldMillis(300);
        fixture.control().timeoutNext(1);

        try (Socket socket = new Socket("127.0.0.1", fixture.sim.port())) {
            socket.setSoTimeout(10_000);
            sendCategoriesRequest(socket.getOutputStream());
            assertThat(socket.getInputStream().read()).isEqualTo(-1);
        }
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(fixture.control().stats().count(0)).isEqualTo(1));
    }

    @Test
    void busyRejectionsComeBeforeFaults() {
        fixture.control().setMaxConcurrent(0);
        fixture.control().failNext(1, 500);

        fixture.gradebook().get(CATEGORIES).then().statusCode(429);
        fixture.control().setMaxConcurrent(5);
        fixture.gradebook().get(CATEGORIES).then().statusCode(500);
    }

    @Test
    void unauthenticatedRequestsDoNotConsumeFaults() {
        fixture.control().failNext(1, 503);

        given().baseUri(fixture.sim.gradebookUrl()).get(CATEGORIES).then().statusCode(401);
        fixture.gradebook().get(CATEGORIES).then().statusCode(503);
    }

    @Test
    void aFaultMixAnswersEachShareAsItsKindAndIsCleared() {
        fixture.control().setFaultMix(new FaultMix(1.0, 502, 0, 0));
        fixture.gradebook().get(CATEGORIES).then().statusCode(502);
        fixture.control().setFaultMix(new FaultMix(0, 503, 1.0, 0));
        fixture.gradebook().get(CATEGORIES).then().statusCode(429);
        fixture.control().clearFaults();
        fixture.gradebook().get(CATEGORIES).then().statusCode(200);
        assertThatThrownBy(() -> new FaultMix(0.6, 503, 0.5, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void icThatGoesDownRefusesConnectionsAndComesBackWithWhatItStored() {
        int before = fixture.control().lineItems().size();
        fixture.sim.goDown();
        try {
            assertThatThrownBy(() -> new java.net.Socket("127.0.0.1", fixture.sim.port()).close())
                    .isInstanceOf(java.net.ConnectException.class);
        } finally {
            fixture.sim.comeBack();
        }
        fixture.gradebook().get(CATEGORIES).then().statusCode(200);
        assertThat(fixture.control().lineItems()).hasSize(before);
    }

    private static void sendCategoriesRequest(OutputStream out) throws IOException {
        String request = "GET " + "/campus/api/ims/oneroster/gradebook/v1p2" + CATEGORIES + " HTTP/1.1\r\n"
                + "Host: 127.0.0.1\r\n"
                + "Authorization: Bearer " + fixture.token() + "\r\n"
                + "x-vendor-authorization: demo-vendor:demo-vendor-secret\r\n"
                + "\r\n";
        out.write(request.getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }
}
