package org.ccsync.sandbox.stack;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import org.ccsync.contracts.EventIds;
import org.ccsync.contracts.EventKeys;
import org.ccsync.contracts.Topics;
import org.ccsync.contracts.UpsertResult;
import org.ccsync.sandbox.campus.CampusSimulatorConfig;
import org.ccsync.sandbox.campus.RequestLogEntry;

/**
 * A term-end rush of one district, straight into campus-writer: a backlog of result commands in which many scores
 * are regraded several times lands on {@code campus-writes} at once, with the district's lane serial (peak hours).
 * Prints IC requests per distinct final score, results per IC request and how busy the lane was against the serial
 * bound. A warm-up round (one grade per result) runs first and is not measured.
 *
 * <p>Settings: {@code -Dbench.rush.assignments=60} (× 6 students = distinct results), {@code -Dbench.rush.versions=3}
 * (grades per result), {@code -Dbench.rush.ic-latency-ms=100,20} (what the IC simulator adds to each gradebook request;
 * one run per value, each on a fresh stack), {@code -Dbench.rush.batch-results=false} ({@code true}: the district
 * sends waiting results of one lineItem in one {@code POST /lineItems/{id}/results}; {@code false,true} runs both).
 */
public final class TermEndRushBenchmark {

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    private TermEndRushBenchmark() {
    }

    public static void main(String[] args) {
        int assignments = Integer.getInteger("bench.rush.assignments", 60);
        int versions = Integer.getInteger("bench.rush.versions", 3);
        for (String batch : System.getProperty("bench.rush.batch-results", "false").split(",")) {
            for (String latency : System.getProperty("bench.rush.ic-latency-ms", "100,20").split(",")) {
                run(assignments, versions, Long.parseLong(latency.trim()), Boolean.parseBoolean(batch.trim()));
            }
        }
    }

    /** One rush on a fresh stack whose IC simulator adds {@code icLatency} ms to each gradebook request. */
    private static void run(int assignments, int versions, long icLatency, boolean batchResults) {
        String prefix = "ccsync.districts." + LocalStack.TENANT + ".";
        LocalStack.Options options = LocalStack.Options.isolated(LocalStack.projectRoot(), "term-end-rush")
                .withCampus(CampusSimulatorConfig.defaults().withLatencyMillis(icLatency))
                .withServiceProperty("campus-writer", prefix + "max-concurrent-peak", "1")
                .withServiceProperty("campus-writer", prefix + "max-concurrent-off-peak", "1")
                .withServiceProperty("campus-writer", prefix + "batch-results", Boolean.toString(batchResults))
                // The rush regrades every score of the course on purpose: the hold on mass score changes stays off.
                .withServiceProperty("campus-writer", prefix + "hold-result-change-percent", "100");
        try (LocalStack stack = LocalStack.start(options)) {
            List<BenchCourse.Target> targets = BenchCourse.targets(BenchCourse.createAssignments(stack, assignments));
            long baseVersion = System.currentTimeMillis();
            // Warm-up, not measured: one grade per result, so every JVM has compiled its hot paths first.
            Map<String, Double> warmScores = new HashMap<>();
            List<UpsertResult> warmUp = grades(targets, baseVersion, 0, 0, warmScores);
            stack.kafkaClient().sendAllJson(Topics.CAMPUS_WRITES, EventKeys.district(LocalStack.TENANT), warmUp);
            awaitLanded(stack, warmScores);

            Map<String, Double> finalScores = new HashMap<>();
            List<UpsertResult> backlog = grades(targets, baseVersion, 1, versions, finalScores);
            Instant startedAt = Instant.now();
            long start = System.nanoTime();
            stack.kafkaClient().sendAllJson(Topics.CAMPUS_WRITES, EventKeys.district(LocalStack.TENANT), backlog);
            long publishedNanos = System.nanoTime() - start;
            awaitLanded(stack, finalScores);
            long drainNanos = System.nanoTime() - start;
            boolean complete = allLanded(stack, finalScores);
            Instant endedAt = startedAt.plusNanos(drainNanos);
            // Every IC request that carried results: one PUT each, or a batch POST of one lineItem's results.
            List<RequestLogEntry> resultPuts = stack.campus().control().requests().stream()
                    .filter(r -> (r.method().equals("PUT") && r.path().contains("/results/")
                                    || r.method().equals("POST") && r.path().endsWith("/results"))
                            && !r.start().isBefore(startedAt) && !r.start().isAfter(endedAt))
                    .toList();
            long posts = resultPuts.stream().filter(r -> r.method().equals("POST")).count();
            long resultsSent = resultPuts.stream().mapToLong(TermEndRushBenchmark::resultsIn).sum();
            long busyMillis = resultPuts.stream().mapToLong(r -> r.duration().toMillis()).sum();
            // The lane's working window: from its first IC call to the end of its last one.
            long windowMillis = resultPuts.isEmpty() ? 0 : Duration.between(
                    resultPuts.stream().map(RequestLogEntry::start).min(Instant::compareTo).orElseThrow(),
                    resultPuts.stream().map(RequestLogEntry::end).max(Instant::compareTo).orElseThrow())
                    .toMillis();
            System.out.println();
            System.out.println("=== term-end rush benchmark: one district, serial lane, "
                    + (batchResults ? "batch results (POST /lineItems/{id}/results)" : "one PUT per result") + " ===");
            System.out.printf(Locale.ROOT, "machine            %d cores, Java %s%n",
                    Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
            System.out.printf(Locale.ROOT, "IC latency added   %d ms per gradebook request%n", icLatency);
            System.out.printf(Locale.ROOT, "commands           %d (%d distinct results × %d grades), published in %.1f s%n",
                    targets.size() * versions, targets.size(), versions, publishedNanos / 1e9);
            System.out.printf(Locale.ROOT, "final scores in IC %s after %.1f s%n",
                    complete ? "all " + finalScores.size() : "NOT all", drainNanos / 1e9);
            System.out.printf(Locale.ROOT, "IC result requests %d (%d PUTs, %d batch POSTs) = %.3f per distinct final "
                    + "score%n", resultPuts.size(), resultPuts.size() - posts, posts,
                    resultPuts.size() / (double) finalScores.size());
            System.out.printf(Locale.ROOT, "results sent       %d = %.2f results per IC request%n", resultsSent,
                    resultPuts.isEmpty() ? 0.0 : resultsSent / (double) resultPuts.size());
            System.out.printf(Locale.ROOT, "lane busy          %.0f%% of the serial bound while it worked (IC answering "
                    + "%.1f s of the %.1f s from its first IC call to its last)%n",
                    windowMillis == 0 ? 0.0 : 100.0 * busyMillis / windowMillis, busyMillis / 1000.0,
                    windowMillis / 1000.0);
            System.out.printf(Locale.ROOT, "                   %.0f%% of the whole drain, publishing and first fetch "
                    + "included (%.1f s)%n", 100.0 * busyMillis / (drainNanos / 1e6), drainNanos / 1e9);
            List<Long> gaps = idleGapsMillis(resultPuts);
            System.out.printf(Locale.ROOT, "lane idle between IC calls: p50 %d ms, p90 %d ms, max %d ms%n",
                    percentile(gaps, 0.5), percentile(gaps, 0.9), percentile(gaps, 1.0));
            System.out.printf(Locale.ROOT, "peak IC concurrency %d, refused as busy %d%n",
                    stack.campus().control().stats().peakConcurrency(), stack.campus().control().stats().rejectedBusy());
        }
    }

    /** How many results one request carried: one for a PUT, the size of a batch POST's {@code results}. */
    private static long resultsIn(RequestLogEntry request) {
        if (request.method().equals("PUT")) {
            return 1;
        }
        try {
            return JSON.readTree(request.body()).path("results").size();
        } catch (java.io.IOException e) {
            return 0;
        }
    }

    /** The time the serial lane had no IC call open, between one call's end and the next one's start. */
    private static List<Long> idleGapsMillis(List<RequestLogEntry> calls) {
        List<RequestLogEntry> ordered = calls.stream().sorted(Comparator.comparing(RequestLogEntry::start)).toList();
        List<Long> gaps = new ArrayList<>();
        for (int i = 1; i < ordered.size(); i++) {
            gaps.add(Math.max(0, Duration.between(ordered.get(i - 1).end(), ordered.get(i).start()).toMillis()));
        }
        gaps.sort(null);
        return gaps;
    }

    private static long percentile(List<Long> sorted, double p) {
        if (sorted.isEmpty()) {
            return 0;
        }
        return sorted.get((int) Math.min(sorted.size() - 1, Math.ceil(p * sorted.size()) - 1));
    }

    /** Grades {@code from..to} of every target, in that order; the last one of each is its final score. */
    private static List<UpsertResult> grades(List<BenchCourse.Target> targets, long baseVersion, int from, int to,
            Map<String, Double> finalScores) {
        Instant gradedAt = Instant.now();
        List<UpsertResult> commands = new ArrayList<>();
        for (int version = from; version <= to; version++) {
            for (BenchCourse.Target target : targets) {
                double score = version + 0.5;
                long sourceVersion = baseVersion + version;
                commands.add(new UpsertResult(EventIds.of("bench-rush", target.resultSourcedId(), sourceVersion),
                        Instant.now(), LocalStack.TENANT, Long.toString(BenchCourse.COURSE),
                        Long.toString(target.assignmentId()), target.classSourcedId(), target.lineItemSourcedId(),
                        target.resultSourcedId(), Long.toString(target.userId()), "STU-" + target.userId(),
                        sourceVersion, score, false, false, false, LocalDate.ofInstant(gradedAt, ZoneOffset.UTC),
                        gradedAt, false));
                finalScores.put(target.resultSourcedId(), score);
            }
        }
        return commands;
    }

    /** Waits (bounded) until IC holds every one of these scores. */
    private static void awaitLanded(LocalStack stack, Map<String, Double> scores) {
        Instant deadline = Instant.now().plusSeconds(600);
        while (!allLanded(stack, scores) && Instant.now().isBefore(deadline)) {
            LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
        }
    }

    private static boolean allLanded(LocalStack stack, Map<String, Double> finalScores) {
        Map<String, JsonNode> results = stack.campus().control().results();
        return finalScores.entrySet().stream().allMatch(e -> results.containsKey(e.getKey())
                && results.get(e.getKey()).path("score").asDouble(Double.NaN) == e.getValue());
    }
}
