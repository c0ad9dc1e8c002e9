package org.ccsync.eligibility.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.ccsync.eligibility.Snapshots.DUE_1;
import static org.ccsync.eligibility.Snapshots.assignment;
import static org.ccsync.eligibility.Snapshots.awaitWrites;
import static org.ccsync.eligibility.Snapshots.roster;
import static org.ccsync.eligibility.Snapshots.score;
import static org.ccsync.eligibility.Snapshots.section;
import static org.ccsync.eligibility.Snapshots.send;
import static org.ccsync.eligibility.Snapshots.student;
import static org.ccsync.eligibility.Snapshots.unique;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import org.ccsync.contracts.SectionDueDate;
import org.ccsync.contracts.Topics;
import org.ccsync.contracts.UpsertLineItem;
import org.ccsync.contracts.UpsertResult;
import org.ccsync.testsupport.EmbeddedPostgresServer;
import org.ccsync.testsupport.InfraTestResource;
import org.ccsync.testsupport.KafkaTestClient;
import org.ccsync.testsupport.SharedInfra;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL stopped while snapshots arrive, then started again: the consumer waits the outage out on the same
 * record and resumes; nothing reaches canvas-changes-dlq and every snapshot is applied.
 */
@QuarkusTest
@WithTestResource(value = InfraTestResource.class, scope = TestResourceScope.GLOBAL)
class DatabaseOutageTest {

    private static KafkaTestClient kafka;
    private final EmbeddedPostgresServer postgres = SharedInfra.postgres();

    @BeforeAll
    static void connect() {
        kafka = KafkaTestClient.shared();
    }

    @AfterAll
    static void disconnect() {
        kafka.close();
    }

    @AfterEach
    void databaseBack() {
        postgres.restart();
    }

    @Test
    void snapshotsThatArriveWhileTheDatabaseIsDownAreAppliedWhenItIsBackAndNoneIsDeadLettered() {
        String tenant = unique("outage");
        String course = unique("c");
        List<SectionDueDate> dates = List.of(new SectionDueDate("s1", "SIS-1", DUE_1));
        send(kafka, roster(tenant, course, 1, List.of(section("s1", "SIS-1")), List.of(student("u1", "STU-1", "s1"))));
        send(kafka, assignment(tenant, course, "a1", 1000, "Lab report", dates));
        awaitWrites(kafka, tenant, course, w -> w instanceof UpsertLineItem, 1);

        postgres.stop();
        send(kafka, score(tenant, course, "a1", "u1", 2000, 8.0, false, false));
        send(kafka, score(tenant, course, "a1", "u1", 3000, 9.0, false, false));
        // For a bounded while, with the database away, nothing is parked: the consumer waits on the first score.
        await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(10))
                .until(() -> kafka.currentRecords(Topics.dlq(Topics.CANVAS_CHANGES),
                        r -> r.value().contains(tenant)).isEmpty());
        assertThat(kafka.currentRecords(Topics.CAMPUS_WRITES, r -> r.value().contains(course)
                && r.value().contains("UpsertResult"))).isEmpty();

        postgres.restart();
        List<Double> scores = awaitWrites(kafka, tenant, course, w -> w instanceof UpsertResult, 2).stream()
                .map(w -> ((UpsertResult) w).score()).toList();
        assertThat(scores).containsExactly(8.0, 9.0);
        assertThat(kafka.currentRecords(Topics.dlq(Topics.CANVAS_CHANGES), r -> r.value().contains(tenant)))
                .as("an outage parks nothing").isEmpty();
    }
}
