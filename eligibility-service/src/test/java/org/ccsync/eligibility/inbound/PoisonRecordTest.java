package org.ccsync.eligibility.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ccsync.eligibility.Snapshots.TIMEOUT;
import static org.ccsync.eligibility.Snapshots.assignment;
import static org.ccsync.eligibility.Snapshots.awaitSkips;
import static org.ccsync.eligibility.Snapshots.roster;
import static org.ccsync.eligibility.Snapshots.section;
import static org.ccsync.eligibility.Snapshots.send;
import static org.ccsync.eligibility.Snapshots.unique;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.ccsync.contracts.EventKeys;
import org.ccsync.contracts.Topics;
import org.ccsync.testsupport.InfraTestResource;
import org.ccsync.testsupport.KafkaTestClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A record that cannot be read lands on canvas-changes-dlq, and the course's next record is still processed. */
@QuarkusTest
@WithTestResource(value = InfraTestResource.class, scope = TestResourceScope.GLOBAL)
class PoisonRecordTest {

    private static KafkaTestClient kafka;

    @BeforeAll
    static void connect() {
        kafka = KafkaTestClient.shared();
    }

    @AfterAll
    static void disconnect() {
        kafka.close();
    }

    @Test
    void poisonRecordGoesToTheDeadLetterTopicAndTheNextRecordIsProcessed() {
        String tenant = unique("poison");
        String course = unique("c");
        String key = EventKeys.course(tenant, course);
        String poison = "{\"type\":\"AssignmentChanged\",\"tenant\":\"" + tenant + "\", not json at all";
        send(kafka, roster(tenant, course, 1, List.of(section("s1", "SIS-1")), List.of()));
        kafka.sendRaw(Topics.CANVAS_CHANGES, key, poison);
        kafka.sendRaw(Topics.CANVAS_CHANGES, key, "{\"type\":\"NoSuchChange\",\"tenant\":\"" + tenant + "\"}");
        send(kafka, assignment(tenant, course, "a1", 1000, "After the poison", "published", true, false, List.of()));

        awaitSkips(kafka, tenant, course, "post_to_sis_off", 1);
        List<ConsumerRecord<String, String>> dead = kafka.awaitRecords(Topics.dlq(Topics.CANVAS_CHANGES),
                record -> key.equals(record.key()), 2, TIMEOUT);
        assertThat(dead).extracting(ConsumerRecord::value).contains(poison);
    }
}
