package org.ccsync.contracts;

import java.time.Instant;

/**
 * An item could not be synced.
 *
 * @param errorCode a stable code, for example {@code ic_invaliddata} or {@code canvas_token_rejected}
 * @param error the error text, with Infinite Campus's own message when it gave one
 * @param retryable whether the pipeline will try again by itself
 */
public record ItemFailed(
        String eventId,
        Instant occurredAt,
        String tenant,
        String courseId,
        long sourceVersion,
        ItemRef item,
        String errorCode,
        String error,
        boolean retryable) implements SyncOutcome {
}
