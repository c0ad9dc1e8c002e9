package org.ccsync.ingest.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.ccsync.contracts.DailySyncScheduleChanged;
import org.ccsync.contracts.EventIds;
import org.ccsync.contracts.SyncRequested;
import org.ccsync.contracts.SyncRunProgressed;
import org.ccsync.contracts.SyncTrigger;
import org.ccsync.contracts.Topics;
import org.ccsync.ingest.CanvasSimulatorResource;
import org.ccsync.ingest.InjectCanvasSimulator;
import org.ccsync.ingest.persistence.IngestStateRepository;
import org.ccsync.sandbox.canvas.CanvasSimulator;
import org.ccsync.testsupport.InfraTestResource;
import org.ccsync.testsupport.KafkaTestClient;
import org.junit.jupiter.api.Test;

/**
 * The daily schedule against the Canvas simulator: a course whose daily sync is on is requested on sync-requests
 * once per local day from 02:00 America/Chicago and then fully reconciled by the sync-request consumer, exactly as a
 * "sync now"; a course whose daily sync is off never is.
 */
@QuarkusTest
@WithTestResource(value = InfraTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = CanvasSimulatorResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class DailySyncSchedulerTest {

    private static final String TENANT = CanvasSimulatorResource.TENANT;
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final KafkaTestClient kafka = KafkaTestClient.shared();

    @InjectCanvasSimulator
    CanvasSimulator simulator;

    @Inject
    DailySyncScheduler scheduler;

    @Inject
    IngestStateRepository state;

    /** Changes the course's daily sync the way status-service does, and waits until it is stored. */
    private void dailySync(String courseId, boolean enabled) {
        DailySyncScheduleChanged change = new DailySyncScheduleChanged(UUID.randomUUID().toString(), Instant.now(),
                TENANT, courseId, System.currentTimeMillis(), enabled, "admin@district");
        kafka.sendJson(Topics.SYNC_REQUESTS, TENANT + "/" + courseId, change);
        await().atMost(WAIT).until(() -> state.isProcessed(change.eventId()));
    }

    private List<SyncRunProgressed> dailyRuns(String courseId) {
        return kafka.currentRecords(Topics.SYNC_OUTCOMES, r -> (TENANT + "/" + courseId).equals(r.key())
                && r.value().contains("SyncRunProgressed") && r.value().contains("\"DAILY\""))
                .stream().map(r -> KafkaTestClient.read(r, SyncRunProgressed.class)).toList();
    }

    @Test
    void enabledCourseIsReconciledOnceADayFromTheConfiguredLocalTime() {
        dailySync("103", true);
        // 2031-01-15 is in CST (UTC-6): 02:00 in Chicago is 08:00Z.
        assertThat(scheduler.runDueSyncs(Instant.parse("2031-01-15T07:59:00Z"))).isEmpty();
        long coursesBefore = simulator.control().stats().requests("GET /api/v1/courses/:course_id");

        List<SyncRequested> runs = scheduler.runDueSyncs(Instant.parse("2031-01-15T08:00:00Z"));

        assertThat(runs).singleElement().satisfies(run -> {
            assertThat(run.courseId()).isEqualTo("103");
            assertThat(run.trigger()).isEqualTo(SyncTrigger.DAILY);
            assertThat(run.requestedBy()).isEqualTo("scheduler");
        });
        String runId = runs.get(0).runId();
        // Published on sync-requests, keyed by course, with the deterministic id of the course's day.
        ConsumerRecord<String, String> request = kafka.awaitRecords(Topics.SYNC_REQUESTS,
                r -> r.value().contains(runId), 1, WAIT).get(0);
        assertThat(request.key()).isEqualTo(TENANT + "/103");
        assertThat(request.value()).contains("\"type\":\"SyncRequested\"");
        SyncRequested published = KafkaTestClient.read(request, SyncRequested.class);
        assertThat(published).isEqualTo(runs.get(0));
        assertThat(published.eventId()).isEqualTo(EventIds.of("daily-sync", TENANT, "103",
                LocalDate.of(2031, 1, 15)));
        List<SyncRunProgressed> stages = kafka.awaitRecords(Topics.SYNC_OUTCOMES,
                r -> r.value().contains("SyncRunProgressed") && r.value().contains(runId), 3, WAIT)
                .stream().map(r -> KafkaTestClient.read(r, SyncRunProgressed.class)).toList();
        assertThat(stages).extracting(SyncRunProgressed::stage)
                .containsExactly("REQUESTED", "READING_CANVAS", "PUBLISHED");
        assertThat(stages).allSatisfy(stage -> {
            assertThat(stage.trigger()).isEqualTo(SyncTrigger.DAILY);
            assertThat(stage.requestedBy()).isEqualTo("scheduler");
        });
        // A full reconciliation: the course's roster, its assignment (431) and both students' submissions, the
        // graded one and the one never graded.
        assertThat(stages.get(2).assignments()).isEqualTo(1);
        assertThat(stages.get(2).scores()).isEqualTo(2);
        assertThat(simulator.control().stats().requests("GET /api/v1/courses/:course_id"))
                .isGreaterThan(coursesBefore);
        assertThat(state.course(TENANT, "103").orElseThrow().lastDailyRunOn).isEqualTo(LocalDate.of(2031, 1, 15));

        // Later the same local day (also past midnight UTC, still the 15th in Chicago): not again.
        assertThat(scheduler.runDueSyncs(Instant.parse("2031-01-15T20:00:00Z"))).isEmpty();
        assertThat(scheduler.runDueSyncs(Instant.parse("2031-01-16T05:30:00Z"))).isEmpty();
        assertThat(dailyRuns("103").stream().map(SyncRunProgressed::runId).distinct()).containsExactly(runId);

        // A replayed request (the same event id) is not reconciled again.
        kafka.sendJson(Topics.SYNC_REQUESTS, TENANT + "/103", published);
        // A later record on the same key shows the replay was consumed before it.
        dailySync("103", true);
        assertThat(kafka.currentRecords(Topics.SYNC_OUTCOMES, r -> r.value().contains("SyncRunProgressed")
                && r.value().contains(runId))).hasSize(3);

        // The next local day it is due again.
        assertThat(scheduler.runDueSyncs(Instant.parse("2031-01-16T08:30:00Z")))
                .extracting(SyncRequested::courseId).containsExactly("103");
    }

    @Test
    void disabledCourseIsNeverReconciledByTheSchedule() {
        dailySync("102", true);
        dailySync("102", false);

        List<SyncRequested> runs = scheduler.runDueSyncs(Instant.parse("2032-03-01T12:00:00Z"));

        assertThat(runs).extracting(SyncRequested::courseId).doesNotContain("102");
        assertThat(dailyRuns("102")).isEmpty();
        assertThat(state.course(TENANT, "102").orElseThrow().lastDailyRunOn).isNull();
    }
}
