package org.ccsync.contracts;

import java.time.Instant;

/**
 * The health of a district's Infinite Campus connection as campus-writer sees it; {@code courseId} is null because it
 * concerns the whole district.
 *
 * @param icAvailable false while the district's circuit breaker is open or IC keeps failing
 * @param credentialsValid false when IC rejects the district's OAuth2 client or vendor key
 * @param credentialsExpireAt when the district's IC key and secret expire, when configured
 * @param message a human sentence, with IC's own error text when there is one
 * @param identityStrategy how the writer matches Canvas sections and students to IC classes and students:
 *     {@code sis-ids} or {@code ic-rostering}; null when not reported
 */
public record DistrictStatusChanged(
        String eventId,
        Instant occurredAt,
        String tenant,
        String courseId,
        long sourceVersion,
        boolean icAvailable,
        boolean credentialsValid,
        Instant credentialsExpireAt,
        String message,
        String identityStrategy) implements SyncOutcome {
}
