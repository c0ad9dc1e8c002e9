package org.ccsync.ingest.inbound;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.ccsync.contracts.AssignmentChanged;
import org.ccsync.contracts.DailySyncScheduleChanged;
import org.ccsync.contracts.ItemFailed;
import org.ccsync.contracts.SyncRequest;
import org.ccsync.contracts.SyncRequested;
import org.ccsync.contracts.SyncRunProgressed;
import org.ccsync.contracts.SyncTrigger;
import org.ccsync.contracts.Topics;
import org.ccsync.ingest.CanvasFixture;
import org.ccsync.ingest.CanvasWireMockResource;
import org.ccsync.ingest.persistence.CourseState;
import org.ccsync.ingest.persistence.IngestStateRepository;
import org.ccsync.testsupport.InfraTestResource;
import org.ccsync.testsupport.KafkaTestClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** "Sync now" reconciles a whole course; daily-schedule changes are stored newest-version-wins. */
@QuarkusTest
@WithTestResource(value = InfraTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = CanvasWireMockResource.class, scope = TestResourceScope.GLOBAL)
class SyncRequestListenerTest {

    private static final String TENANT = CanvasWireMockResource.SIGNED;
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final KafkaTestClient kafka = KafkaTestClient.shared();
    private CanvasFixture canvas;

    @Inject
    IngestStateRepository state;

    @BeforeEach
    void setUp() {
        canvas = CanvasFixture.connect();
    }

    private static String key(String courseId) {
        return TENANT + "/" + courseId;
    }

    /** Sends a request the way status-service does, with the {@code type} discriminator. */
    private void send(SyncRequest request) {
        kafka.sendJson(Topics.SYNC_REQUESTS, key(request.courseId()), request);
    }

    private static SyncRequested syncNow(String courseId, String runId) {
        return new SyncRequested(UUID.randomUUID().toString(), Instant.now(), TENANT, courseId,
                System.currentTimeMillis(), runId, SyncTrigger.MANUAL, "teacher@district");
    }

    private List<SyncRunProgressed> stages(String courseId, String runId, int count) {
        return kafka.awaitRecords(Topics.SYNC_OUTCOMES, r -> key(courseId).equals(r.key())
                && r.value().contains("SyncRunProgressed") && r.value().contains(runId), count, WAIT)
                .stream().map(r -> KafkaTestClient.read(r, SyncRunProgressed.class)).toList();
    }

    @Test
    void syncNowPublishesEverySnapshotAndItsStages() {
        String courseId = CanvasFixture.newId();
        canvas.course(courseId);
        String path = CanvasFixture.coursePath(courseId);
        canvas.ok(path + "/assignments", "[" + CanvasFixture.assignmentJson("8901", "Essay",
                Instant.parse("2026-09-01T00:00:00Z")) + "," + CanvasFixture.assignmentJson("8902", "Exam",
                Instant.parse("2026-09-02T00:00:00Z")).replace("\"only_visible_to_overrides\": false",
                "\"only_visible_to_overrides\": true") + "]");
        String first = CanvasFixture.submissionsJson("8901");
        String second = CanvasFixture.submissionsJson("8902");
        canvas.ok(path + "/students/submissions", first.substring(0, first.lastIndexOf(']')) + ","
                + second.substring(second.indexOf('[') + 1));
        String runId = UUID.randomUUID().toString();
        Instant requested = Instant.now().truncatedTo(ChronoUnit.MILLIS);

        send(syncNow(courseId, runId));

        List<SyncRunProgressed> stages = stages(courseId, runId, 3);
        assertThat(stages).extracting(SyncRunProgressed::stage)
                .containsExactly("REQUESTED", "READING_CANVAS", "PUBLISHED");
        assertThat(stages.get(2).assignments()).isEqualTo(2);
        // Every submission, the never-graded missing ones included (eligibility drops unchanged ones by event id).
        assertThat(stages.get(2).scores()).isEqualTo(6);
        assertThat(stages.get(2).sourceVersion()).isGreaterThan(stages.get(1).sourceVersion());
        assertThat(stages.get(2).trigger()).isEqualTo(SyncTrigger.MANUAL);

        List<ConsumerRecord<String, String>> changes = kafka.awaitRecords(Topics.CANVAS_CHANGES,
                r -> key(courseId).equals(r.key()), 9, WAIT);
        assertThat(changes).extracting(CanvasFixture::typeOf)
                .containsExactly("RosterChanged", "AssignmentChanged", "AssignmentChanged", "ScoreChanged",
                        "ScoreChanged", "ScoreChanged", "ScoreChanged", "ScoreChanged", "ScoreChanged");
        AssignmentChanged exam = KafkaTestClient.read(changes.get(2), AssignmentChanged.class);
        // Visible only to its section override: only section 102 is targeted.
        assertThat(exam.onlyVisibleToOverrides()).isTrue();
        assertThat(exam.sectionDueDates()).extracting(d -> d.sectionId()).containsExactly("102");

        // Every submission of every assignment in one read, without an assignment filter.
        canvas.wm.verifyThat(1, getRequestedFor(urlPathEqualTo(path + "/students/submissions"))
                .withQueryParam("student_ids[]", equalTo("all"))
                .withQueryParam("assignment_ids[]", absent()));
        await().atMost(WAIT).untilAsserted(() -> {
            CourseState course = state.course(TENANT, courseId).orElseThrow();
            assertThat(course.lastFullSyncAt).isNotNull();
            assertThat(course.rosterReadAt).isNotNull();
            // Every score graded before the read began was read: the poller's watermark starts there.
            assertThat(course.gradedSince.toInstant()).isAfterOrEqualTo(requested);
        });
    }

    @Test
    void rejectedTokenFailsTheRunWithItemFailed() {
        String courseId = CanvasFixture.newId();
        canvas.wm.register(CanvasFixture.canvasGet(CanvasFixture.coursePath(courseId))
                .willReturn(CanvasFixture.status(401, "{\"errors\": [{\"message\": \"Invalid access token.\"}]}")));
        String runId = UUID.randomUUID().toString();

        send(syncNow(courseId, runId));

        assertThat(stages(courseId, runId, 3)).extracting(SyncRunProgressed::stage)
                .containsExactly("REQUESTED", "READING_CANVAS", "FAILED");
        ItemFailed failed = KafkaTestClient.read(kafka.awaitRecords(Topics.SYNC_OUTCOMES,
                r -> key(courseId).equals(r.key()) && r.value().contains("ItemFailed"), 1, WAIT).get(0),
                ItemFailed.class);
        assertThat(failed.errorCode()).isEqualTo("canvas_token_rejected");
        assertThat(failed.retryable()).isFalse();
    }

    @Test
    void dailyScheduleKeepsTheNewestVersion() {
        String courseId = CanvasFixture.newId();
        DailySyncScheduleChanged newer = new DailySyncScheduleChanged(UUID.randomUUID().toString(), Instant.now(),
                TENANT, courseId, 2_000, true, "admin");
        DailySyncScheduleChanged older = new DailySyncScheduleChanged(UUID.randomUUID().toString(), Instant.now(),
                TENANT, courseId, 1_000, false, "admin");
        send(newer);
        send(older);

        await().atMost(WAIT).until(() -> state.isProcessed(older.eventId()));
        CourseState course = state.course(TENANT, courseId).orElseThrow();
        assertThat(course.dailySyncEnabled).isTrue();
        assertThat(course.dailySyncVersion).isEqualTo(2_000);

        DailySyncScheduleChanged newest = new DailySyncScheduleChanged(UUID.randomUUID().toString(), Instant.now(),
                TENANT, courseId, 3_000, false, "admin");
        send(newest);
        await().atMost(WAIT).until(() -> state.isProcessed(newest.eventId()));
        assertThat(state.course(TENANT, courseId).orElseThrow().dailySyncEnabled).isFalse();
    }

    @Test
    void poisonSyncRequestGoesToTheDeadLetterTopic() {
        String courseId = CanvasFixture.newId();
        kafka.sendRaw(Topics.SYNC_REQUESTS, key(courseId), "{\"type\": \"NoSuchRequest\"}");
        DailySyncScheduleChanged next = new DailySyncScheduleChanged(UUID.randomUUID().toString(), Instant.now(),
                TENANT, courseId, 1, true, "admin");
        send(next);

        kafka.awaitRecords(Topics.dlq(Topics.SYNC_REQUESTS), r -> key(courseId).equals(r.key()), 1, WAIT);
        await().atMost(WAIT).until(() -> state.isProcessed(next.eventId()));
    }
}
