package org.ccsync.sandbox.stack;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.locks.LockSupport;
import org.ccsync.contracts.EventIds;
import org.ccsync.contracts.EventKeys;
import org.ccsync.contracts.ItemFailed;
import org.ccsync.contracts.ItemKind;
import org.ccsync.contracts.ItemRef;
import org.ccsync.contracts.ItemSkipped;
import org.ccsync.contracts.ItemWritten;
import org.ccsync.contracts.SyncOutcome;
import org.ccsync.contracts.Topics;

/**
 * How fast status-service answers a course's status when the course has many outcomes: publishes
 * {@code bench.status.outcomes} (default 100,000) written, skipped and failed outcomes for one course, waits until
 * status-service has folded them in, then reads the course endpoint {@code bench.status.reads} times (default 1,000)
 * with an admin token and prints the latency percentiles.
 */
public final class StatusReadBenchmark {

    private static final String COURSE = "bench-100k";

    private StatusReadBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int outcomes = Integer.getInteger("bench.status.outcomes", 100_000);
        int reads = Integer.getInteger("bench.status.reads", 1_000);
        try (LocalStack stack = LocalStack.start(LocalStack.Options.isolated(LocalStack.projectRoot(),
                "status-read"))) {
            List<SyncOutcome> batch = new ArrayList<>();
            Instant now = Instant.now();
            for (int i = 0; i < outcomes; i++) {
                batch.add(outcome(i, now));
                if (batch.size() == 5_000) {
                    stack.kafkaClient().sendAllJson(Topics.SYNC_OUTCOMES, EventKeys.course(LocalStack.TENANT, COURSE),
                            batch);
                    batch.clear();
                }
            }
            stack.kafkaClient().sendAllJson(Topics.SYNC_OUTCOMES, EventKeys.course(LocalStack.TENANT, COURSE), batch);

            HttpClient http = HttpClient.newHttpClient();
            HttpRequest course = HttpRequest.newBuilder(URI.create(stack.statusUrl() + "/api/districts/"
                    + LocalStack.TENANT + "/courses/" + COURSE))
                    .header("Authorization", "Bearer " + stack.adminToken()).build();
            Instant deadline = Instant.now().plusSeconds(900);
            long ingestStart = System.nanoTime();
            while (Instant.now().isBefore(deadline)) {
                HttpResponse<String> answer = http.send(course, HttpResponse.BodyHandlers.ofString());
                if (answer.statusCode() == 200 && countsReach(answer.body(), outcomes)) {
                    break;
                }
                LockSupport.parkNanos(Duration.ofMillis(500).toNanos());
            }
            double foldSeconds = (System.nanoTime() - ingestStart) / 1e9;
            for (int i = 0; i < 100; i++) {
                http.send(course, HttpResponse.BodyHandlers.discarding());
            }
            long[] micros = new long[reads];
            for (int i = 0; i < reads; i++) {
                long start = System.nanoTime();
                HttpResponse<String> answer = http.send(course, HttpResponse.BodyHandlers.ofString());
                micros[i] = (System.nanoTime() - start) / 1000;
                if (answer.statusCode() != 200) {
                    throw new IllegalStateException("course endpoint answered " + answer.statusCode());
                }
            }
            Arrays.sort(micros);
            System.out.println();
            System.out.println("=== status read benchmark: one course with many outcomes ===");
            System.out.printf(Locale.ROOT, "machine            %d cores, Java %s%n",
                    Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
            System.out.printf(Locale.ROOT, "outcomes           %d in one course, folded into the views in about %.0f s%n",
                    outcomes, foldSeconds);
            System.out.printf(Locale.ROOT, "course endpoint    %d reads: p50 %.1f ms  p90 %.1f ms  p99 %.1f ms  max %.1f ms%n",
                    reads, at(micros, 50), at(micros, 90), at(micros, 99), micros[micros.length - 1] / 1000.0);
        }
    }

    private static boolean countsReach(String body, int outcomes) {
        long total = 0;
        for (String key : List.of("\"written\":", "\"skipped\":", "\"failed\":")) {
            int at = body.indexOf(key);
            if (at < 0) {
                return false;
            }
            int end = at + key.length();
            while (end < body.length() && Character.isDigit(body.charAt(end))) {
                end++;
            }
            total += Long.parseLong(body.substring(at + key.length(), end));
        }
        return total >= outcomes;
    }

    private static double at(long[] sortedMicros, int percentile) {
        int index = (int) Math.ceil(percentile / 100.0 * sortedMicros.length) - 1;
        return sortedMicros[Math.max(0, index)] / 1000.0;
    }

    /** A result outcome for a distinct student and assignment: 80 % written, 15 % skipped, 5 % failed. */
    private static SyncOutcome outcome(int i, Instant now) {
        String assignment = Integer.toString(1000 + i / 500);
        String user = Integer.toString(100_000 + i % 500);
        ItemRef item = new ItemRef(ItemKind.RESULT, assignment, user, "SEC-BENCH", "r-" + i, "Bench " + assignment);
        String id = EventIds.of("bench-status", i);
        int kind = i % 20;
        if (kind < 16) {
            return new ItemWritten(id, now, LocalStack.TENANT, COURSE, 1, item, "UPSERTED", "Quizzes", "GP-Q2",
                    (double) (i % 10), now);
        }
        if (kind < 19) {
            return new ItemSkipped(id, now, LocalStack.TENANT, COURSE, 1, item, "no_student_sis_id",
                    "The student has no SIS id in Canvas.");
        }
        return new ItemFailed(id, now, LocalStack.TENANT, COURSE, 1, item, "ic_invaliddata",
                "student is not enrolled in class SEC-BENCH", false);
    }
}
