package org.ccsync.sandbox.campus;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/** The in-flight cap: excess parallel gradebook requests get 429 server_busy at once and the peak equals the cap. */
class ConcurrencyCapTest {

    private static final int CAP = 3;
    private static final int PARALLEL = 10;

    private SimulatorFixture fixture;
    private HttpClient client;

    @BeforeEach
    void start() {
        fixture = SimulatorFixture.start(CampusSimulatorConfig.defaults().withMaxConcurrent(CAP).withLatencyMillis(1500));
        client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    void parallelRequestsBeyondTheCapAreRejectedBusy() {
        fixture.control().setRetryAfterSeconds(2);
        fixture.token();

        List<HttpResponse<String>> responses = fireInParallel(PARALLEL);

        List<HttpResponse<String>> busy = responses.stream().filter(r -> r.statusCode() == 429).toList();
        List<HttpResponse<String>> ok = responses.stream().filter(r -> r.statusCode() == 200).toList();
        assertThat(busy).isNotEmpty();
        assertThat(ok).hasSizeGreaterThanOrEqualTo(CAP);
        assertThat(ok.size() + busy.size()).isEqualTo(PARALLEL);
        assertThat(busy.get(0).headers().firstValue("Retry-After")).contains("2");
        assertThat(busy.get(0).body()).contains("\"imsx_codeMinorFieldValue\":\"server_busy\"");

        CampusStats stats = fixture.control().stats();
        assertThat(stats.peakConcurrency()).isEqualTo(CAP);
        assertThat(stats.rejectedBusy()).isEqualTo(busy.size());
        assertThat(stats.count(429)).isEqualTo(busy.size());
        assertThat(stats.count(200)).isEqualTo(ok.size());
        assertThat(stats.totalGradebookRequests()).isEqualTo(PARALLEL);
        assertThat(stats.inFlight()).isZero();
    }

    @Test
    void rejectedRequestsAreAnsweredWithoutTheLatency() {
        fixture.token();
        List<HttpResponse<String>> responses = fireInParallel(PARALLEL);

        List<RequestLogEntry> gradebook = fixture.control().requests().stream()
                .filter(e -> e.path().startsWith("/campus/api/ims/oneroster/gradebook/")).toList();
        List<RequestLogEntry> rejected = gradebook.stream().filter(e -> e.status() == 429).toList();
        List<RequestLogEntry> admitted = gradebook.stream().filter(e -> e.status() == 200).toList();
        assertThat(responses).extracting(HttpResponse::statusCode).contains(429, 200);
        assertThat(rejected).hasSize(PARALLEL - admitted.size());
        assertThat(rejected).allSatisfy(e -> assertThat(e.duration()).isLessThan(Duration.ofMillis(1000)));
        assertThat(admitted).allSatisfy(e -> assertThat(e.duration()).isGreaterThanOrEqualTo(Duration.ofMillis(1500)));
    }

    @Test
    void serialRequestsUnderACapOfOneAreNeverRejected() {
        fixture.control().setMaxConcurrent(1);
        fixture.control().setLatencyMillis(0);
        for (int n = 0; n < 20; n++) {
            fixture.gradebook().get("/classes/SEC-BIO1-P1/categories").then().statusCode(200);
        }
        assertThat(fixture.control().stats().rejectedBusy()).isZero();
        assertThat(fixture.control().stats().peakConcurrency()).isEqualTo(1);
    }

    private List<HttpResponse<String>> fireInParallel(int count) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(fixture.sim.gradebookUrl() + "/classes/SEC-BIO1-P1/categories"))
                .header("Authorization", "Bearer " + fixture.token())
                .header("x-vendor-authorization", "demo-vendor:demo-vendor-secret")
                .timeout(Duration.ofSeconds(20))
                .GET().build();
        List<CompletableFuture<HttpResponse<String>>> futures = new ArrayList<>();
        for (int n = 0; n < count; n++) {
            futures.add(client.sendAsync(request, HttpResponse.BodyHandlers.ofString()));
        }
        return futures.stream().map(CompletableFuture::join).toList();
    }
}
