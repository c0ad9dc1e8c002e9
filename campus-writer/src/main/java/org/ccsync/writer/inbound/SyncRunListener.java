package org.ccsync.writer.inbound;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.ccsync.contracts.SyncOutcome;
import org.ccsync.contracts.SyncRunProgressed;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.ccsync.writer.domain.DriftVerifications;

/**
 * Starts a course's verification against IC when a full sync ("Sync now" or daily) has published the course's Canvas
 * state (stage {@code PUBLISHED}); a failed Canvas read verifies nothing. Reads sync-outcomes as text and parses only
 * run records, so the many item outcomes cost a substring test each.
 */
@ApplicationScoped
public class SyncRunListener {

    static final String CHANNEL = "sync-runs";

    private final DriftVerifications verifications;
    private final ObjectMapper json;

    public SyncRunListener(DriftVerifications verifications, ObjectMapper json) {
        this.verifications = verifications;
        this.json = json;
    }

    @Incoming(CHANNEL)
    @Blocking
    public void on(String record) throws java.io.IOException {
        if (record == null || !record.contains("SyncRunProgressed") || !record.contains("PUBLISHED")) {
            return;
        }
        if (json.readValue(record, SyncOutcome.class) instanceof SyncRunProgressed run
                && "PUBLISHED".equals(run.stage())) {
            verifications.runPublished(run);
        }
    }
}
