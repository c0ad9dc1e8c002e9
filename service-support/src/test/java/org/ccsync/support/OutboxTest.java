package org.ccsync.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.ccsync.testsupport.InfraTestResource;
import org.ccsync.testsupport.KafkaTestClient;
import org.ccsync.testsupport.SharedInfra;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The transactional outbox on the real broker and database: rows commit with the caller's work and reach Kafka after
 * the commit, in order per key; a rollback sends nothing; rows a crash left behind are sent by the sweeper; while the
 * broker is down the rows stay, and they are sent once it is back; a row the broker can never take is parked.
 */
@QuarkusTest
@WithTestResource(value = InfraTestResource.class, scope = TestResourceScope.GLOBAL)
class OutboxTest {

    private static final String TOPIC = "outbox-test";
    private static final Duration BOUND = Duration.ofSeconds(60);
    private static KafkaTestClient kafka;

    @Inject
    Outbox outbox;

    @Inject
    OutboxRelay relay;

    @Inject
    EntityManager entityManager;

    @Inject
    MeterRegistry registry;

    /** A payload as the services publish them: a record, written as JSON. */
    record Note(String id, int seq) {
    }

    @BeforeAll
    static void client() {
        kafka = KafkaTestClient.shared();
    }

    @AfterAll
    static void close() {
        kafka.close();
    }

    @Test
    void recordsReachKafkaAfterTheCommitInTheOrderOfTheirKeyAndTheirRowsGo() {
        String run = UUID.randomUUID().toString();
        List<String> keys = List.of(run + "/a", run + "/b", run + "/c");
        QuarkusTransaction.requiringNew().run(() -> IntStream.range(0, 60).forEach(seq ->
                outbox.add(TOPIC, keys.get(seq % keys.size()), new Note(run, seq))));

        List<ConsumerRecord<String, String>> sent = kafka.awaitRecords(TOPIC, record -> record.key().startsWith(run),
                60, BOUND);

        for (String key : keys) {
            List<Integer> order = sent.stream().filter(record -> record.key().equals(key))
                    .map(record -> KafkaTestClient.read(record, Note.class).seq()).toList();
            assertThat(order).as("the records of %s", key).hasSize(20).isSorted();
        }
        await().atMost(BOUND).until(() -> rowsOf(run) == 0);
    }

    @Test
    void aRolledBackTransactionLeavesNoRowAndSendsNothing() {
        String run = UUID.randomUUID().toString();
        assertThatThrownBy(() -> QuarkusTransaction.requiringNew().run(() -> {
            outbox.add(TOPIC, run, new Note(run, 0));
            throw new IllegalStateException("the state change failed");
        })).isInstanceOf(IllegalStateException.class);
        String marker = UUID.randomUUID().toString();
        QuarkusTransaction.requiringNew().run(() -> outbox.add(TOPIC, marker, new Note(marker, 0)));

        kafka.awaitRecords(TOPIC, record -> record.key().equals(marker), 1, BOUND);
        assertThat(kafka.currentRecords(TOPIC, record -> record.key().equals(run))).isEmpty();
        assertThat(rowsOf(run)).isZero();
    }

    @Test
    void rowsACrashLeftBehindAfterTheCommitAreSentByTheSweeper() {
        String run = UUID.randomUUID().toString();
        // Committed rows whose relay never ran, as after a crash right after the commit: no wake-up follows.
        QuarkusTransaction.requiringNew().run(() -> IntStream.range(0, 3).forEach(seq -> entityManager
                .createNativeQuery("INSERT INTO outbox_message (topic, message_key, payload) VALUES (?1, ?2, ?3)")
                .setParameter(1, TOPIC).setParameter(2, run)
                .setParameter(3, KafkaTestClient.toJson(new Note(run, seq)))
                .executeUpdate()));

        relay.sweep();

        List<ConsumerRecord<String, String>> sent = kafka.awaitRecords(TOPIC, record -> record.key().equals(run), 3,
                BOUND);
        assertThat(sent).extracting(record -> KafkaTestClient.read(record, Note.class).seq()).containsExactly(0, 1, 2);
        await().atMost(BOUND).until(() -> rowsOf(run) == 0);
    }

    @Test
    void whileTheBrokerIsDownTheRowsStayAndTheyAreSentOnceItIsBack() {
        String run = UUID.randomUUID().toString();
        SharedInfra.kafka().stopBroker();
        try {
            QuarkusTransaction.requiringNew().run(() -> IntStream.range(0, 5).forEach(seq ->
                    outbox.add(TOPIC, run, new Note(run, seq))));
            // The commit did not wait for the broker; the relay tries, fails and keeps every row.
            await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(10)).until(() -> rowsOf(run) == 5);
        } finally {
            SharedInfra.kafka().startBroker();
        }

        // Each record at least once and in order (one acknowledged but not yet deleted when a try failed may come
        // again, after it: consumers drop such a duplicate by its event id).
        await().atMost(BOUND).untilAsserted(() -> assertThat(kafka.currentRecords(TOPIC,
                record -> record.key().equals(run)).stream()
                .map(record -> KafkaTestClient.read(record, Note.class).seq()).distinct().toList())
                .containsExactly(0, 1, 2, 3, 4));
        await().atMost(BOUND).until(() -> rowsOf(run) == 0);
    }

    @Test
    void aRowTheBrokerCanNeverTakeIsParkedAndTheRowsAfterItGoOn() {
        String run = UUID.randomUUID().toString();
        // Above the producer's max.request.size (1 MiB): refused whatever is retried.
        String tooLarge = run + "x".repeat(1_100_000);
        QuarkusTransaction.requiringNew().run(() -> {
            outbox.add(TOPIC, run, new Note(run, 0));
            outbox.add(TOPIC, run, new Note(tooLarge, 1));
            outbox.add(TOPIC, run, new Note(run, 2));
        });

        List<ConsumerRecord<String, String>> sent = kafka.awaitRecords(TOPIC, record -> record.key().equals(run), 2,
                BOUND);
        assertThat(sent).extracting(record -> KafkaTestClient.read(record, Note.class).seq()).containsExactly(0, 2);
        await().atMost(BOUND).until(() -> rowsOf(run) == 1);
        assertThat(QuarkusTransaction.requiringNew().call(() -> (String) entityManager
                .createNativeQuery("SELECT parked_reason FROM outbox_message WHERE payload LIKE ?1")
                .setParameter(1, "%" + run + "%").getSingleResult())).contains("larger than");
        relay.sweep();
        assertThat(registry.get("ccsync_outbox_rows").tag("state", "parked").gauge().value()).isGreaterThanOrEqualTo(1);
    }

    private long rowsOf(String run) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) entityManager
                .createNativeQuery("SELECT count(*) FROM outbox_message WHERE payload LIKE ?1")
                .setParameter(1, "%" + run + "%")
                .getSingleResult()).longValue());
    }
}
