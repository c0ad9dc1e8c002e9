package org.ccsync.ingest.inbound;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.ccsync.contracts.AssignmentChanged;
import org.ccsync.contracts.ItemFailed;
import org.ccsync.contracts.RosterChanged;
import org.ccsync.contracts.ScoreChanged;
import org.ccsync.contracts.Topics;
import org.ccsync.ingest.CanvasFixture;
import org.ccsync.ingest.CanvasSimulatorResource;
import org.ccsync.ingest.InjectCanvasSimulator;
import org.ccsync.ingest.persistence.SchedulerLease;
import org.ccsync.sandbox.canvas.CanvasSimulator;
import org.ccsync.sandbox.canvas.Submission;
import org.ccsync.testsupport.InfraTestResource;
import org.ccsync.testsupport.KafkaTestClient;
import org.junit.jupiter.api.Test;

/** The incremental poller against the Canvas simulator: changes that emit no Live Event still reach Kafka. */
@QuarkusTest
@WithTestResource(value = InfraTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = CanvasSimulatorResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class IncrementalPollerTest {

    private static final String TENANT = CanvasSimulatorResource.TENANT;
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final KafkaTestClient kafka = KafkaTestClient.shared();

    @InjectCanvasSimulator
    CanvasSimulator simulator;

    @Inject
    IncrementalPoller poller;

    @Inject
    SchedulerLease lease;

    private static String key(String courseId) {
        return TENANT + "/" + courseId;
    }

    private List<ConsumerRecord<String, String>> changes(String courseId, String type) {
        return kafka.currentRecords(Topics.CANVAS_CHANGES,
                r -> key(courseId).equals(r.key()) && r.value().contains("\"type\":\"" + type + "\""));
    }

    @Test
    void disablingPostToSisForTheCourseIsCaughtByTheAssignmentsCheck() {
        poller.pollCourse(TENANT, "102");
        // Whichever poll saw course 102 first published what downstream needs before its scores: roster first.
        List<ConsumerRecord<String, String>> published = kafka.awaitRecords(Topics.CANVAS_CHANGES,
                r -> key("102").equals(r.key()), 10, WAIT);
        assertThat(published).extracting(CanvasFixture::typeOf).containsExactly("RosterChanged",
                "AssignmentChanged", "AssignmentChanged", "ScoreChanged", "ScoreChanged", "ScoreChanged",
                "ScoreChanged", "ScoreChanged", "ScoreChanged", "ScoreChanged");
        RosterChanged roster = KafkaTestClient.read(published.get(0), RosterChanged.class);
        // The teacher is enrolled in both sections; the login identifies the teacher signing in to status-service.
        assertThat(roster.teachers()).isNotEmpty().allSatisfy(t -> {
            assertThat(t.sisUserId()).isEqualTo("T-9002");
            assertThat(t.loginId()).isEqualTo("escalante@demo.k12.example");
        });
        assertThat(poller.pollCourse(TENANT, "102").assignments()).isZero();

        // Canvas's "disable post_to_sis for course" emits no Live Event.
        int eventsBefore = simulator.control().events().size();
        assertThat(simulator.control().disablePostToSisForCourse(102)).isEqualTo(2);
        assertThat(simulator.control().events()).hasSize(eventsBefore);

        assertThat(poller.pollCourse(TENANT, "102").assignments()).isEqualTo(2);
        List<AssignmentChanged> disabled = kafka.awaitRecords(Topics.CANVAS_CHANGES, r -> key("102").equals(r.key())
                && r.value().contains("AssignmentChanged") && r.value().contains("\"postToSis\":false"), 2, WAIT)
                .stream().map(r -> KafkaTestClient.read(r, AssignmentChanged.class)).toList();
        assertThat(disabled).extracting(AssignmentChanged::assignmentId).containsExactlyInAnyOrder("421", "422");
        assertThat(poller.pollCourse(TENANT, "102").assignments()).isZero();
    }

    @Test
    void missingPolicyZerosAreCaughtByGradedSince() {
        poller.pollCourse(TENANT, "101");
        // The automatic zeros of the missing-submission policy emit no Live Event either.
        List<Submission> zeros = simulator.control().applyMissingPolicy(101, 417);
        assertThat(zeros).isNotEmpty();

        IncrementalPoller.CoursePoll poll = poller.pollCourse(TENANT, "101");

        assertThat(poll.scores()).isGreaterThanOrEqualTo(zeros.size());
        List<ScoreChanged> missing = kafka.awaitRecords(Topics.CANVAS_CHANGES, r -> key("101").equals(r.key())
                && r.value().contains("ScoreChanged") && r.value().contains("\"assignmentId\":\"417\"")
                && r.value().contains("\"missing\":true"), zeros.size(), WAIT)
                .stream().map(r -> KafkaTestClient.read(r, ScoreChanged.class)).toList();
        assertThat(missing).extracting(ScoreChanged::userId).containsExactlyInAnyOrderElementsOf(
                zeros.stream().map(s -> Long.toString(s.userId())).toList());
        assertThat(missing).allSatisfy(score -> {
            assertThat(score.score()).isEqualTo(0.0);
            assertThat(score.gradedAt()).isNotNull();
        });
    }

    @Test
    void pollRunsOnlyOnTheReplicaHoldingTheLease() {
        assertThat(lease.tryAcquire(IncrementalPoller.LEASE, "other-replica", Duration.ofMinutes(5))).isTrue();
        try {
            long before = simulator.control().stats().totalRequests();
            poller.poll();
            assertThat(simulator.control().stats().totalRequests()).isEqualTo(before);
        } finally {
            lease.release(IncrementalPoller.LEASE, "other-replica");
        }

        long before = simulator.control().stats().totalRequests();
        poller.poll();
        // It listed the account's published courses and polled them, then released the lease.
        assertThat(simulator.control().stats().requests("GET /api/v1/accounts/:account_id/courses"))
                .isPositive();
        assertThat(simulator.control().stats().totalRequests()).isGreaterThan(before);
        assertThat(lease.tryAcquire(IncrementalPoller.LEASE, "other-replica", Duration.ofSeconds(1))).isTrue();
        lease.release(IncrementalPoller.LEASE, "other-replica");
    }

    @Test
    void revokedTokenIsReportedOnceAndPollingGoesOnAfterwards() {
        poller.pollDistrict(TENANT, () -> true);
        simulator.control().revokeToken();
        try {
            poller.pollDistrict(TENANT, () -> true);
            poller.pollDistrict(TENANT, () -> true);
            List<ItemFailed> failed = kafka.awaitRecords(Topics.SYNC_OUTCOMES, r -> r.key().startsWith(TENANT + "/")
                    && r.value().contains("canvas_token_rejected"), 1, WAIT)
                    .stream().map(r -> KafkaTestClient.read(r, ItemFailed.class)).toList();
            assertThat(failed).singleElement().satisfies(f -> {
                assertThat(f.retryable()).isFalse();
                assertThat(f.error()).doesNotContain(simulator.config().apiToken());
            });
            given().when().get("/q/metrics").then().statusCode(200)
                    .body(containsString("ccsync_canvas_token_valid{tenant=\"demo\"} 0.0"));
        } finally {
            simulator.control().restoreToken();
        }
        poller.pollDistrict(TENANT, () -> true);
        given().when().get("/q/metrics").then().statusCode(200)
                .body(containsString("ccsync_canvas_token_valid{tenant=\"demo\"} 1.0"));
        assertThat(kafka.currentRecords(Topics.SYNC_OUTCOMES, r -> r.key().startsWith(TENANT + "/")
                && r.value().contains("canvas_token_rejected"))).hasSize(1);
    }

    @Test
    void metricsShowCanvasUseAndTheWatermarkAgeOfEachCourse() {
        poller.pollCourse(TENANT, "101");

        String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics)
                .contains("ccsync_canvas_requests_total{endpoint=\"submissions\",status=\"200\",tenant=\"demo\"}")
                .contains("ccsync_canvas_request_cost_total{tenant=\"demo\"}")
                .contains("ccsync_canvas_watermark_age_seconds{course=\"101\",tenant=\"demo\"}");
        assertThat(changes("101", "RosterChanged")).isNotEmpty();
    }
}
