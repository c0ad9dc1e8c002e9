package org.ccsync.sandbox.stack;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.ccsync.contracts.EventKeys;
import org.ccsync.contracts.SourcedIds;
import org.ccsync.contracts.Topics;
import org.ccsync.sandbox.campus.RequestLogEntry;
import org.ccsync.sandbox.canvas.GradeChange;
import org.ccsync.testsupport.KafkaTestClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * With tracing on in all four services, one grade is one trace: the webhook request's trace id is on the
 * canvas-triggers record, the canvas-changes snapshot, the campus-writes command and the OneRoster PUT that IC
 * received, and every service exported spans of it; a "sync now" request's trace reaches the re-read snapshots.
 */
class TracePropagationIT {

    private static final Duration BOUND = Duration.ofSeconds(90);
    private static OtlpReceiver receiver;
    private static LocalStack stack;

    @BeforeAll
    static void startStack() {
        receiver = OtlpReceiver.start();
        // No poller: the grade must reach the pipeline through the signed webhook, not through a poll's own trace.
        stack = LocalStack.start(LocalStack.Options.isolated(LocalStack.projectRoot(), "it-trace-propagation")
                .withTracing(receiver.endpoint())
                .withServiceProperty("canvas-ingest", "quarkus.scheduler.enabled", "false"));
    }

    @AfterAll
    static void stopStack() {
        if (stack != null) {
            stack.close();
        }
        if (receiver != null) {
            receiver.close();
        }
    }

    @Test
    void aGradeIsOneTraceFromTheWebhookToTheIcWrite() {
        stack.canvas().control().gradeSubmission(101, 401, 5001, GradeChange.score(6.5));

        String lineItem = SourcedIds.lineItem(LocalStack.TENANT, "401", "SEC-BIO1-P1");
        String result = SourcedIds.result(lineItem, "STU-5001");
        await().atMost(BOUND).untilAsserted(() -> {
            JsonNode stored = stack.campus().control().results().get(result);
            assertThat(stored).as("result %s in the IC simulator", result).isNotNull();
            assertThat(stored.path("score").asDouble()).isEqualTo(6.5);
        });

        RequestLogEntry put = stack.campus().control().requests().stream()
                .filter(entry -> entry.method().equals("PUT") && entry.path().endsWith("/results/" + result)
                        && entry.status() / 100 == 2)
                .reduce((first, second) -> second).orElseThrow();
        assertThat(put.traceparent()).as("traceparent of IC's PUT of the result").isNotNull();
        String traceId = traceIdOf(put.traceparent());

        KafkaTestClient kafka = stack.kafkaClient();
        String courseKey = EventKeys.course(LocalStack.TENANT, "101");
        List<ConsumerRecord<String, String>> triggers = kafka.currentRecords(Topics.CANVAS_TRIGGERS,
                record -> courseKey.equals(record.key()));
        assertThat(triggers).as("the webhook's triggers of course 101").isNotEmpty()
                .allSatisfy(record -> assertThat(traceparent(record)).isNotNull());
        assertThat(triggers.stream().map(record -> traceIdOf(traceparent(record))).toList())
                .as("the IC write continues the trace of a webhook trigger").contains(traceId);
        assertThat(triggers).filteredOn(record -> traceIdOf(traceparent(record)).equals(traceId))
                .extracting(record -> json(record).path("eventName").asText())
                .as("the first trigger of the grade change (its re-read's parent)").containsExactly("grade_change");

        assertThat(kafka.currentRecords(Topics.CANVAS_CHANGES, record -> courseKey.equals(record.key())))
                .filteredOn(record -> traceId.equals(traceIdOf(traceparent(record))))
                .extracting(TracePropagationIT::json)
                .as("the re-read ScoreChanged of student 5001 carries the trace")
                .anySatisfy(change -> {
                    assertThat(change.path("type").asText()).isEqualTo("ScoreChanged");
                    assertThat(change.path("assignmentId").asText()).isEqualTo("401");
                    assertThat(change.path("userId").asText()).isEqualTo("5001");
                    assertThat(change.path("score").asDouble()).isEqualTo(6.5);
                });

        assertThat(kafka.currentRecords(Topics.CAMPUS_WRITES,
                record -> EventKeys.district(LocalStack.TENANT).equals(record.key())))
                .filteredOn(record -> traceId.equals(traceIdOf(traceparent(record))))
                .extracting(TracePropagationIT::json)
                .as("eligibility-service's UpsertResult carries the trace")
                .anySatisfy(write -> {
                    assertThat(write.path("type").asText()).isEqualTo("UpsertResult");
                    assertThat(write.path("resultSourcedId").asText()).isEqualTo(result);
                });

        await().atMost(BOUND).untilAsserted(() -> {
            List<OtlpReceiver.ReceivedSpan> spans = receiver.trace(traceId);
            assertThat(spans).extracting(OtlpReceiver.ReceivedSpan::service).as("services with spans of the trace")
                    .contains("canvas-ingest", "eligibility-service", "campus-writer", "status-service");
            assertThat(spans).filteredOn(span -> span.parentSpanId().isEmpty())
                    .as("the trace starts at the webhook request")
                    .singleElement()
                    .satisfies(root -> {
                        assertThat(root.service()).isEqualTo("canvas-ingest");
                        assertThat(root.name()).startsWith("POST").contains("/webhooks/canvas");
                    });
        });
    }

    @Test
    void syncNowCarriesTheRequestTraceToTheReread() {
        // status-service knows a course once its roster went by: a first reconciliation (no poller here) shows it.
        stack.requestFullSync(List.of("102"), "trace-it");
        await().atMost(BOUND).untilAsserted(() -> given().baseUri(stack.statusUrl()).auth().oauth2(stack.adminToken())
                .get("/api/districts/demo/courses/102").then().statusCode(200));

        String runId = given().baseUri(stack.statusUrl()).auth().oauth2(stack.adminToken())
                .post("/api/districts/demo/courses/102/sync")
                .then().statusCode(202)
                .extract().path("runId");

        ConsumerRecord<String, String> request = stack.kafkaClient().awaitRecords(Topics.SYNC_REQUESTS,
                record -> runId.equals(json(record).path("runId").asText()), 1, BOUND).get(0);
        assertThat(traceparent(request)).as("traceparent of the sync-requests record").isNotNull();
        String traceId = traceIdOf(traceparent(request));

        String courseKey = EventKeys.course(LocalStack.TENANT, "102");
        stack.kafkaClient().awaitRecords(Topics.CANVAS_CHANGES,
                record -> courseKey.equals(record.key()) && traceparent(record) != null
                        && traceId.equals(traceIdOf(traceparent(record))), 1, BOUND);

        await().atMost(BOUND).untilAsserted(() -> assertThat(receiver.trace(traceId))
                .filteredOn(span -> span.parentSpanId().isEmpty())
                .as("the trace starts at status-service's sync-now request")
                .singleElement()
                .satisfies(root -> {
                    assertThat(root.service()).isEqualTo("status-service");
                    assertThat(root.name()).startsWith("POST").contains("/sync");
                }));
        Set<String> services = receiver.trace(traceId).stream().map(OtlpReceiver.ReceivedSpan::service)
                .collect(Collectors.toSet());
        assertThat(services).contains("status-service", "canvas-ingest");
    }

    private static String traceparent(ConsumerRecord<String, String> record) {
        Header header = record.headers().lastHeader("traceparent");
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /** The trace id of a W3C traceparent ({@code 00-<trace id>-<parent id>-<flags>}). */
    private static String traceIdOf(String traceparent) {
        if (traceparent == null) {
            return "";
        }
        String[] parts = traceparent.split("-");
        assertThat(parts).as("W3C traceparent %s", traceparent).hasSize(4);
        assertThat(parts[1]).as("trace id").matches("[0-9a-f]{32}").isNotEqualTo("0".repeat(32));
        return parts[1];
    }

    private static JsonNode json(ConsumerRecord<String, String> record) {
        try {
            return KafkaTestClient.JSON.readTree(record.value());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("not JSON: " + record.value(), e);
        }
    }
}
