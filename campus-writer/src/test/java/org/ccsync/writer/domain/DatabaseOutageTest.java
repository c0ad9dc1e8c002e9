package org.ccsync.writer.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.ccsync.writer.CampusSimulatorResource.SIMA;
import static org.ccsync.writer.SimKit.lineItem;
import static org.ccsync.writer.SimKit.result;
import static org.ccsync.writer.SimKit.stored;
import static org.ccsync.writer.WriterTestKit.kafka;
import static org.ccsync.writer.WriterTestKit.send;
import static org.ccsync.writer.WriterTestKit.uid;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import org.ccsync.contracts.Topics;
import org.ccsync.contracts.UpsertLineItem;
import org.ccsync.contracts.UpsertResult;
import org.ccsync.sandbox.campus.CampusSimulator;
import org.ccsync.testsupport.EmbeddedPostgresServer;
import org.ccsync.testsupport.InfraTestResource;
import org.ccsync.testsupport.SharedInfra;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.ccsync.writer.CampusSimulatorResource;
import org.ccsync.writer.CampusWireMock;
import org.ccsync.writer.SimKit;
import org.ccsync.writer.TestClock;
import org.ccsync.writer.WriterTestKit;

/**
 * PostgreSQL stopped while writes arrive, then started again: the district's lane waits the outage out and writes
 * everything once the database is back; nothing reaches campus-writes-dlq.
 */
@QuarkusTest
@WithTestResource(value = InfraTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = CampusWireMock.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = CampusSimulatorResource.class, scope = TestResourceScope.GLOBAL)
class DatabaseOutageTest {

    private final CampusSimulator sim = CampusSimulatorResource.sim(SIMA);
    private final EmbeddedPostgresServer postgres = SharedInfra.postgres();

    @BeforeEach
    void calmDistrict() {
        TestClock.pin(TestClock.OFF_PEAK);
        sim.control().clearFaults();
    }

    @AfterEach
    void databaseBack() {
        postgres.restart();
        TestClock.unpin();
    }

    @Test
    void writesThatArriveWhileTheDatabaseIsDownReachIcWhenItIsBackAndNoneIsDeadLettered() {
        String id = uid();
        String course = "course-" + id;
        UpsertLineItem item = lineItem(SIMA, course, "a-" + id, 1, "Quiz " + id, "Quizzes");
        UpsertResult first = result(SIMA, course, item.assignmentId(), SimKit.STUDENT, 5, 6);
        UpsertResult second = result(SIMA, course, item.assignmentId(), "STU-5002", 5, 7);

        postgres.stop();
        send(item);
        send(first);
        send(second);
        // For a bounded while, with the database away, nothing is written and nothing is parked.
        await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(10)).until(() -> kafka().currentRecords(
                Topics.dlq(Topics.CAMPUS_WRITES), r -> r.value().contains(id)).isEmpty());

        postgres.restart();
        await().atMost(WriterTestKit.WAIT).untilAsserted(() -> {
            assertThat(stored(sim, "results", first.resultSourcedId())).isNotNull();
            assertThat(stored(sim, "results", second.resultSourcedId())).isNotNull();
        });
        assertThat(stored(sim, "results", second.resultSourcedId()).path("score").asDouble()).isEqualTo(7.0);
        assertThat(kafka().currentRecords(Topics.dlq(Topics.CAMPUS_WRITES), r -> r.value().contains(id)))
                .as("an outage parks nothing").isEmpty();
    }
}
