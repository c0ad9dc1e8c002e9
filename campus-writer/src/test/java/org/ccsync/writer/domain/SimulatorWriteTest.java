package org.ccsync.writer.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ccsync.writer.CampusSimulatorResource.SIMA;
import static org.ccsync.writer.SimKit.lineItem;
import static org.ccsync.writer.SimKit.puts;
import static org.ccsync.writer.SimKit.result;
import static org.ccsync.writer.SimKit.stored;
import static org.ccsync.writer.WriterTestKit.awaitOutcomes;
import static org.ccsync.writer.WriterTestKit.kafka;
import static org.ccsync.writer.WriterTestKit.send;
import static org.ccsync.writer.WriterTestKit.uid;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.List;
import org.ccsync.contracts.ItemWritten;
import org.ccsync.contracts.SyncOutcome;
import org.ccsync.contracts.Topics;
import org.ccsync.contracts.UpsertLineItem;
import org.ccsync.contracts.UpsertResult;
import org.ccsync.sandbox.campus.CampusSimulator;
import org.ccsync.sandbox.campus.DemoCampus;
import org.ccsync.testsupport.InfraTestResource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.ccsync.writer.CampusSimulatorResource;
import org.ccsync.writer.CampusWireMock;
import org.ccsync.writer.SimKit;
import org.ccsync.writer.TestClock;
import org.ccsync.writer.WriterTestKit;
import org.ccsync.writer.persistence.LedgerEntry;

/** Writes against the IC simulator: idempotent re-runs, stale scores, coalescing, and a 429/5xx storm. */
@QuarkusTest
@WithTestResource(value = InfraTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = CampusWireMock.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = CampusSimulatorResource.class, scope = TestResourceScope.GLOBAL)
class SimulatorWriteTest {

    private final CampusSimulator sim = CampusSimulatorResource.sim(SIMA);

    @BeforeEach
    void calmOffPeakDistrict() {
        TestClock.pin(TestClock.OFF_PEAK);
        sim.control().clearFaults();
        sim.control().setRetryAfterSeconds(null);
        sim.control().setMaxConcurrent(5);
        sim.control().setLatencyMillis(CampusSimulatorResource.LATENCY_MILLIS);
    }

    @AfterEach
    void unpin() {
        TestClock.unpin();
        sim.control().clearFaults();
        sim.control().setRetryAfterSeconds(null);
        sim.control().setLatencyMillis(CampusSimulatorResource.LATENCY_MILLIS);
    }

    private static String action(SyncOutcome outcome) {
        return ((ItemWritten) outcome).action();
    }

    @Test
    void reRunsRenamesAndALostLedgerNeverMakeADuplicateLineItem() {
        String id = uid();
        List<UpsertLineItem> items = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            items.add(lineItem(SIMA, "course-" + id, "a" + i + "-" + id, 1, "Quiz " + i + " " + id, "Quizzes"));
        }
        items.forEach(WriterTestKit::send);
        items.forEach(item -> assertThat(action(awaitOutcomes(item.lineItemSourcedId(), 1).get(0)))
                .isEqualTo(CampusWriter.UPSERTED));

        items.forEach(WriterTestKit::send);
        UpsertLineItem first = items.get(0);
        UpsertLineItem renamed = lineItem(SIMA, "course-" + id, first.assignmentId(), 2, "Renamed quiz " + id,
                "Quizzes");
        send(renamed);
        UpsertLineItem second = items.get(1);
        // A crash between the IC call and the ledger row: the ledger forgets, the re-run repeats the same PUT.
        assertThat(action(awaitOutcomes(second.lineItemSourcedId(), 2).get(1))).isEqualTo(CampusWriter.UNCHANGED);
        QuarkusTransaction.requiringNew().run(() -> LedgerEntry.deleteById(second.lineItemSourcedId()));
        send(second);

        assertThat(awaitOutcomes(first.lineItemSourcedId(), 3)).map(SimulatorWriteTest::action)
                .containsExactly(CampusWriter.UPSERTED, CampusWriter.UNCHANGED, CampusWriter.UPSERTED);
        assertThat(awaitOutcomes(second.lineItemSourcedId(), 3)).map(SimulatorWriteTest::action)
                .containsExactly(CampusWriter.UPSERTED, CampusWriter.UNCHANGED, CampusWriter.UPSERTED);
        List<JsonNode> ours = sim.control().lineItems().values().stream()
                .filter(item -> item.path("title").asText().contains(id)).toList();
        assertThat(ours).hasSize(3);
        assertThat(stored(sim, "lineItems", first.lineItemSourcedId()).path("title").asText())
                .isEqualTo("Renamed quiz " + id);
        assertThat(stored(sim, "lineItems", first.lineItemSourcedId()).path("category").path("sourcedId").asText())
                .isEqualTo(DemoCampus.categoryId(SimKit.CLASS, "Quizzes"));
        assertThat(puts(sim, "lineItems", first.lineItemSourcedId())).isEqualTo(2);
        assertThat(puts(sim, "lineItems", second.lineItemSourcedId())).isEqualTo(2);
        assertThat(puts(sim, "lineItems", items.get(2).lineItemSourcedId())).isEqualTo(1);
    }

    @Test
    void anOlderScoreArrivingLaterIsRejected() {
        String id = uid();
        UpsertLineItem item = lineItem(SIMA, "course-" + id, "a-" + id, 1, "Test " + id, "Tests");
        send(item);
        awaitOutcomes(item.lineItemSourcedId(), 1);
        UpsertResult newer = result(SIMA, "course-" + id, item.assignmentId(), SimKit.STUDENT, 20, 9);
        send(newer);
        awaitOutcomes(newer.resultSourcedId(), 1);

        send(result(SIMA, "course-" + id, item.assignmentId(), SimKit.STUDENT, 10, 4));
        // The lineItem's own upsert waits for every earlier write of its lineItem: once it is reported, the stale
        // score has been looked at.
        send(item);
        assertThat(awaitOutcomes(item.lineItemSourcedId(), 2)).map(SimulatorWriteTest::action)
                .containsExactly(CampusWriter.UPSERTED, CampusWriter.UNCHANGED);

        assertThat(puts(sim, "results", newer.resultSourcedId())).isEqualTo(1);
        assertThat(stored(sim, "results", newer.resultSourcedId()).path("score").asDouble()).isEqualTo(9.0);
        assertThat(WriterTestKit.currentOutcomes(newer.resultSourcedId())).map(SyncOutcome::sourceVersion)
                .containsExactly(20L);
    }

    @Test
    void fiveQuickRegradesWhileTheLaneIsBusyBecomeAtMostTwoWrites() {
        TestClock.pin(TestClock.PEAK);
        String id = uid();
        UpsertLineItem item = lineItem(SIMA, "course-" + id, "a-" + id, 1, "Essay " + id, "Homework");
        send(item);
        awaitOutcomes(item.lineItemSourcedId(), 1);
        sim.control().setLatencyMillis(400);

        // Serial at peak: this write holds the lane while the regrades arrive.
        UpsertLineItem busy = lineItem(SIMA, "course-" + id, "busy-" + id, 1, "Busy " + id, "Homework");
        send(busy);
        UpsertResult last = null;
        for (int version = 1; version <= 5; version++) {
            last = result(SIMA, "course-" + id, item.assignmentId(), SimKit.STUDENT, version, 5 + version);
            send(last);
        }

        List<SyncOutcome> outcomes = awaitOutcomes(last.resultSourcedId(), 1);
        awaitOutcomes(busy.lineItemSourcedId(), 1);
        assertThat(outcomes.get(outcomes.size() - 1).sourceVersion()).isEqualTo(5L);
        assertThat(puts(sim, "results", last.resultSourcedId())).isBetween(1L, 2L);
        assertThat(stored(sim, "results", last.resultSourcedId()).path("score").asDouble()).isEqualTo(10.0);
        assertThat(((ItemWritten) outcomes.get(outcomes.size() - 1)).score()).isEqualTo(10.0);
    }

    @Test
    void aStormOf429sAnd503sIsSurvivedWithEveryScoreInPlace() {
        String id = uid();
        List<UpsertLineItem> items = new ArrayList<>();
        List<UpsertResult> scores = new ArrayList<>();
        for (int a = 1; a <= 3; a++) {
            UpsertLineItem item = lineItem(SIMA, "course-" + id, "a" + a + "-" + id, 1, "Lab " + a + " " + id,
                    "Projects");
            items.add(item);
            for (int s = 5001; s <= 5003; s++) {
                scores.add(result(SIMA, "course-" + id, item.assignmentId(), "STU-" + s, 1, a * 10 + (s - 5000)));
            }
        }
        sim.control().resetStats();
        sim.control().setRetryAfterSeconds(1);
        sim.control().failNext(3, 429);
        sim.control().setFailureRate(0.3, 503);

        items.forEach(WriterTestKit::send);
        scores.forEach(WriterTestKit::send);

        for (UpsertResult score : scores) {
            assertThat(action(awaitOutcomes(score.resultSourcedId(), 1).get(0))).isEqualTo(CampusWriter.UPSERTED);
            assertThat(stored(sim, "results", score.resultSourcedId()).path("score").asDouble())
                    .isEqualTo(score.score());
        }
        items.forEach(item -> assertThat(stored(sim, "lineItems", item.lineItemSourcedId())).isNotNull());
        assertThat(sim.control().stats().count(429)).isGreaterThanOrEqualTo(3);
        assertThat(sim.control().stats().count(503)).isPositive();
        assertThat(kafka().currentRecords(Topics.dlq(Topics.CAMPUS_WRITES),
                r -> r.value() != null && r.value().contains(id))).isEmpty();
    }
}
