package org.ccsync.contracts;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.time.Instant;

/** A request from status-service to canvas-ingest, published on {@link Topics#SYNC_REQUESTS}. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = SyncRequested.class, name = "SyncRequested"),
    @JsonSubTypes.Type(value = DailySyncScheduleChanged.class, name = "DailySyncScheduleChanged"),
    @JsonSubTypes.Type(value = DriftActionRequested.class, name = "DriftActionRequested")
})
public sealed interface SyncRequest permits SyncRequested, DailySyncScheduleChanged, DriftActionRequested {

    String eventId();

    Instant occurredAt();

    String tenant();

    String courseId();

    long sourceVersion();
}
