package org.ccsync.sandbox.stack;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;
import org.ccsync.contracts.SourcedIds;
import org.ccsync.sandbox.campus.CampusStats;
import org.ccsync.sandbox.canvas.CanvasStats;
import org.ccsync.sandbox.canvas.GradeChange;

/**
 * Drives N score changes through the running stack at a fixed rate and prints throughput, end-to-end latency
 * percentiles (score changed in the Canvas simulator → result stored in the IC simulator), Canvas REST calls per
 * change and IC requests per change.
 *
 * <p>Settings: {@code -Dbench.changes=300}, {@code -Dbench.rate=10} (changes per second).
 */
public final class GradeSyncBenchmark {

    private static final List<Long> ASSIGNMENTS = List.of(401L, 402L, 417L);
    private static final Map<Long, String> CLASS_OF_STUDENT = Map.of(
            5001L, "SEC-BIO1-P1", 5002L, "SEC-BIO1-P1", 5003L, "SEC-BIO1-P1",
            5004L, "SEC-BIO1-P2", 5005L, "SEC-BIO1-P2", 5006L, "SEC-BIO1-P2");

    private GradeSyncBenchmark() {
    }

    /** One (assignment, student) pair and where its IC result lives. */
    private record Target(long assignmentId, long userId, String resultSourcedId) {
    }

    /** A change in flight: the score expected in IC and when it was made in Canvas. */
    private record Pending(int index, double score, long sentNanos) {
    }

    public static void main(String[] args) {
        int changes = Integer.getInteger("bench.changes", 300);
        double rate = Double.parseDouble(System.getProperty("bench.rate", "10"));
        List<Target> targets = targets();
        try (LocalStack stack = LocalStack.start(LocalStack.Options.isolated(LocalStack.projectRoot(), "benchmark"))) {
            warmUp(stack, targets);
            CanvasStats canvasBefore = stack.canvas().control().stats();
            CampusStats campusBefore = stack.campus().control().stats();

            Map<Target, Pending> inFlight = new ConcurrentHashMap<>();
            List<Long> latenciesMicros = Collections.synchronizedList(new ArrayList<>());
            int[] superseded = {0};
            Thread watcher = new Thread(() -> watch(stack, inFlight, latenciesMicros), "ic-watcher");
            watcher.setDaemon(true);
            watcher.start();

            long intervalNanos = (long) (1_000_000_000L / rate);
            long start = System.nanoTime();
            for (int i = 0; i < changes; i++) {
                LockSupport.parkNanos(Math.max(0, start + i * intervalNanos - System.nanoTime()));
                Target target = targets.get(i % targets.size());
                double score = (i % 40) * 0.25;
                Pending previous = inFlight.put(target, new Pending(i, score, System.nanoTime()));
                if (previous != null) {
                    synchronized (superseded) {
                        superseded[0]++;
                    }
                }
                stack.canvas().control().gradeSubmission(101, target.assignmentId(), target.userId(),
                        GradeChange.score(score));
            }
            Instant deadline = Instant.now().plusSeconds(120);
            while (!inFlight.isEmpty() && Instant.now().isBefore(deadline)) {
                LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
            }
            long elapsedNanos = System.nanoTime() - start;
            watcher.interrupt();

            CanvasStats canvasAfter = stack.canvas().control().stats();
            CampusStats campusAfter = stack.campus().control().stats();
            report(changes, rate, elapsedNanos, latenciesMicros, superseded[0], inFlight.size(),
                    canvasAfter.totalRequests() - canvasBefore.totalRequests(), canvasAfter.throttledCount(),
                    campusAfter.totalGradebookRequests() - campusBefore.totalGradebookRequests(), campusAfter.peakConcurrency());
        }
    }

    private static List<Target> targets() {
        List<Target> targets = new ArrayList<>();
        for (long assignment : ASSIGNMENTS) {
            CLASS_OF_STUDENT.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
                String lineItem = SourcedIds.lineItem(LocalStack.TENANT, Long.toString(assignment), e.getValue());
                targets.add(new Target(assignment, e.getKey(), SourcedIds.result(lineItem, "STU-" + e.getKey())));
            });
        }
        return targets;
    }

    /** Syncs course 101 once so that line items exist, then waits until IC holds them all. */
    private static void warmUp(LocalStack stack, List<Target> targets) {
        stack.requestFullSync(List.of("101"), "benchmark");
        Instant deadline = Instant.now().plusSeconds(120);
        while (Instant.now().isBefore(deadline)) {
            long present = ASSIGNMENTS.stream().flatMap(a -> CLASS_OF_STUDENT.values().stream().distinct()
                    .map(c -> SourcedIds.lineItem(LocalStack.TENANT, Long.toString(a), c)))
                    .filter(stack.campus().control().lineItems()::containsKey).count();
            if (present == ASSIGNMENTS.size() * 2L) {
                return;
            }
            LockSupport.parkNanos(Duration.ofMillis(200).toNanos());
        }
        throw new IllegalStateException("the warm-up sync did not create the line items within 120 s");
    }

    private static void watch(LocalStack stack, Map<Target, Pending> inFlight, List<Long> latenciesMicros) {
        while (!Thread.currentThread().isInterrupted()) {
            Map<String, JsonNode> results = stack.campus().control().results();
            long now = System.nanoTime();
            inFlight.forEach((target, pending) -> {
                JsonNode stored = results.get(target.resultSourcedId());
                if (stored != null && stored.path("score").asDouble(Double.NaN) == pending.score()
                        && inFlight.remove(target, pending)) {
                    latenciesMicros.add((now - pending.sentNanos()) / 1000);
                }
            });
            LockSupport.parkNanos(Duration.ofMillis(5).toNanos());
        }
    }

    private static void report(int changes, double rate, long elapsedNanos, List<Long> latenciesMicros,
            int superseded, int lost, long canvasRequests, long canvasThrottled, long campusRequests,
            int campusPeak) {
        List<Long> sorted = new ArrayList<>(latenciesMicros);
        Collections.sort(sorted);
        double seconds = elapsedNanos / 1e9;
        System.out.println();
        System.out.println("=== grade sync benchmark ===");
        System.out.printf(Locale.ROOT, "machine            %d cores, Java %s%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
        System.out.printf(Locale.ROOT, "score changes      %d offered at %.1f/s over %.1f s%n", changes, rate, seconds);
        System.out.printf(Locale.ROOT, "observed in IC     %d (superseded by a newer change before seen: %d, "
                + "never seen: %d)%n", sorted.size(), superseded, lost);
        System.out.printf(Locale.ROOT, "throughput         %.1f synced changes/s%n", sorted.size() / seconds);
        System.out.printf(Locale.ROOT, "latency ms         p50 %.0f  p90 %.0f  p99 %.0f  max %.0f%n",
                percentile(sorted, 50), percentile(sorted, 90), percentile(sorted, 99), percentile(sorted, 100));
        System.out.printf(Locale.ROOT, "Canvas REST calls  %d (%.2f per change), throttled (403) total %d%n",
                canvasRequests, canvasRequests / (double) changes, canvasThrottled);
        System.out.printf(Locale.ROOT, "IC requests        %d (%.2f per change), peak IC concurrency %d%n",
                campusRequests, campusRequests / (double) changes, campusPeak);
    }

    private static double percentile(List<Long> sortedMicros, int percentile) {
        if (sortedMicros.isEmpty()) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(percentile / 100.0 * sortedMicros.size()) - 1;
        return sortedMicros.get(Math.max(0, Math.min(index, sortedMicros.size() - 1))) / 1000.0;
    }
}
