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
import org.ccsync.sandbox.campus.CampusStats;
import org.ccsync.sandbox.canvas.CanvasStats;
import org.ccsync.sandbox.canvas.GradeChange;

/**
 * Drives N score changes through the running stack at a fixed rate and prints throughput, end-to-end latency
 * percentiles (score changed in the Canvas simulator → result stored in the IC simulator), Canvas REST calls per
 * change and IC requests per change.
 *
 * <p>Settings: {@code -Dbench.changes=200}, {@code -Dbench.rate=4} (changes per second). After each phase it prints
 * the per-stage breakdown of the services' {@code ccsync_stage_seconds} histograms ({@link StageBreakdown}).
 */
public final class GradeSyncBenchmark {

    /** Assignments the benchmark creates, so that no (assignment, student) pair is graded twice within a run. */
    private static final int ASSIGNMENTS = 20;

    private GradeSyncBenchmark() {
    }

    /** A change in flight: the score expected in IC and when it was made in Canvas. */
    private record Pending(int index, double score, long sentNanos) {
    }

    public static void main(String[] args) {
        int changes = Integer.getInteger("bench.changes", 200);
        double rate = Double.parseDouble(System.getProperty("bench.rate", "4"));
        String window = System.getProperty("bench.coalesce-window", "");
        LocalStack.Options options = LocalStack.Options.isolated(LocalStack.projectRoot(), "benchmark")
                // Every round regrades the same pairs: that is a benchmark, not a wrong Canvas, so no hold on it.
                .withServiceProperty("campus-writer",
                        "ccsync.districts." + LocalStack.TENANT + ".hold-result-change-percent", "100");
        if (!window.isBlank()) {
            options = options.withServiceProperty("canvas-ingest", "ccsync.triggers.coalesce-window", window);
        }
        try (LocalStack stack = LocalStack.start(options)) {
            List<BenchCourse.Target> targets = BenchCourse.targets(BenchCourse.createAssignments(stack, ASSIGNMENTS));
            runPhase("steady grading", stack, targets, changes, rate, 0.0);
            // A teacher grading every student of every assignment as fast as the control API allows, one
            // assignment after another: the Live Events arrive in bursts that canvas-ingest coalesces.
            runPhase("grading burst", stack, targets, targets.size(), Double.POSITIVE_INFINITY, 0.125);
        }
    }

    /** Grades {@code changes} pairs round-robin at {@code rate} per second and reports what reached IC. */
    private static void runPhase(String title, LocalStack stack, List<BenchCourse.Target> targets, int changes, double rate,
            double scoreOffset) {
        StageBreakdown stagesBefore = StageBreakdown.scrape(stack);
        CanvasStats canvasBefore = stack.canvas().control().stats();
        CampusStats campusBefore = stack.campus().control().stats();
        Map<BenchCourse.Target, Pending> inFlight = new ConcurrentHashMap<>();
        List<Long> latenciesMicros = Collections.synchronizedList(new ArrayList<>());
        int superseded = 0;
        long[] lastSeenNanos = {0};
        Thread watcher = new Thread(() -> watch(stack, inFlight, latenciesMicros, lastSeenNanos), "ic-watcher");
        watcher.setDaemon(true);
        watcher.start();

        long intervalNanos = Double.isInfinite(rate) ? 0 : (long) (1_000_000_000L / rate);
        Instant startedAt = Instant.now();
        long start = System.nanoTime();
        for (int i = 0; i < changes; i++) {
            LockSupport.parkNanos(Math.max(0, start + i * intervalNanos - System.nanoTime()));
            BenchCourse.Target target = targets.get(i % targets.size());
            long sent = System.nanoTime();
            // Canvas stores the entered score less any late deduction: expect what Canvas stored.
            Double stored = stack.canvas().control().gradeSubmission(101, target.assignmentId(),
                    target.userId(), GradeChange.score(score(i / targets.size(), scoreOffset))).score();
            if (inFlight.put(target, new Pending(i, stored, sent)) != null) {
                superseded++;
            }
        }
        long offeredNanos = System.nanoTime() - start;
        Instant deadline = Instant.now().plusSeconds(180);
        while (!inFlight.isEmpty() && Instant.now().isBefore(deadline)) {
            LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
        }
        watcher.interrupt();
        long elapsedNanos = lastSeenNanos[0] == 0 ? System.nanoTime() - start : lastSeenNanos[0] - start;
        inFlight.forEach((target, pending) -> System.out.printf(Locale.ROOT,
                "never seen: change %d, assignment %d, user %d, expected %.3f, IC has %s%n", pending.index(),
                target.assignmentId(), target.userId(), pending.score(),
                stack.campus().control().results().get(target.resultSourcedId())));

        CanvasStats canvasAfter = stack.canvas().control().stats();
        CampusStats campusAfter = stack.campus().control().stats();
        // The district's lane is serial at peak: how much of the phase IC spent answering our gradebook calls.
        Instant lastSeen = startedAt.plusNanos(elapsedNanos);
        double busyMillis = stack.campus().control().requests().stream()
                .filter(r -> r.path().contains("/gradebook/") && !r.start().isBefore(startedAt)
                        && !r.start().isAfter(lastSeen))
                .mapToLong(r -> r.duration().toMillis()).sum();
        System.out.printf(Locale.ROOT, "%n%s: IC lane busy %.0f%% of the phase (%.1f s of %.1f s)%n", title,
                100 * busyMillis / (elapsedNanos / 1e6), busyMillis / 1000, elapsedNanos / 1e9);
        report(title, changes, changes / (offeredNanos / 1e9), elapsedNanos, latenciesMicros, superseded,
                inFlight.size(), canvasAfter.totalRequests() - canvasBefore.totalRequests(),
                canvasAfter.throttledCount() - canvasBefore.throttledCount(),
                campusAfter.totalGradebookRequests() - campusBefore.totalGradebookRequests(),
                campusAfter.peakConcurrency());
        StageBreakdown.scrape(stack).print(stagesBefore);
    }

    /**
     * The score of a pair in its {@code round}-th grading of a phase: two rounds in a row never give a pair the same
     * score, so every change changes Canvas (a repeated score would be "seen" in IC at once). Quizzes are worth 10.
     */
    static double score(int round, double offset) {
        return 1 + (round % 16) * 0.5 + offset;
    }

    private static void watch(LocalStack stack, Map<BenchCourse.Target, Pending> inFlight, List<Long> latenciesMicros,
            long[] lastSeenNanos) {
        while (!Thread.currentThread().isInterrupted()) {
            Map<String, JsonNode> results = stack.campus().control().results();
            long now = System.nanoTime();
            inFlight.forEach((target, pending) -> {
                JsonNode stored = results.get(target.resultSourcedId());
                if (stored != null && stored.path("score").asDouble(Double.NaN) == pending.score()
                        && inFlight.remove(target, pending)) {
                    latenciesMicros.add((now - pending.sentNanos()) / 1000);
                    lastSeenNanos[0] = now;
                }
            });
            LockSupport.parkNanos(Duration.ofMillis(5).toNanos());
        }
    }

    private static void report(String title, int changes, double rate, long elapsedNanos, List<Long> latenciesMicros,
            int superseded, int lost, long canvasRequests, long canvasThrottled, long campusRequests,
            int campusPeak) {
        List<Long> sorted = new ArrayList<>(latenciesMicros);
        Collections.sort(sorted);
        double seconds = elapsedNanos / 1e9;
        System.out.println();
        System.out.println("=== grade sync benchmark: " + title + " ===");
        System.out.printf(Locale.ROOT, "machine            %d cores, Java %s%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
        System.out.printf(Locale.ROOT, "score changes      %d offered at %.1f/s; the last was seen in IC after %.1f s%n", changes,
                rate, seconds);
        System.out.printf(Locale.ROOT, "observed in IC     %d (superseded by a newer change before seen: %d, "
                + "never seen: %d)%n", sorted.size(), superseded, lost);
        System.out.printf(Locale.ROOT, "throughput         %.1f synced changes/s%n", sorted.size() / seconds);
        System.out.printf(Locale.ROOT, "latency ms         p50 %.0f  p90 %.0f  p99 %.0f  max %.0f%n",
                percentile(sorted, 50), percentile(sorted, 90), percentile(sorted, 99), percentile(sorted, 100));
        System.out.printf(Locale.ROOT, "Canvas REST calls  %d (%.2f per change), throttled (403) %d%n",
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
