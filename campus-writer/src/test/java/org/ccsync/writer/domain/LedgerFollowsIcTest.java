package org.ccsync.writer.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.ccsync.writer.CampusSimulatorResource.SIMA;
import static org.ccsync.writer.SimKit.lineItem;
import static org.ccsync.writer.SimKit.puts;
import static org.ccsync.writer.SimKit.result;
import static org.ccsync.writer.SimKit.stored;
import static org.ccsync.writer.WriterTestKit.awaitOutcomes;
import static org.ccsync.writer.WriterTestKit.kafka;
import static org.ccsync.writer.WriterTestKit.send;
import static org.ccsync.writer.WriterTestKit.uid;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Instant;
import org.ccsync.contracts.CategoryMappingChanged;
import org.ccsync.contracts.DeleteLineItem;
import org.ccsync.contracts.DeleteResult;
import org.ccsync.contracts.EventIds;
import org.ccsync.contracts.EventKeys;
import org.ccsync.contracts.ItemFailed;
import org.ccsync.contracts.ItemWritten;
import org.ccsync.contracts.SyncOutcome;
import org.ccsync.contracts.Topics;
import org.ccsync.contracts.UpsertLineItem;
import org.ccsync.contracts.UpsertResult;
import org.ccsync.sandbox.campus.CampusSimulator;
import org.ccsync.testsupport.KafkaTestClient;
import org.ccsync.testsupport.InfraTestResource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.ccsync.writer.CampusSimulatorResource;
import org.ccsync.writer.CampusWireMock;
import org.ccsync.writer.SimKit;
import org.ccsync.writer.TestClock;
import org.ccsync.writer.WriterTestKit;
import org.ccsync.writer.outbound.CampusWriteRequeue;

/**
 * "Written" means "in IC now", read back from the IC simulator: a deleted lineItem takes its results out of the
 * ledger too, a cleared score removes its result, and a lineItem refused for want of a category mapping reaches IC
 * with its waiting scores as soon as a mapping is saved, with no new command from Canvas.
 */
@QuarkusTest
@WithTestResource(value = InfraTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = CampusWireMock.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = CampusSimulatorResource.class, scope = TestResourceScope.GLOBAL)
class LedgerFollowsIcTest {

    private final CampusSimulator sim = CampusSimulatorResource.sim(SIMA);

    @BeforeEach
    void calmDistrict() {
        TestClock.pin(TestClock.OFF_PEAK);
        sim.control().clearFaults();
    }

    private static String action(SyncOutcome outcome) {
        return ((ItemWritten) outcome).action();
    }

    /** The same command again, as eligibility-service sends it after a new sync epoch: a new event id. */
    private static UpsertResult resent(UpsertResult r) {
        return CampusWriteRequeue.retry(r, EventIds.of("resent", r.eventId()));
    }

    @Test
    void aDeletedLineItemTakesItsResultsAlongAndWrittenAgainItGetsThemBack() {
        String id = uid();
        String course = "course-" + id;
        UpsertLineItem item = lineItem(SIMA, course, "a-" + id, 1, "Quiz " + id, "Quizzes");
        UpsertResult score = result(SIMA, course, item.assignmentId(), SimKit.STUDENT, 5, 9);
        send(item);
        send(score);
        awaitOutcomes(score.resultSourcedId(), 1);
        assertThat(stored(sim, "results", score.resultSourcedId())).isNotNull();

        send(new DeleteLineItem(EventIds.of("del", id), Instant.now(), SIMA, course, item.assignmentId(),
                item.classSourcedId(), item.lineItemSourcedId(), 2, "name_too_long"));
        await().atMost(WriterTestKit.WAIT).until(() -> stored(sim, "lineItems", item.lineItemSourcedId()) == null);
        assertThat(stored(sim, "results", score.resultSourcedId())).as("IC deletes results with their lineItem")
                .isNull();

        UpsertLineItem back = CampusWriteRequeue.retry(lineItemVersion(item, 3), EventIds.of("back", id));
        send(back);
        send(resent(score));
        assertThat(awaitOutcomes(score.resultSourcedId(), 2)).map(LedgerFollowsIcTest::action)
                .as("written again, not skipped as unchanged").containsExactly(CampusWriter.UPSERTED,
                        CampusWriter.UPSERTED);
        assertThat(stored(sim, "results", score.resultSourcedId()).path("score").asDouble()).isEqualTo(9.0);
        assertThat(puts(sim, "results", score.resultSourcedId())).isEqualTo(2);
    }

    @Test
    void aClearedScoreRemovesItsResultAndOneNeverWrittenIsReportedAbsent() {
        String id = uid();
        String course = "course-" + id;
        UpsertLineItem item = lineItem(SIMA, course, "a-" + id, 1, "Essay " + id, "Tests");
        UpsertResult score = result(SIMA, course, item.assignmentId(), SimKit.STUDENT, 5, 7);
        send(item);
        send(score);
        awaitOutcomes(score.resultSourcedId(), 1);

        send(deleteResult(score, 6));
        assertThat(awaitOutcomes(score.resultSourcedId(), 2)).last().extracting(LedgerFollowsIcTest::action)
                .isEqualTo(CampusWriter.DELETED);
        assertThat(stored(sim, "results", score.resultSourcedId())).isNull();

        UpsertResult never = result(SIMA, course, item.assignmentId(), "STU-5002", 5, 7);
        send(deleteResult(never, 6));
        assertThat(awaitOutcomes(never.resultSourcedId(), 1)).singleElement().extracting(LedgerFollowsIcTest::action)
                .isEqualTo(CampusWriter.DELETED);
        assertThat(stored(sim, "results", never.resultSourcedId())).isNull();
    }

    @Test
    void aScoreClearedRightAfterItWasGradedLeavesNothingInIc() {
        String id = uid();
        String course = "course-" + id;
        UpsertLineItem item = lineItem(SIMA, course, "a-" + id, 1, "Quiz " + id, "Quizzes");
        send(item);
        awaitOutcomes(item.lineItemSourcedId(), 1);
        UpsertResult score = result(SIMA, course, item.assignmentId(), SimKit.STUDENT, 5, 7);
        // Graded and cleared at once: the delete may be prepared while the PUT still holds its slot.
        send(score);
        send(deleteResult(score, 5));
        await().atMost(WriterTestKit.WAIT).untilAsserted(() -> assertThat(WriterTestKit.currentOutcomes(
                score.resultSourcedId())).map(LedgerFollowsIcTest::action).contains(CampusWriter.DELETED));
        assertThat(stored(sim, "results", score.resultSourcedId())).isNull();
    }

    @Test
    void aScorePendingReviewIsWrittenPartiallyGraded() {
        String id = uid();
        String course = "course-" + id;
        UpsertLineItem item = lineItem(SIMA, course, "a-" + id, 1, "Quiz " + id, "Quizzes");
        UpsertResult plain = result(SIMA, course, item.assignmentId(), SimKit.STUDENT, 5, 6);
        UpsertResult partial = new UpsertResult(plain.eventId(), plain.occurredAt(), SIMA, course,
                plain.assignmentId(), plain.classSourcedId(), plain.lineItemSourcedId(), plain.resultSourcedId(),
                plain.userId(), plain.studentSourcedId(), 5, 6.0, false, false, false, plain.scoreDate(),
                plain.gradedAt(), true);
        send(item);
        send(partial);
        awaitOutcomes(partial.resultSourcedId(), 1);
        assertThat(stored(sim, "results", partial.resultSourcedId()).path("scoreStatus").asText())
                .isEqualTo("partially graded");
    }

    @Test
    void aMappingSavedAfterNoCategoryMappingBringsTheLineItemAndItsWaitingScoresWithoutACanvasEdit() {
        String id = uid();
        String course = "course-" + id;
        String group = "Labs " + id;
        UpsertLineItem item = lineItem(SIMA, course, "a-" + id, 1, "Lab " + id, group);
        UpsertResult first = result(SIMA, course, item.assignmentId(), SimKit.STUDENT, 5, 8);
        UpsertResult second = result(SIMA, course, item.assignmentId(), "STU-5002", 6, 4);
        send(item);
        assertThat(((ItemFailed) awaitOutcomes(item.lineItemSourcedId(), 1).get(0)).errorCode())
                .isEqualTo("no_category_mapping");
        send(first);
        send(second);
        assertThat(((ItemFailed) awaitOutcomes(second.resultSourcedId(), 1).get(0)).errorCode())
                .isEqualTo("line_item_not_written");
        assertThat(stored(sim, "results", first.resultSourcedId())).isNull();

        CategoryMappingChanged mapping = new CategoryMappingChanged(EventIds.of("map", id), Instant.now(), SIMA,
                course, 1, group, "Projects", "admin@" + SIMA);
        kafka().sendJson(Topics.CATEGORY_MAPPINGS, EventKeys.district(SIMA), KafkaTestClient.toJson(mapping));

        await().atMost(WriterTestKit.WAIT).untilAsserted(() -> {
            assertThat(stored(sim, "lineItems", item.lineItemSourcedId())).isNotNull();
            assertThat(stored(sim, "results", first.resultSourcedId())).isNotNull();
            assertThat(stored(sim, "results", second.resultSourcedId())).isNotNull();
        });
        assertThat(stored(sim, "results", first.resultSourcedId()).path("score").asDouble()).isEqualTo(8.0);
        assertThat(stored(sim, "results", second.resultSourcedId()).path("score").asDouble()).isEqualTo(4.0);
        assertThat(awaitOutcomes(first.resultSourcedId(), 2)).last().extracting(LedgerFollowsIcTest::action)
                .isEqualTo(CampusWriter.UPSERTED);
    }

    private static UpsertLineItem lineItemVersion(UpsertLineItem c, long version) {
        return new UpsertLineItem(c.eventId(), c.occurredAt(), c.tenant(), c.courseId(), c.assignmentId(),
                c.classSourcedId(), c.lineItemSourcedId(), version, c.title(), c.pointsPossible(), c.assignDate(),
                c.dueDate(), c.group());
    }

    private static DeleteResult deleteResult(UpsertResult r, long version) {
        return new DeleteResult(EventIds.of("clear", r.eventId()), Instant.now(), r.tenant(), r.courseId(),
                r.assignmentId(), r.classSourcedId(), r.lineItemSourcedId(), r.resultSourcedId(), r.userId(),
                r.studentSourcedId(), version, "score_cleared");
    }
}
