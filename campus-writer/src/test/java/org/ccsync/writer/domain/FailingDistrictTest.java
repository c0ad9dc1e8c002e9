package org.ccsync.writer.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ccsync.writer.CampusSimulatorResource.SIMA;
import static org.ccsync.writer.CampusSimulatorResource.SIMB;
import static org.ccsync.writer.SimKit.lineItem;
import static org.ccsync.writer.SimKit.stored;
import static org.ccsync.writer.WriterTestKit.awaitOutcomes;
import static org.ccsync.writer.WriterTestKit.currentOutcomes;
import static org.ccsync.writer.WriterTestKit.kafka;
import static org.ccsync.writer.WriterTestKit.uid;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.utils.Utils;
import org.ccsync.contracts.DistrictStatusChanged;
import org.ccsync.contracts.EventKeys;
import org.ccsync.contracts.ItemWritten;
import org.ccsync.contracts.SyncOutcome;
import org.ccsync.contracts.Topics;
import org.ccsync.contracts.UpsertLineItem;
import org.ccsync.sandbox.campus.CampusSimulator;
import org.ccsync.testsupport.InfraTestResource;
import org.ccsync.testsupport.KafkaTestClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.ccsync.writer.CampusSimulatorResource;
import org.ccsync.writer.CampusWireMock;
import org.ccsync.writer.SimKit;
import org.ccsync.writer.TestClock;
import org.ccsync.writer.WriterTestKit;

/** A district whose IC is down opens its circuit, holds its backlog, and slows no other district. */
@QuarkusTest
@WithTestResource(value = InfraTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = CampusWireMock.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = CampusSimulatorResource.class, scope = TestResourceScope.GLOBAL)
class FailingDistrictTest {

    /** What ten writes of a healthy district may take end to end; alone they take well under a second. */
    private static final Duration PROMPT = Duration.ofSeconds(3);

    private final CampusSimulator healthy = CampusSimulatorResource.sim(SIMA);
    private final CampusSimulator failing = CampusSimulatorResource.sim(SIMB);

    @AfterEach
    void restore() {
        TestClock.unpin();
        failing.control().clearFaults();
    }

    private static int partition(String tenant) {
        byte[] key = EventKeys.district(tenant).getBytes(StandardCharsets.UTF_8);
        return Utils.toPositive(Utils.murmur2(key)) % 12;
    }

    private static List<UpsertLineItem> writes(String tenant, String id, int count) {
        List<UpsertLineItem> items = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            items.add(lineItem(tenant, "course-" + id, "a" + i + "-" + id, 1, "Task " + i + " " + id, "Homework"));
        }
        return items;
    }

    @Test
    void aDistrictWhoseIcIsDownLeavesAnotherOnTheSamePartitionPrompt() {
        // The hard case: both districts' records share one partition, so one consumer and one stream.
        assertThat(partition(SIMA)).isEqualTo(partition(SIMB));
        TestClock.pin(TestClock.OFF_PEAK);
        Instant start = Instant.now();
        String id = uid();
        failing.control().setFailureRate(1.0, 503);
        List<UpsertLineItem> stuck = writes(SIMB, id, 6);
        stuck.forEach(WriterTestKit::send);
        SimKit.awaitStatus(SIMB, status -> !status.icAvailable() && status.occurredAt().isAfter(start));

        List<UpsertLineItem> prompt = writes(SIMA, id, 10);
        long sent = System.currentTimeMillis();
        prompt.forEach(WriterTestKit::send);
        List<ConsumerRecord<String, String>> written = kafka().awaitRecords(Topics.SYNC_OUTCOMES,
                r -> prompt.stream().anyMatch(item -> r.value().contains(item.lineItemSourcedId())), prompt.size(),
                WriterTestKit.WAIT);
        // Measured by the broker's timestamps of the outcomes, so the test's own reading adds nothing.
        Duration took = Duration.ofMillis(written.stream().mapToLong(ConsumerRecord::timestamp).max().orElseThrow()
                - sent);
        assertThat(written).allSatisfy(r -> assertThat(((ItemWritten) KafkaTestClient.read(r, SyncOutcome.class))
                .action()).isEqualTo(CampusWriter.UPSERTED));

        assertThat(took).isLessThan(PROMPT);
        prompt.forEach(item -> assertThat(stored(healthy, "lineItems", item.lineItemSourcedId())).isNotNull());
        // Meanwhile the failing district's writes neither landed nor failed: they wait behind the open circuit.
        stuck.forEach(item -> {
            assertThat(stored(failing, "lineItems", item.lineItemSourcedId())).isNull();
            assertThat(currentOutcomes(item.lineItemSourcedId())).isEmpty();
        });
        assertThat(failing.control().stats().count(503)).isGreaterThanOrEqualTo(4);

        failing.control().clearFaults();

        DistrictStatusChanged back = SimKit.awaitStatus(SIMB,
                status -> status.icAvailable() && status.occurredAt().isAfter(start)).get(0);
        assertThat(back.credentialsValid()).isTrue();
        assertThat(back.courseId()).isNull();
        stuck.forEach(item -> assertThat(((ItemWritten) awaitOutcomes(item.lineItemSourcedId(), 1).get(0)).action())
                .isEqualTo(CampusWriter.UPSERTED));
        stuck.forEach(item -> assertThat(stored(failing, "lineItems", item.lineItemSourcedId())).isNotNull());
        assertThat(kafka().currentRecords(Topics.dlq(Topics.CAMPUS_WRITES),
                r -> r.value() != null && r.value().contains(id))).isEmpty();
    }
}
