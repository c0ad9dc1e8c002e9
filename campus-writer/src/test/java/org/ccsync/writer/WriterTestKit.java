package org.ccsync.writer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.ccsync.contracts.AssignmentGroupRef;
import org.ccsync.contracts.CampusWrite;
import org.ccsync.contracts.DeleteLineItem;
import org.ccsync.contracts.EventIds;
import org.ccsync.contracts.EventKeys;
import org.ccsync.contracts.SourcedIds;
import org.ccsync.contracts.SyncOutcome;
import org.ccsync.contracts.Topics;
import org.ccsync.contracts.UpsertLineItem;
import org.ccsync.contracts.UpsertResult;
import org.ccsync.testsupport.KafkaTestClient;

/** Builds unique write commands, sends them on campus-writes and waits for their outcomes and IC requests. */
public final class WriterTestKit {

    public static final Instant ASSIGN = Instant.parse("2025-09-01T13:00:00Z");
    /** 23:59 on 9 September in Chicago: inside Quarter 1 and Semester 1. */
    public static final Instant DUE = Instant.parse("2025-09-10T04:59:00Z");
    public static final Duration WAIT = Duration.ofSeconds(30);

    private static KafkaTestClient kafka;

    private WriterTestKit() {
    }

    public static synchronized KafkaTestClient kafka() {
        if (kafka == null) {
            kafka = KafkaTestClient.shared();
        }
        return kafka;
    }

    public static String uid() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    public static UpsertLineItem lineItem(String tenant, String courseId, String classId, String assignmentId,
            long version, String title, String groupName) {
        return new UpsertLineItem(EventIds.of("test-li", assignmentId, classId, version, title), ASSIGN, tenant,
                courseId, assignmentId, classId, SourcedIds.lineItem(tenant, assignmentId, classId), version, title,
                10.0, ASSIGN, DUE, new AssignmentGroupRef("g-" + groupName, groupName, null));
    }

    public static UpsertResult result(String tenant, String courseId, String classId, String assignmentId, String student,
            long version, Double score, boolean excused, boolean late, boolean missing) {
        String lineItem = SourcedIds.lineItem(tenant, assignmentId, classId);
        return new UpsertResult(EventIds.of("test-r", lineItem, student, version), Instant.parse(
                "2025-09-12T16:00:00Z"), tenant, courseId, assignmentId, classId, lineItem,
                SourcedIds.result(lineItem, student), "u-" + student, student, version, score, excused, late,
                missing, LocalDate.parse("2025-09-12"), Instant.parse("2025-09-12T15:30:00Z"), false);
    }

    public static DeleteLineItem deletion(String tenant, String courseId, String classId, String assignmentId,
            long version) {
        return new DeleteLineItem(EventIds.of("test-del", assignmentId, classId, version), Instant.parse(
                "2025-09-20T10:00:00Z"), tenant, courseId, assignmentId, classId,
                SourcedIds.lineItem(tenant, assignmentId, classId), version, "unpublished");
    }

    /** Sends a command on its district's lane, as eligibility-service does. */
    public static void send(CampusWrite command) {
        send(EventKeys.district(command.tenant()), command);
    }

    public static void send(String key, CampusWrite command) {
        try {
            kafka().sendJson(Topics.CAMPUS_WRITES, key,
                    KafkaTestClient.JSON.writerFor(CampusWrite.class).writeValueAsString(command));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Waits for this many outcomes about an IC item. */
    public static List<SyncOutcome> awaitOutcomes(String sourcedId, int count) {
        return kafka().awaitRecords(Topics.SYNC_OUTCOMES, r -> r.value().contains("\"" + sourcedId + "\""), count,
                WAIT).stream().map(r -> KafkaTestClient.read(r, SyncOutcome.class)).toList();
    }

    /** Every outcome about an IC item on the topic right now. */
    public static List<SyncOutcome> currentOutcomes(String sourcedId) {
        return kafka().currentRecords(Topics.SYNC_OUTCOMES, r -> r.value().contains("\"" + sourcedId + "\""))
                .stream().map(r -> KafkaTestClient.read(r, SyncOutcome.class)).toList();
    }

    public static List<LoggedRequest> puts(String collection, String sourcedId) {
        return CampusWireMock.server().findAll(WireMock.putRequestedFor(
                WireMock.urlPathEqualTo(CampusWireMock.GB + "/" + collection + "/" + sourcedId)));
    }

    public static JsonNode tree(String json) {
        try {
            return KafkaTestClient.JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
