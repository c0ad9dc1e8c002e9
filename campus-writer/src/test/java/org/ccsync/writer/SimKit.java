package org.ccsync.writer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Predicate;
import org.ccsync.contracts.AssignmentGroupRef;
import org.ccsync.contracts.DistrictStatusChanged;
import org.ccsync.contracts.EventIds;
import org.ccsync.contracts.SourcedIds;
import org.ccsync.contracts.SyncOutcome;
import org.ccsync.contracts.Topics;
import org.ccsync.contracts.UpsertLineItem;
import org.ccsync.contracts.UpsertResult;
import org.ccsync.sandbox.campus.CampusSimulator;
import org.ccsync.sandbox.campus.DemoCampus;
import org.ccsync.testsupport.KafkaTestClient;

/** Commands for the simulator's demo classes, and what the simulator saw. */
public final class SimKit {

    /** Biology 1 - P1: students STU-5001..5003, categories Homework, Quizzes, Tests, Projects. */
    public static final String CLASS = DemoCampus.BIO1_P1;
    public static final String STUDENT = "STU-5001";
    /** Inside grading period Q2 (2026-11-02..2027-01-22). */
    public static final Instant DUE = Instant.parse("2026-11-20T23:59:00Z");

    private SimKit() {
    }

    public static UpsertLineItem lineItem(String tenant, String courseId, String assignmentId, long version, String title,
            String group) {
        return new UpsertLineItem(EventIds.of("sim-li", tenant, assignmentId, version, title), Instant.now(), tenant,
                courseId, assignmentId, CLASS, SourcedIds.lineItem(tenant, assignmentId, CLASS), version, title, 10.0,
                DUE.minus(Duration.ofDays(7)), DUE, new AssignmentGroupRef("g-" + group, group, null));
    }

    public static UpsertResult result(String tenant, String courseId, String assignmentId, String student, long version,
            double score) {
        String lineItem = SourcedIds.lineItem(tenant, assignmentId, CLASS);
        return new UpsertResult(EventIds.of("sim-r", lineItem, student, version), Instant.now(), tenant, courseId,
                assignmentId, CLASS, lineItem, SourcedIds.result(lineItem, student), "u-" + student, student, version,
                score, false, false, false, LocalDate.parse("2026-11-21"), Instant.now(), false);
    }

    /** Waits, with one read of the topic, for the one outcome of each of these new lineItems. */
    public static void awaitEach(List<UpsertLineItem> items) {
        List<String> ids = items.stream().map(UpsertLineItem::lineItemSourcedId).toList();
        List<String> reported = WriterTestKit.kafka().awaitRecords(Topics.SYNC_OUTCOMES,
                r -> ids.stream().anyMatch(r.value()::contains), ids.size(), WriterTestKit.WAIT).stream()
                .map(r -> ids.stream().filter(r.value()::contains).findFirst().orElseThrow())
                .toList();
        assertThat(reported).containsExactlyInAnyOrderElementsOf(ids);
    }

    /** How many PUTs of one item reached the simulator (answered or not). */
    public static long puts(CampusSimulator sim, String collection, String sourcedId) {
        String path = "/" + collection + "/" + sourcedId;
        return sim.control().requests().stream()
                .filter(r -> "PUT".equals(r.method()) && r.path().endsWith(path))
                .count();
    }

    public static JsonNode stored(CampusSimulator sim, String collection, String sourcedId) {
        return "results".equals(collection) ? sim.control().results().get(sourcedId)
                : sim.control().lineItems().get(sourcedId);
    }

    /** Waits for the district status events of a tenant that match. */
    public static List<DistrictStatusChanged> awaitStatus(String tenant, Predicate<DistrictStatusChanged> match) {
        return WriterTestKit.kafka().awaitRecords(Topics.SYNC_OUTCOMES,
                r -> tenant.equals(r.key()) && r.value().contains("\"DistrictStatusChanged\"")
                        && match.test((DistrictStatusChanged) KafkaTestClient.read(r, SyncOutcome.class)), 1,
                WriterTestKit.WAIT).stream()
                .map(r -> (DistrictStatusChanged) KafkaTestClient.read(r, SyncOutcome.class)).toList();
    }
}
