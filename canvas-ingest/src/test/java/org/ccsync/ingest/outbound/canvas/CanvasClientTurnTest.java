package org.ccsync.ingest.outbound.canvas;

import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.ccsync.ingest.CanvasFixture;
import org.ccsync.ingest.CanvasWireMockResource;
import org.ccsync.testsupport.InfraTestResource;
import org.junit.jupiter.api.Test;

/** The Canvas client sends one request at a time per district, while districts do not wait for each other. */
@QuarkusTest
@WithTestResource(value = InfraTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = CanvasWireMockResource.class, scope = TestResourceScope.GLOBAL)
class CanvasClientTurnTest {

    private static final int DELAY_MS = 700;

    @Inject
    CanvasClient client;

    private static long received(LoggedRequest request) {
        return request.getLoggedDate().getTime();
    }

    private List<Long> receivedTimes(CanvasFixture canvas, String path) {
        return canvas.wm.find(getRequestedFor(urlPathEqualTo(path))).stream().map(CanvasClientTurnTest::received)
                .sorted().toList();
    }

    @Test
    void concurrentCallsOfOneDistrictTakeTurnsAndOtherDistrictsDoNotWait() throws Exception {
        CanvasFixture canvas = CanvasFixture.connect();
        String signedCourse = CanvasFixture.newId();
        String openCourse = CanvasFixture.newId();
        String signedPath = CanvasFixture.coursePath(signedCourse) + "/sections";
        String openPath = CanvasFixture.coursePath(openCourse) + "/sections";
        for (String path : List.of(signedPath, openPath)) {
            canvas.wm.register(CanvasFixture.canvasGet(path).willReturn(okJson("[]").withFixedDelay(DELAY_MS)
                    .withHeader("X-Rate-Limit-Remaining", "690.0").withHeader("X-Request-Cost", "0.5")));
        }
        CountDownLatch start = new CountDownLatch(1);
        List<Callable<Object>> calls = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            calls.add(() -> {
                start.await();
                return client.sections(CanvasWireMockResource.SIGNED, signedCourse);
            });
        }
        calls.add(() -> {
            start.await();
            return client.sections(CanvasWireMockResource.OPEN, openCourse);
        });
        ExecutorService pool = Executors.newFixedThreadPool(calls.size());
        try {
            List<Future<Object>> results = calls.stream().map(pool::submit).toList();
            start.countDown();
            for (Future<Object> result : results) {
                result.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        // Three calls of district "signed": each reached Canvas only after the one before had its answer.
        List<Long> signed = receivedTimes(canvas, signedPath);
        assertThat(signed).hasSize(3);
        for (int i = 1; i < signed.size(); i++) {
            assertThat(signed.get(i) - signed.get(i - 1)).isGreaterThanOrEqualTo(DELAY_MS - 50L);
        }
        // District "open" has its own turn: its call reached Canvas while one of them was in flight.
        long open = receivedTimes(canvas, openPath).get(0);
        assertThat(signed).anySatisfy(t -> assertThat(Math.abs(open - t)).isLessThan(DELAY_MS - 50L));

        String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics)
                .contains("ccsync_canvas_requests_total{endpoint=\"sections\",status=\"200\",tenant=\"signed\"}")
                .contains("ccsync_canvas_request_cost_total{tenant=\"open\"}");
    }
}
