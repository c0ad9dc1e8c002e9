package org.ccsync.sandbox.stack;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import org.ccsync.contracts.SourcedIds;
import org.ccsync.sandbox.canvas.NewAssignment;

/** The benchmarks' working set: fresh quiz assignments in the demo's Biology course and their IC results. */
final class BenchCourse {

    static final long COURSE = 101;
    static final Map<Long, String> CLASS_OF_STUDENT = Map.of(
            5001L, "SEC-BIO1-P1", 5002L, "SEC-BIO1-P1", 5003L, "SEC-BIO1-P1",
            5004L, "SEC-BIO1-P2", 5005L, "SEC-BIO1-P2", 5006L, "SEC-BIO1-P2");
    private static final long QUIZZES_GROUP = 202;

    private BenchCourse() {
    }

    /** One (assignment, student) pair and where its IC result lives. */
    record Target(long assignmentId, long userId, String classSourcedId, String lineItemSourcedId,
            String resultSourcedId) {
    }

    /**
     * Creates quiz assignments in Canvas (each travels as a Live Event) and waits until IC holds their line items in
     * both Biology classes, and every student's result in them: the quizzes are past due and nobody submitted, so
     * Canvas marks each submission missing and that reaches IC first, before any measured change.
     *
     * @return the new assignment ids
     */
    static List<Long> createAssignments(LocalStack stack, int count) {
        List<Long> ids = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            ids.add(stack.canvas().control().createAssignment(COURSE, NewAssignment.named(
                    String.format(Locale.ROOT, "Bench Quiz %03d", i), 10)
                    .withAssignmentGroupId(QUIZZES_GROUP)
                    .withDueAt(Instant.parse("2026-11-27T23:59:00Z"))).id());
        }
        List<String> lineItems = ids.stream().flatMap(a -> CLASS_OF_STUDENT.values().stream().distinct()
                .map(c -> SourcedIds.lineItem(LocalStack.TENANT, Long.toString(a), c))).toList();
        List<String> results = targets(ids).stream().map(Target::resultSourcedId).toList();
        Instant deadline = Instant.now().plusSeconds(300);
        while (Instant.now().isBefore(deadline)) {
            if (stack.campus().control().lineItems().keySet().containsAll(lineItems)
                    && stack.campus().control().results().keySet().containsAll(results)) {
                return ids;
            }
            LockSupport.parkNanos(Duration.ofMillis(200).toNanos());
        }
        throw new IllegalStateException("the benchmark's line items and missing results did not reach IC within 300 s");
    }

    /** Every (assignment, student) pair of the given assignments. */
    static List<Target> targets(List<Long> assignments) {
        List<Target> targets = new ArrayList<>();
        for (long assignment : assignments) {
            CLASS_OF_STUDENT.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
                String lineItem = SourcedIds.lineItem(LocalStack.TENANT, Long.toString(assignment), e.getValue());
                targets.add(new Target(assignment, e.getKey(), e.getValue(), lineItem,
                        SourcedIds.result(lineItem, "STU-" + e.getKey())));
            });
        }
        return targets;
    }
}
