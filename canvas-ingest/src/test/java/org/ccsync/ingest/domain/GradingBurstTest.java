package org.ccsync.ingest.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.logging.Log;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.ccsync.contracts.CanvasEventReceived;
import org.ccsync.contracts.ChangeScope;
import org.ccsync.contracts.ScoreChanged;
import org.ccsync.contracts.Topics;
import org.ccsync.ingest.CanvasSimulatorResource;
import org.ccsync.ingest.InjectCanvasSimulator;
import org.ccsync.ingest.inbound.IncrementalPoller;
import org.ccsync.ingest.persistence.IngestStateRepository;
import org.ccsync.sandbox.canvas.CanvasControl;
import org.ccsync.sandbox.canvas.CanvasSimulator;
import org.ccsync.sandbox.canvas.CanvasStats;
import org.ccsync.sandbox.canvas.EmittedEvent;
import org.ccsync.sandbox.canvas.GradeChange;
import org.ccsync.sandbox.canvas.Submission;
import org.ccsync.testsupport.InfraTestResource;
import org.ccsync.testsupport.KafkaTestClient;
import org.junit.jupiter.api.Test;

/**
 * Grading in the Canvas simulator, delivered as signed Live Events to the webhook: the burst benchmark (Canvas REST
 * calls per score change) and the posting of hidden grades, which only the {@code grade_change} event reveals. It
 * runs with the re-read window of production ({@link ProductionWindow}): the other tests re-read at once
 * ({@code %test} window 0), and how many reads a burst costs then depends on how fast this machine delivers it.
 */
@QuarkusTest
@TestProfile(GradingBurstTest.ProductionWindow.class)
@WithTestResource(value = InfraTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = CanvasSimulatorResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class GradingBurstTest {

    private static final String TENANT = CanvasSimulatorResource.TENANT;
    private static final String KEY = TENANT + "/101";
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final long[] STUDENTS = {5001, 5002, 5003, 5004, 5005, 5006};

    /** canvas-ingest's default {@code ccsync.triggers.coalesce-window} instead of the tests' 0. */
    public static class ProductionWindow implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("ccsync.triggers.coalesce-window", "PT1S");
        }
    }

    private final KafkaTestClient kafka = KafkaTestClient.shared();

    @InjectCanvasSimulator
    CanvasSimulator simulator;

    @TestHTTPResource("/webhooks/canvas/" + TENANT)
    URL webhook;

    @Inject
    IncrementalPoller poller;

    @Inject
    IngestStateRepository state;

    /** Sends the simulator's events to the webhook while the action runs, and waits until all were delivered. */
    private void withLiveEvents(CanvasControl control, Runnable action) {
        int before = control.events().size();
        control.setWebhookUrl(webhook.toString());
        try {
            action.run();
            await().atMost(WAIT).until(() -> control.events().stream().skip(before)
                    .allMatch(e -> e.delivery() == EmittedEvent.Delivery.DELIVERED));
        } finally {
            control.setWebhookUrl(null);
        }
        assertThat(control.events().size()).isGreaterThan(before);
    }

    /**
     * Waits until the trigger consumer has handled everything sent for course 101 so far: a trigger sent after
     * them on the same key (partition) that an earlier roster read covers, so it costs no Canvas call.
     */
    private void awaitTriggersConsumed() {
        CanvasEventReceived sentinel = new CanvasEventReceived(UUID.randomUUID().toString(), Instant.now(), TENANT,
                "101", "course_section_updated", ChangeScope.ROSTER, null, null,
                Instant.parse("2000-01-01T00:00:00Z").toEpochMilli());
        kafka.sendJson(Topics.CANVAS_TRIGGERS, KEY, sentinel);
        await().atMost(WAIT).until(() -> state.isProcessed(sentinel.eventId()));
    }

    private List<ScoreChanged> scores(String assignmentId) {
        String assignment = "\"assignmentId\":\"" + assignmentId + "\"";
        return kafka.currentRecords(Topics.CANVAS_CHANGES, r -> KEY.equals(r.key())
                && r.value().contains("ScoreChanged") && r.value().contains(assignment))
                .stream().map(r -> KafkaTestClient.read(r, ScoreChanged.class)).toList();
    }

    @Test
    void burstOfSixtyGradeChangesCostsAtMostOneCanvasCallPerTenChanges() {
        CanvasControl control = simulator.control();
        // Steady state: the course's roster and assignments are already known (a poll published them).
        poller.pollCourse(TENANT, "101");
        CanvasStats before = control.stats();
        Map<String, Double> finalScores = new HashMap<>();
        int[] changes = {0};

        withLiveEvents(control, () -> {
            for (int round = 1; round <= 5; round++) {
                for (long student : STUDENTS) {
                    for (long assignment : new long[] {401, 402}) {
                        double score = round + (student - 5000) / 10.0;
                        // Canvas keeps a late submission's deduction: the score is what it stores, not the entry.
                        Submission graded = control.gradeSubmission(101, assignment, student,
                                GradeChange.score(score));
                        finalScores.put(assignment + "/" + student, graded.score());
                        changes[0]++;
                    }
                }
            }
        });
        awaitTriggersConsumed();

        CanvasStats after = control.stats();
        long calls = after.totalRequests() - before.totalRequests();
        double perChange = calls / (double) changes[0];
        Log.infof("burst benchmark: %d Canvas REST calls for %d score changes = %.3f calls per change (%s)", calls,
                changes[0], perChange, after.requestsByEndpoint());
        assertThat(changes[0]).isEqualTo(60);
        assertThat(perChange).isLessThanOrEqualTo(0.1);
        assertThat(after.throttledCount()).isZero();

        // The re-reads published each submission's final state, as Canvas stores it.
        for (String assignmentId : List.of("401", "402")) {
            Map<String, ScoreChanged> latest = new HashMap<>();
            scores(assignmentId).forEach(s -> latest.put(s.userId(), s));
            for (long student : STUDENTS) {
                assertThat(latest.get(Long.toString(student)).score())
                        .isEqualTo(finalScores.get(assignmentId + "/" + student));
            }
        }
    }

    @Test
    void postingHiddenGradesArrivesThroughTheGradeChangeEvent() {
        CanvasControl control = simulator.control();
        poller.pollCourse(TENANT, "101");
        assertThat(scores("415")).allSatisfy(s -> assertThat(s.postedAt()).isNull());

        // Posting moves posted_at but not graded_at, so graded_since cannot see it; grade_change (muted false) does.
        List<Submission> posted = new ArrayList<>();
        withLiveEvents(control, () -> posted.addAll(control.postGrades(101, 415)));
        assertThat(posted).extracting(Submission::userId).containsExactlyInAnyOrder(5001L, 5002L);
        assertThat(posted).allSatisfy(s -> assertThat(s.postedAt()).isAfter(s.gradedAt()));
        awaitTriggersConsumed();

        // Each posted grade's event may start its own re-read (a quiet course is read at once); both publish the same
        // snapshot (same event id, which downstream drops), so the distinct snapshots are counted.
        Map<String, ScoreChanged> byEventId = new HashMap<>();
        scores("415").stream().filter(s -> s.postedAt() != null).forEach(s -> byEventId.putIfAbsent(s.eventId(), s));
        List<ScoreChanged> visible = List.copyOf(byEventId.values());
        assertThat(visible).extracting(ScoreChanged::userId).containsExactlyInAnyOrder("5001", "5002");
        assertThat(visible).allSatisfy(s -> assertThat(s.postedAt()).isAfter(s.gradedAt()));
    }
}
