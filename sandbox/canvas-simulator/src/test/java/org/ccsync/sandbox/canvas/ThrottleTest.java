package org.ccsync.sandbox.canvas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.ccsync.sandbox.canvas.SimulatorFixture.api;
import static org.ccsync.sandbox.canvas.SimulatorFixture.control;

import io.restassured.response.Response;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ThrottleTest {

    private static CanvasSimulator sim;

    @BeforeAll
    static void start() {
        sim = CanvasSimulator.start(CanvasSimulatorConfig.defaults());
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    @BeforeEach
    void reset() {
        sim.control().setThrottle(700, 10);
        sim.control().reset();
    }

    @Test
    void everyResponseCarriesCostAndRemaining() {
        Response response = api(sim).queryParam("per_page", 5).get("/api/v1/courses/101/assignments");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.header("X-Request-Cost")).isEqualTo("1.05");
        double remaining = Double.parseDouble(response.header("X-Rate-Limit-Remaining"));
        assertThat(remaining).isBetween(698.9, 699.0);
        assertThat(sim.control().stats().requests("GET /api/v1/courses/:course_id/assignments")).isEqualTo(1);
        assertThat(sim.control().stats().totalRequestCost()).isCloseTo(1.05, within(1e-9));
    }

    @Test
    void overflowingTheBucketGets403ThenRecoversAsItDrains() {
        control(sim).body("{\"bucketHighWater\": 2.5, \"drainPerSecond\": 0.5}").put("/sim/settings")
                .then().statusCode(200);

        Response throttled = null;
        for (int i = 0; i < 10 && throttled == null; i++) {
            Response r = api(sim).get("/api/v1/courses/101");
            if (r.statusCode() == 403) {
                throttled = r;
            } else {
                assertThat(r.statusCode()).isEqualTo(200);
            }
        }

        assertThat(throttled).as("a request was throttled").isNotNull();
        assertThat(throttled.asString()).isEqualTo("403 Forbidden (Rate Limit Exceeded)");
        assertThat(throttled.header("X-Request-Cost")).isEqualTo("0.0");
        assertThat(Double.parseDouble(throttled.header("X-Rate-Limit-Remaining"))).isBetween(0.0, 1.01);
        CanvasStats stats = sim.control().stats();
        assertThat(stats.throttledCount()).isEqualTo(1);
        assertThat(stats.maxBucketLevel()).isGreaterThan(1.5).isLessThanOrEqualTo(2.5);

        Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                .until(() -> api(sim).get("/api/v1/courses/101").statusCode() == 200);
        assertThat(sim.control().stats().currentLevel()).isLessThanOrEqualTo(2.5);
    }

    @Test
    void throttledRequestCostsNothing() {
        sim.control().setThrottle(1.5, 0);
        api(sim).get("/api/v1/courses/101").then().statusCode(200);
        double levelAfterFirst = sim.control().stats().currentLevel();

        api(sim).get("/api/v1/courses/101").then().statusCode(403);
        api(sim).get("/api/v1/courses/101").then().statusCode(403);

        assertThat(levelAfterFirst).isCloseTo(1.01, within(1e-9));
        assertThat(sim.control().stats().currentLevel()).isCloseTo(1.01, within(1e-9));
        assertThat(sim.control().stats().totalRequestCost()).isCloseTo(1.01, within(1e-9));
        assertThat(sim.control().stats().throttledCount()).isEqualTo(2);
    }
}
