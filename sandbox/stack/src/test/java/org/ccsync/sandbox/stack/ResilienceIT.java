package org.ccsync.sandbox.stack;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.ccsync.contracts.Topics;
import org.ccsync.sandbox.campus.CampusSimulatorConfig;
import org.ccsync.sandbox.campus.CampusStats;
import org.ccsync.sandbox.campus.FaultMix;
import org.ccsync.sandbox.canvas.EmittedEvent;
import org.ccsync.sandbox.canvas.GradeChange;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The resilience suite at reduced scale: grades change in Canvas while a fault hits the stack, and each scenario ends
 * with the outside-in {@link ConvergenceCheck} at 100 % (nothing lost, nothing stale, no duplicate or extra lineItem)
 * and nothing new on any dead-letter topic. R1 kills each service with {@code kill -9} mid-rush, then stops two with SIGTERM as a rolling update does; R2 makes IC unsteady
 * (5xx, 429 with Retry-After, unanswered requests) under a cap the writers must keep; R3 takes IC down (refused
 * connections, then 503s) and watches the backlog; R4 stops PostgreSQL mid-rush; R5 delivers every Live Event twice,
 * shuffled, and rewinds eligibility-service's offsets. R4 stops the Kafka broker mid-rush too.
 *
 * <p>The README's test command runs it at scale 1 (a few dozen changes per scenario). The {@code resilience} Maven
 * profile runs it at {@code -Dresilience.scale=N} (every rush N times larger) and prints the {@link ResilienceTable}
 * (also written to {@code target/resilience-table.md}).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ResilienceIT {

    private static final int SCALE = Integer.getInteger("resilience.scale", 1);
    private static final Duration BOUND = Duration.ofSeconds(180 + 6L * (SCALE - 1));
    private static final Duration READY = Duration.ofSeconds(120);
    private static final List<String> COURSES = List.of("101", "102");
    private static final int CAP = 3;
    private static final List<String> DLQS = List.of(Topics.dlq(Topics.CANVAS_TRIGGERS),
            Topics.dlq(Topics.CANVAS_CHANGES), Topics.dlq(Topics.CAMPUS_WRITES), Topics.dlq(Topics.SYNC_OUTCOMES),
            Topics.dlq(Topics.SYNC_REQUESTS));

    private static LocalStack stack;
    private static ConvergenceCheck check;
    private static List<BenchCourse.Target> pairs;
    private static final Map<String, Double> lastScore = new HashMap<>();
    private static final AtomicInteger grades = new AtomicInteger();
    private static final ResilienceTable table = new ResilienceTable();
    private Map<String, Integer> dlqBefore;
    private int gradesBefore;

    @BeforeAll
    static void startStack() {
        String district = "ccsync.districts." + LocalStack.TENANT + ".";
        stack = LocalStack.start(LocalStack.Options.isolated(LocalStack.projectRoot(), "it-resilience")
                .withCampus(CampusSimulatorConfig.defaults().withMaxConcurrent(CAP))
                .withWriterReplicas(2)
                .withServiceProperty("campus-writer", district + "max-concurrent-peak", Integer.toString(CAP))
                .withServiceProperty("campus-writer", district + "max-concurrent-off-peak", Integer.toString(CAP))
                .withServiceProperty("campus-writer", "ccsync.http.read-timeout", "3s")
                // The rushes regrade the same scores again and again on purpose: no hold on mass score changes.
                .withServiceProperty("campus-writer", district + "hold-result-change-percent", "100")
                // What Live Events miss while canvas-ingest is down, the poller brings: poll often here.
                .withServiceProperty("canvas-ingest", "ccsync.poll.interval", "5s"));
        stack.requestFullSync(COURSES, "resilience-it");
        pairs = BenchCourse.targets(BenchCourse.createAssignments(stack, 3));
        check = ConvergenceCheck.of(stack);
        awaitConverged("the first full sync");
    }

    @AfterAll
    static void stopStack() {
        table.publish(SCALE, LocalStack.projectRoot().resolve("sandbox/stack/target/resilience-table.md"));
        if (stack != null) {
            stack.close();
        }
    }

    @BeforeEach
    void countDeadLettersAndTraffic() {
        dlqBefore = deadLetters();
        gradesBefore = grades.get();
        stack.campus().control().resetStats();
    }

    @Test
    @Order(1)
    void theCheckSeesAScoreChangedAndAResultDeletedBehindTheWriter() {
        gradeSome(2);
        awaitConverged("two grades");
        BenchCourse.Target changed = pairs.get(0);
        BenchCourse.Target deleted = pairs.get(1);
        assertThat(stack.campus().control().changeScore(changed.resultSourcedId(), 0.5)).isTrue();
        assertThat(stack.campus().control().deleteResultBehindWriter(deleted.resultSourcedId())).isTrue();

        ConvergenceCheck.Report report = check.check(COURSES);
        assertThat(report.converged()).as(report.toString()).isFalse();
        assertThat(report.stale()).anySatisfy(s -> assertThat(s).contains(changed.resultSourcedId()));
        assertThat(report.lost()).anySatisfy(s -> assertThat(s).contains(deleted.resultSourcedId()));

        // "Sync now" verifies the course against IC and repairs both.
        given().baseUri(stack.statusUrl()).auth().oauth2(stack.adminToken())
                .post("/api/districts/demo/courses/101/sync").then().statusCode(202);
        awaitConverged("the repair");
    }

    @Test
    @Order(2)
    void r1KillingEachServiceMidRushLosesNothing() {
        for (String service : List.of("canvas-ingest", "eligibility-service", "campus-writer-2", "campus-writer")) {
            gradeSome(4);
            stack.service(service).kill();
            gradeSome(4);
            stack.service(service).restart(READY);
            gradeSome(4);
        }
        // A rolling update: SIGTERM mid-rush. A record whose transaction the closing database cuts short is left
        // for the restart, never parked on the DLQ (dead-letter-queue-unless-stopping).
        for (String service : List.of("eligibility-service", "campus-writer")) {
            gradeSome(4);
            stack.service(service).stop(Duration.ofSeconds(30));
            gradeSome(4);
            stack.service(service).restart(READY);
        }
        awaitConvergedScenario("R1: kill -9 of each service in turn, then SIGTERM");
        assertNoNewDeadLetters();
    }

    @Test
    @Order(3)
    void r2AnUnsteadyIcConvergesUnderTheCap() {
        stack.campus().control().resetStats();
        stack.campus().control().setRetryAfterSeconds(1);
        stack.campus().control().setTimeoutHoldMillis(1500);
        stack.campus().control().setFaultMix(new FaultMix(0.2, 503, 0.1, 0.02));
        CampusStats stats;
        List<?> writes;
        try {
            gradeSome(18);
            // The writers' own requests are judged before the check's reads join them.
            await().atMost(BOUND).until(ResilienceIT::everyGradeInIc);
            stats = stack.campus().control().stats();
            writes = stack.campus().control().requests().stream()
                    .filter(r -> r.path().contains("/gradebook/") && !"GET".equals(r.method())).toList();
            awaitConvergedScenario("R2: 20 % 503, 10 % 429, 2 % unanswered", stats);
        } finally {
            stack.campus().control().clearFaults();
        }
        assertThat(stats.rejectedBusy()).as("requests IC refused as over the district's cap").isZero();
        assertThat(stats.peakConcurrency()).as("peak concurrent IC requests").isLessThanOrEqualTo(CAP);
        System.out.printf("R2: %d gradebook writes for %d grade changes (%d answered 503, %d answered 429)%n",
                writes.size(), 18 * SCALE, stats.count(503), stats.count(429));
        assertThat(writes.size()).as("every change written at most once per attempt, 5 attempts at most")
                .isBetween(1, 5 * 18 * SCALE);
        assertNoNewDeadLetters();
    }

    @Test
    @Order(4)
    void r3IcDownShowsTheBacklogParksNothingAndDrainsAfter() {
        stack.campus().goDown();
        try {
            gradeSome(6);
            await().atMost(BOUND).untilAsserted(() -> {
                JsonNode totals = given().baseUri(stack.statusUrl()).auth().oauth2(stack.adminToken())
                        .get("/api/districts/demo/dashboard").then().statusCode(200).extract().as(JsonNode.class)
                        .path("totals");
                assertThat(totals.path("pending").asLong()).as("backlog on the dashboard").isPositive();
                assertThat(totals.path("oldestPendingAgeSeconds").isNumber()).isTrue();
            });
            assertThat(given().baseUri(stack.statusUrl()).get("/q/metrics").then().extract().asString())
                    .contains("ccsync_backlog_pending").contains("ccsync_backlog_oldest_age");
        } finally {
            stack.campus().comeBack();
        }
        stack.campus().control().setFailureRate(1.0, 503);
        try {
            gradeSome(3);
        } finally {
            stack.campus().control().clearFaults();
        }
        awaitConvergedScenario("R3: IC refusing connections, then answering 503");
        assertNoNewDeadLetters();
    }

    @Test
    @Order(5)
    void r4PostgresStoppedMidRushParksNothing() {
        gradeSome(3);
        stack.postgres().stop();
        try {
            gradeSome(6);
        } finally {
            stack.postgres().restart();
        }
        gradeSome(3);
        awaitConvergedScenario("R4: PostgreSQL stopped and restarted");
        assertNoNewDeadLetters();
    }

    @Test
    @Order(6)
    void r4TheKafkaBrokerStoppedMidRushParksNothing() {
        // Live Events go out one at a time per course: those of the grades just before the stop may meet it too.
        int before = stack.canvas().control().events().size();
        gradeSome(3);
        stack.kafka().stopBroker();
        try {
            gradeSome(6);
            // The outage lasts until the webhook has refused a Live Event it could not make durable in Kafka.
            await().atMost(BOUND).until(() -> stack.canvas().control().events().stream().skip(before)
                    .anyMatch(e -> e.attempts() >= 2 || e.delivery() == EmittedEvent.Delivery.FAILED));
        } finally {
            stack.kafka().startBroker();
        }
        gradeSome(3);
        awaitConvergedScenario("R4: the Kafka broker stopped and restarted");
        assertNoNewDeadLetters();
    }

    @Test
    @Order(7)
    void r5EveryLiveEventTwiceShuffledAndRewoundOffsetsEndInTheSameIc() throws Exception {
        gradeSome(6);
        awaitConverged("R5: before the replay");
        Map<String, JsonNode> before = stack.campus().control().results();

        List<EmittedEvent> events = new ArrayList<>(stack.canvas().control().events());
        events.addAll(List.copyOf(events));
        Collections.shuffle(events, new Random(17));
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        String webhook = stack.service("canvas-ingest").baseUrl() + "/webhooks/canvas/" + LocalStack.TENANT;
        for (EmittedEvent event : events) {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(webhook))
                    .header("Content-Type", event.contentType())
                    .POST(HttpRequest.BodyPublishers.ofString(event.payload())).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).as("replayed %s", event.eventName()).isEqualTo(202);
        }
        rewindEligibility();

        awaitConvergedScenario("R5: every Live Event twice, shuffled, and eligibility's offsets rewound");
        Map<String, JsonNode> after = stack.campus().control().results();
        assertThat(scores(after)).as("the same IC as clean delivery").isEqualTo(scores(before));
        assertNoNewDeadLetters();
    }

    // --- helpers ---

    /** Grades the next pairs in Canvas (count times the scale), each to a score it did not have, as in a rush. */
    private static void gradeSome(int count) {
        for (int i = 0; i < count * SCALE; i++) {
            int n = grades.getAndIncrement();
            BenchCourse.Target pair = pairs.get(n % pairs.size());
            // A cycle of 37 scores (a prime): a scenario whose changes are a multiple of the pairs never ends each pair
            // on the score the scenario before left there, which would leave nothing to write.
            double score = 1 + (n % 37) * 0.25;
            if (Double.valueOf(score).equals(lastScore.get(pair.resultSourcedId()))) {
                score += 0.25;
            }
            lastScore.put(pair.resultSourcedId(), score);
            stack.canvas().control().gradeSubmission(BenchCourse.COURSE, pair.assignmentId(), pair.userId(),
                    GradeChange.score(score));
        }
    }

    /** Whether IC holds the latest score given to every pair (read in the simulator, not over HTTP). */
    private static boolean everyGradeInIc() {
        Map<String, JsonNode> results = stack.campus().control().results();
        return lastScore.entrySet().stream().allMatch(e -> results.containsKey(e.getKey())
                && results.get(e.getKey()).path("score").asDouble() == e.getValue());
    }

    private static ConvergenceCheck.Report awaitConverged(String scenario) {
        ConvergenceCheck.Report report = org.awaitility.Awaitility.await(scenario).atMost(BOUND)
                .pollInterval(Duration.ofSeconds(2)).ignoreExceptions()
                .until(() -> check.check(COURSES), ConvergenceCheck.Report::converged);
        System.out.println("convergence after " + scenario + ": " + report);
        assertThat(report.percent()).isEqualTo(100.0);
        assertThat(report.expectedResults()).isPositive();
        return report;
    }

    /**
     * Waits for the scenario's convergence, timed from the end of its fault, and adds its row to the table with IC's
     * traffic since the scenario began (the check's own reads included, one at a time).
     */
    private void awaitConvergedScenario(String scenario) {
        awaitConvergedScenario(scenario, null);
    }

    /** As {@link #awaitConvergedScenario(String)}, with IC's traffic as {@code ic} counted it (when not null). */
    private void awaitConvergedScenario(String scenario, CampusStats ic) {
        long start = System.nanoTime();
        ConvergenceCheck.Report report = awaitConverged(scenario);
        Duration toConverge = Duration.ofNanos(System.nanoTime() - start);
        table.add(scenario, grades.get() - gradesBefore, report, ic != null ? ic : stack.campus().control().stats(),
                toConverge);
    }

    private void assertNoNewDeadLetters() {
        assertThat(deadLetters()).as("a transient fault sends nothing to a dead-letter topic").isEqualTo(dlqBefore);
    }

    private static Map<String, Integer> deadLetters() {
        Map<String, Integer> counts = new HashMap<>();
        for (String dlq : DLQS) {
            counts.put(dlq, stack.kafkaClient().currentRecords(dlq, r -> true).size());
        }
        return counts;
    }

    /** Stops eligibility-service, moves its group back to the start of canvas-changes, and starts it again. */
    private static void rewindEligibility() throws Exception {
        // Stopped as in a rolling update; the group's offsets can be changed once the member has left.
        stack.service("eligibility-service").stop(Duration.ofSeconds(30));
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                stack.kafka().bootstrapServers()))) {
            Map<TopicPartition, OffsetAndMetadata> start = new HashMap<>();
            int partitions = admin.describeTopics(List.of(Topics.CANVAS_CHANGES)).allTopicNames().get()
                    .get(Topics.CANVAS_CHANGES).partitions().size();
            for (int p = 0; p < partitions; p++) {
                start.put(new TopicPartition(Topics.CANVAS_CHANGES, p), new OffsetAndMetadata(0));
            }
            await().atMost(BOUND).ignoreExceptions().untilAsserted(() -> admin
                    .alterConsumerGroupOffsets("eligibility-service", start).all().get());
        }
        stack.service("eligibility-service").restart(READY);
    }

    private static Map<String, String> scores(Map<String, JsonNode> results) {
        return results.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
                e -> e.getValue().path("score").asText() + "/" + e.getValue().path("scoreStatus").asText()));
    }
}
