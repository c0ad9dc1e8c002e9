package org.ccsync.contracts;

import java.time.Instant;
import java.util.List;

/**
 * A course was verified against Infinite Campus: what IC held was compared with what Canvas says should be there.
 *
 * @param trigger {@code MANUAL} or {@code DAILY} (after that run's Canvas reconciliation) or {@code ON_DEMAND}
 * @param mode {@code REPAIR} or {@code REPORT_ONLY}
 * @param icReads the IC collection reads (lineItems of a class, results of a lineItem) it took
 * @param found differences found; {@code repaired} of them written again
 */
public record CourseVerified(
        String eventId,
        Instant occurredAt,
        String tenant,
        String courseId,
        long sourceVersion,
        String verificationId,
        String trigger,
        String runId,
        String mode,
        int icReads,
        int found,
        int repaired,
        List<Difference> differences) implements SyncOutcome {

    /**
     * One difference.
     *
     * @param kind {@code LINE_ITEM} or {@code RESULT}
     * @param difference {@code missing_in_ic}, {@code value_differs}, {@code renamed}, {@code extra_in_ic} or
     *     {@code ic_side_change} (category or grading period changed by a teacher in IC)
     * @param action {@code repaired}, {@code kept} (IC's choice stays) or {@code reported}
     * @param message in words, e.g. "IC had 3, Canvas has 10: repaired"
     */
    public record Difference(String sourcedId, String kind, String classSourcedId, String difference, String field,
            String icValue, String canvasValue, String action, String message) {
    }
}
