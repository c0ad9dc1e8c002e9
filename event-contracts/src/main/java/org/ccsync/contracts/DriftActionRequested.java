package org.ccsync.contracts;

import java.time.Instant;

/**
 * A district admin or teacher asked campus-writer to act on a course's drift: verify it against IC now, or release or
 * discard one of its held changes.
 *
 * @param action {@code verify}, {@code release} or {@code discard}
 * @param holdId the hold a release or discard is about, null for verify
 * @param requestedBy the signed-in user
 */
public record DriftActionRequested(
        String eventId,
        Instant occurredAt,
        String tenant,
        String courseId,
        long sourceVersion,
        String action,
        Long holdId,
        String requestedBy) implements SyncRequest {

    public static final String VERIFY = "verify";
    public static final String RELEASE = "release";
    public static final String DISCARD = "discard";
}
