package org.ccsync.contracts;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.time.Instant;

/** What happened to one item or one sync run, published on {@link Topics#SYNC_OUTCOMES} for status-service. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = ItemWritten.class, name = "ItemWritten"),
    @JsonSubTypes.Type(value = ItemSkipped.class, name = "ItemSkipped"),
    @JsonSubTypes.Type(value = ItemFailed.class, name = "ItemFailed"),
    @JsonSubTypes.Type(value = SyncRunProgressed.class, name = "SyncRunProgressed"),
    @JsonSubTypes.Type(value = DistrictStatusChanged.class, name = "DistrictStatusChanged"),
    @JsonSubTypes.Type(value = CourseVerified.class, name = "CourseVerified"),
    @JsonSubTypes.Type(value = HoldChanged.class, name = "HoldChanged")
})
public sealed interface SyncOutcome permits ItemWritten, ItemSkipped, ItemFailed, SyncRunProgressed,
        DistrictStatusChanged, CourseVerified, HoldChanged {

    String eventId();

    Instant occurredAt();

    String tenant();

    String courseId();

    /** The version of the source fact this outcome is about; a newer outcome for the same item wins. */
    long sourceVersion();
}
