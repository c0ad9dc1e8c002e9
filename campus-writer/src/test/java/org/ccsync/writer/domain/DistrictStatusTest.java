package org.ccsync.writer.domain;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.ccsync.writer.CampusSimulatorResource.SIMA;
import static org.ccsync.writer.WriterTestKit.awaitOutcomes;
import static org.ccsync.writer.WriterTestKit.send;
import static org.ccsync.writer.WriterTestKit.uid;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ccsync.contracts.DistrictStatusChanged;
import org.ccsync.contracts.UpsertLineItem;
import org.ccsync.contracts.UpsertResult;
import org.ccsync.testsupport.InfraTestResource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.ccsync.writer.CampusSimulatorResource;
import org.ccsync.writer.CampusWireMock;
import org.ccsync.writer.SimKit;
import org.ccsync.writer.TestClock;
import org.ccsync.writer.WriterTestKit;

/** District status events (credential expiry, rejected credentials) and the service's meters. */
@QuarkusTest
@WithTestResource(value = InfraTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = CampusWireMock.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = CampusSimulatorResource.class, scope = TestResourceScope.GLOBAL)
class DistrictStatusTest {

    /** Midnight in Chicago (CST) on the configured expiry day, 2027-01-15. */
    private static final Instant EXPIRES = Instant.parse("2027-01-15T06:00:00Z");

    @Inject
    DistrictHealth health;

    @AfterEach
    void unpin() {
        TestClock.unpin();
    }

    private static String metrics() {
        return given().get("/q/metrics").then().statusCode(200).extract().asString();
    }

    private static double metric(String text, String line) {
        Matcher matcher = Pattern.compile("(?m)^" + Pattern.quote(line) + " (\\S+)$").matcher(text);
        assertThat(matcher.find()).as("metric %s in%n%s", line, text).isTrue();
        return Double.parseDouble(matcher.group(1));
    }

    @Test
    void theCredentialExpiryIsAnnouncedAndMeasured() {
        TestClock.pin(TestClock.OFF_PEAK);
        Instant start = Instant.now();

        health.announceCredentialExpiry();

        DistrictStatusChanged status = SimKit.awaitStatus(SIMA, s -> s.occurredAt().isAfter(start)
                && EXPIRES.equals(s.credentialsExpireAt())).get(0);
        assertThat(status.message()).contains("2027-01-15").contains("in 45 days");
        assertThat(status.courseId()).isNull();
        assertThat(status.identityStrategy()).as("the district's identity strategy travels with its health")
                .isEqualTo("sis-ids");
        assertThat(metric(metrics(), "ccsync_ic_credentials_expiry{tenant=\"sima\"}"))
                .isEqualTo((double) Duration.between(TestClock.OFF_PEAK, EXPIRES).toSeconds());
    }

    @Test
    void rejectedCredentialsSayWhichDistrictAndWhy() {
        String id = uid();
        send(WriterTestKit.result(CampusWireMock.BADCREDS, "course-" + id, "cls-" + id, "a-" + id, "stu-" + id, 1,
                7.0, false, false, false));

        DistrictStatusChanged status = SimKit.awaitStatus(CampusWireMock.BADCREDS, s -> !s.credentialsValid()).get(0);
        assertThat(status.message()).contains("rejected the OAuth2 client credentials of district badcreds")
                .doesNotContain("badcreds-secret");
        assertThat(status.icAvailable()).isTrue();
    }

    @Test
    void icRequestsLanesAndLatencyAreMeasuredPerDistrict() {
        TestClock.pin(TestClock.OFF_PEAK);
        String id = uid();
        UpsertLineItem item = SimKit.lineItem(SIMA, "course-" + id, "a-" + id, 1, "Probe " + id, "Tests");
        send(item);
        awaitOutcomes(item.lineItemSourcedId(), 1);
        UpsertResult score = SimKit.result(SIMA, "course-" + id, item.assignmentId(), SimKit.STUDENT, 1, 8);
        send(score);
        awaitOutcomes(score.resultSourcedId(), 1);

        String text = metrics();
        assertThat(metric(text, "ccsync_ic_requests_total{operation=\"put_line_item\",status=\"201\",tenant=\"sima\"}"))
                .isPositive();
        assertThat(metric(text, "ccsync_ic_requests_total{operation=\"put_result\",status=\"201\",tenant=\"sima\"}"))
                .isPositive();
        assertThat(metric(text, "ccsync_ic_requests_total{operation=\"token\",status=\"200\",tenant=\"sima\"}"))
                .isPositive();
        assertThat(metric(text, "ccsync_lane_capacity{tenant=\"sima\"}")).isEqualTo(5.0);
        assertThat(metric(text, "ccsync_lane_in_flight{tenant=\"sima\"}")).isBetween(0.0, 5.0);
        assertThat(metric(text, "ccsync_lane_wait_seconds_count{tenant=\"sima\"}")).isPositive();
        assertThat(metric(text, "ccsync_ic_circuit_open{tenant=\"sima\"}")).isZero();
        assertThat(metric(text, "ccsync_sync_latency_seconds_count{kind=\"result\",tenant=\"sima\"}")).isPositive();
        assertThat(metric(text, "ccsync_sync_latency_seconds_count{kind=\"line_item\",tenant=\"sima\"}"))
                .isPositive();
        assertThat(text).contains("ccsync_sync_latency_seconds_bucket{kind=\"result\",tenant=\"sima\",le=");
    }
}
