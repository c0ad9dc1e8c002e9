package org.ccsync.sandbox.stack;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.notNullValue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.ccsync.contracts.CampusWrite;
import org.ccsync.contracts.SourcedIds;
import org.ccsync.contracts.Topics;
import org.ccsync.contracts.UpsertResult;
import org.ccsync.sandbox.campus.CampusSimulatorConfig;
import org.ccsync.sandbox.canvas.CanvasSimulatorConfig;
import org.ccsync.sandbox.canvas.EmittedEvent;
import org.ccsync.sandbox.canvas.GradeChange;
import org.ccsync.testsupport.KafkaTestClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The thin path through all four services on a real broker and database: a grade changed in the Canvas simulator
 * travels as a signed Live Event, is re-read, judged eligible, written to the IC simulator, and shows in status;
 * on the same stack, the metrics move with it and the services' JSON logs carry its context but never a secret.
 */
class ThinPathIT {

    private static final Duration BOUND = Duration.ofSeconds(60);
    private static final List<String> SERVICES =
            List.of("canvas-ingest", "eligibility-service", "campus-writer", "status-service");
    private static final ObjectMapper JSON = new ObjectMapper();

    // Distinctive values, so that finding one in a log cannot be a coincidence.
    private static final String CANVAS_TOKEN = "canvas-token-" + UUID.randomUUID();
    private static final String IC_CLIENT_SECRET = "ic-client-secret-" + UUID.randomUUID();
    private static final String IC_VENDOR_KEY = "ic-vendor-key-" + UUID.randomUUID();
    private static final String IC_VENDOR_SECRET = "ic-vendor-secret-" + UUID.randomUUID();

    /** Homework 4 of Biology 1 syncs to the class of period 2, where students 5004 to 5006 sit. */
    private static final long HOMEWORK = 417;
    private static final String HOMEWORK_P2 = SourcedIds.lineItem(LocalStack.TENANT, "417", "SEC-BIO1-P2");

    private static LocalStack stack;

    @BeforeAll
    static void startStack() {
        LocalStack.Options options = LocalStack.Options.isolated(LocalStack.projectRoot(), "it-thin-path")
                .withCanvas(CanvasSimulatorConfig.defaults().withApiToken(CANVAS_TOKEN))
                .withCampus(CampusSimulatorConfig.defaults().withClientSecret(IC_CLIENT_SECRET)
                        .withVendorKey(IC_VENDOR_KEY).withVendorSecret(IC_VENDOR_SECRET));
        for (String service : SERVICES) {
            // The services' own debug lines too: the code that handles credentials must not log them at any level.
            options = options.withServiceProperty(service, "quarkus.log.category.\"org.ccsync\".level", "DEBUG");
        }
        stack = LocalStack.start(options);
    }

    @AfterAll
    static void stopStack() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void aGradeChangedInCanvasReachesInfiniteCampusAndStatus() {
        stack.canvas().control().gradeSubmission(101, 401, 5001, GradeChange.score(7.5));

        String lineItem = SourcedIds.lineItem(LocalStack.TENANT, "401", "SEC-BIO1-P1");
        String result = SourcedIds.result(lineItem, "STU-5001");
        await().atMost(BOUND).untilAsserted(() -> {
            JsonNode stored = stack.campus().control().results().get(result);
            assertThat(stored).as("result %s in the IC simulator", result).isNotNull();
            assertThat(stored.path("score").asDouble()).isEqualTo(7.5);
            assertThat(stored.path("scoreStatus").asText()).isEqualTo("fully graded");
        });
        JsonNode storedLineItem = stack.campus().control().lineItems().get(lineItem);
        assertThat(storedLineItem.path("title").asText()).isEqualTo("Cell Structure Quiz");
        assertThat(storedLineItem.path("category").path("sourcedId").asText()).isEqualTo("CAT-SEC-BIO1-P1-QUIZZES");

        assertThat(stack.canvas().control().events())
                .as("the change travelled as a signed Live Event the webhook accepted")
                .anySatisfy(event -> {
                    assertThat(event.eventName()).isEqualTo("grade_change");
                    assertThat(event.delivery()).isEqualTo(EmittedEvent.Delivery.DELIVERED);
                    assertThat(event.status()).isEqualTo(202);
                    assertThat(event.contentType()).isEqualTo("application/jwt");
                });

        await().atMost(BOUND).untilAsserted(() -> given().baseUri(stack.statusUrl())
                .auth().oauth2(stack.adminToken())
                .get("/api/districts/demo/courses/101")
                .then().statusCode(200)
                .body("lastSuccessfulSyncAt", notNullValue())
                .body("counts.written", greaterThanOrEqualTo(2)));
    }

    @Test
    void latencyHistogramAndIcCountersMoveWhenAGradeSyncsAndEveryServiceExportsItsMetrics() {
        String writer = stack.service("campus-writer").baseUrl();
        String before = scrape(writer);
        double latencyBefore = sum(before, "ccsync_sync_latency_seconds_count", "tenant=\"demo\"");
        double icBefore = sum(before, "ccsync_ic_requests_total", "tenant=\"demo\"");

        syncGrade(5005, 8.0);

        await().atMost(BOUND).untilAsserted(() -> {
            String after = scrape(writer);
            assertThat(sum(after, "ccsync_sync_latency_seconds_count", "tenant=\"demo\""))
                    .as("end-to-end latency observations of district demo").isGreaterThan(latencyBefore);
            assertThat(sum(after, "ccsync_ic_requests_total", "tenant=\"demo\""))
                    .as("IC requests of district demo").isGreaterThan(icBefore);
            assertThat(series(after, "ccsync_sync_latency_seconds_bucket", "tenant=\"demo\"", "le=\""))
                    .as("the latency timer publishes a histogram").isNotEmpty();
        });

        Map<String, List<String>> documented = new LinkedHashMap<>();
        documented.put("canvas-ingest", List.of("ccsync_webhook_events_total", "ccsync_canvas_requests_total",
                "ccsync_canvas_request_cost_total", "ccsync_canvas_token_valid",
                "ccsync_stage_seconds_bucket stage=\"trigger_published\"",
                "ccsync_stage_seconds_bucket stage=\"snapshot_published\""));
        documented.put("eligibility-service", List.of("ccsync_eligibility_decisions_total",
                "ccsync_stage_seconds_bucket stage=\"write_published\"", "ccsync_outbox_rows state=\"parked\"",
                "ccsync_outbox_oldest_age_seconds"));
        documented.put("campus-writer", List.of("ccsync_ic_requests_total", "ccsync_lane_wait_seconds_count",
                "ccsync_lane_in_flight", "ccsync_lane_capacity", "ccsync_sync_latency_seconds_bucket",
                "ccsync_stage_seconds_bucket stage=\"lane_slot_acquired\"",
                "ccsync_stage_seconds_bucket stage=\"ic_answered\""));
        documented.put("status-service", List.of("ccsync_backlog_pending", "ccsync_backlog_oldest_age_seconds",
                "ccsync_dlq_depth", "ccsync_outbox_rows state=\"pending\""));
        documented.forEach((service, names) -> await().atMost(BOUND).untilAsserted(() -> {
            String metrics = scrape(stack.service(service).baseUrl());
            for (String name : names) {
                // "metric label=value": the metric with a series of that label (a stage of the latency breakdown).
                String[] metric = name.split(" ", 2);
                assertThat(series(metrics, metric[0], Arrays.copyOfRange(metric, 1, metric.length)))
                        .as("%s exports %s", service, name).isNotEmpty();
            }
            assertThat(series(metrics, "kafka_consumer_fetch_manager_records_lag"))
                    .as("%s exports its consumers' lag (Kafka client metrics)", service).isNotEmpty();
        }));
    }

    @Test
    void logsAreJsonLinesWithTheGradesContextAndNeverASecret() throws IOException {
        syncGrade(5004, 6.0);

        // The code that handles credentials runs and logs: a rejected Canvas token, rejected IC credentials.
        stack.canvas().control().revokeToken();
        try {
            stack.canvas().control().gradeSubmission(101, HOMEWORK, 5006, GradeChange.score(5.0));
            await().atMost(BOUND).until(() -> sum(scrape(stack.service("canvas-ingest").baseUrl()),
                    "ccsync_canvas_requests_total", "tenant=\"demo\"", "status=\"401\"") > 0);
        } finally {
            stack.canvas().control().restoreToken();
        }
        stack.campus().control().rejectCredentials();
        try {
            stack.canvas().control().gradeSubmission(101, HOMEWORK, 5004, GradeChange.score(6.5));
            await().atMost(BOUND).until(() -> sum(scrape(stack.service("campus-writer").baseUrl()),
                    "ccsync_ic_requests_total", "tenant=\"demo\"", "operation=\"token\"", "status=\"401\"") > 0);
        } finally {
            stack.campus().control().acceptCredentials();
        }
        UpsertResult synced = syncGrade(5004, 7.0);
        String bearer = stack.adminToken();
        given().baseUri(stack.statusUrl()).auth().oauth2(bearer)
                .get("/api/districts/demo/courses/101").then().statusCode(200);

        Map<String, List<JsonNode>> logs = new LinkedHashMap<>();
        for (String service : SERVICES) {
            logs.put(service, jsonLines(stack.service(service)));
        }
        List<String> secrets = secrets(bearer);
        logs.forEach((service, lines) -> {
            assertThat(lines).as("%s logged", service).isNotEmpty();
            String all = String.join("\n", lines.stream().map(JsonNode::toString).toList());
            for (String secret : secrets) {
                assertThat(all).as("%s's log holds a secret", service).doesNotContain(secret);
            }
        });

        List<JsonNode> aboutGrade = logs.get("campus-writer").stream()
                .filter(line -> synced.eventId().equals(line.path("mdc").path("eventId").asText(null)))
                .toList();
        assertThat(aboutGrade).as("campus-writer lines with the synced grade's event id").isNotEmpty()
                .allSatisfy(line -> {
                    assertThat(line.path("mdc").path("tenant").asText()).isEqualTo(LocalStack.TENANT);
                    assertThat(line.path("mdc").path("courseId").asText()).isEqualTo("101");
                });
        assertThat(aboutGrade).extracting(line -> line.path("loggerName").asText())
                .as("from the listener that queued it and from the lane worker that wrote it")
                .contains("org.ccsync.writer.inbound.CampusWriteListener", "org.ccsync.writer.outbound.ic.IcExchange");

        // At debug level the ids link up: the write's line names the snapshot that caused it, and canvas-ingest's
        // line about that snapshot carries the trigger (or poll) that read it.
        JsonNode decided = logs.get("eligibility-service").stream()
                .filter(line -> line.path("message").asText().startsWith("published UpsertResult " + synced.eventId()))
                .findFirst().orElseThrow(() -> new AssertionError("eligibility-service logged no line about "
                        + synced.eventId()));
        assertThat(decided.path("mdc").path("tenant").asText()).isEqualTo(LocalStack.TENANT);
        assertThat(decided.path("mdc").path("courseId").asText()).isEqualTo("101");
        String snapshot = decided.path("mdc").path("eventId").asText();
        assertThat(logs.get("canvas-ingest")).as("canvas-ingest published snapshot %s in its course context", snapshot)
                .anySatisfy(line -> {
                    assertThat(line.path("message").asText()).startsWith("published ").endsWith(" " + snapshot);
                    assertThat(line.path("mdc").path("tenant").asText()).isEqualTo(LocalStack.TENANT);
                    assertThat(line.path("mdc").path("courseId").asText()).isEqualTo("101");
                });
    }

    /** Grades a Homework 4 submission and waits until IC holds the score; returns the write that carried it. */
    private static UpsertResult syncGrade(long userId, double score) {
        stack.canvas().control().gradeSubmission(101, HOMEWORK, userId, GradeChange.score(score));
        String result = SourcedIds.result(HOMEWORK_P2, "STU-" + userId);
        await().atMost(BOUND).untilAsserted(() -> {
            JsonNode stored = stack.campus().control().results().get(result);
            assertThat(stored).as("result %s in the IC simulator", result).isNotNull();
            assertThat(stored.path("score").asDouble()).isEqualTo(score);
        });
        return stack.kafkaClient().awaitRecords(Topics.CAMPUS_WRITES, record -> {
            CampusWrite write = KafkaTestClient.read(record, CampusWrite.class);
            return write instanceof UpsertResult upsert && result.equals(upsert.resultSourcedId())
                    && Double.valueOf(score).equals(upsert.score());
        }, 1, BOUND).stream().map(record -> (UpsertResult) KafkaTestClient.read(record, CampusWrite.class))
                .findFirst().orElseThrow();
    }

    /**
     * Every credential of the stack in the forms a careless log line would show it: the Canvas token, the IC client
     * secret (also inside the Basic header), the vendor key and secret, every IC access token issued, the signing
     * key of the tokens status-service trusts (whole and as PEM lines) and a bearer token it was sent.
     */
    private static List<String> secrets(String bearer) {
        CampusSimulatorConfig campus = stack.campus().config();
        List<String> secrets = new ArrayList<>(List.of(CANVAS_TOKEN, IC_CLIENT_SECRET, IC_VENDOR_KEY,
                IC_VENDOR_SECRET, Base64.getEncoder().encodeToString((campus.clientId() + ":" + IC_CLIENT_SECRET)
                        .getBytes(StandardCharsets.UTF_8)),
                bearer));
        List<String> issued = stack.campus().control().issuedTokens();
        assertThat(issued).as("IC tokens the writer fetched").isNotEmpty();
        secrets.addAll(issued);
        String key = stack.tokens().privateKeyBase64();
        secrets.add(key);
        for (int from = 0; from + 64 <= key.length(); from += 64) {
            secrets.add(key.substring(from, from + 64));
        }
        return secrets;
    }

    /** Every line of the service's log, each parsed as a JSON object (the prod profile logs JSON). */
    private static List<JsonNode> jsonLines(ServiceProcess service) {
        List<String> lines;
        try {
            lines = Files.readAllLines(service.log());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<JsonNode> parsed = new ArrayList<>();
        for (String line : lines) {
            if (line.isBlank()) {
                continue;
            }
            try {
                JsonNode node = JSON.readTree(line);
                assertThat(node.isObject()).as("%s log line is a JSON object: %s", service.name(), line).isTrue();
                assertThat(node.has("message")).as("%s log line has a message: %s", service.name(), line).isTrue();
                parsed.add(node);
            } catch (IOException e) {
                throw new AssertionError(service.name() + " logged a line that is not JSON: " + line, e);
            }
        }
        return parsed;
    }

    private static String scrape(String baseUrl) {
        return given().baseUri(baseUrl).get("/q/metrics").then().statusCode(200).extract().asString();
    }

    /** The Prometheus sample lines of a metric whose labels contain every given fragment. */
    private static List<String> series(String metrics, String name, String... labels) {
        return metrics.lines()
                .filter(line -> line.startsWith(name + "{") || line.startsWith(name + " "))
                .filter(line -> Arrays.stream(labels).allMatch(line::contains))
                .toList();
    }

    private static double sum(String metrics, String name, String... labels) {
        return series(metrics, name, labels).stream()
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }
}
