package org.ccsync.contracts;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.time.Instant;

/**
 * A write command for one Infinite Campus item, published on {@link Topics#CAMPUS_WRITES} and keyed by
 * district, so that one district's writes form one ordered lane.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = UpsertLineItem.class, name = "UpsertLineItem"),
    @JsonSubTypes.Type(value = DeleteLineItem.class, name = "DeleteLineItem"),
    @JsonSubTypes.Type(value = UpsertResult.class, name = "UpsertResult"),
    @JsonSubTypes.Type(value = DeleteResult.class, name = "DeleteResult")
})
public sealed interface CampusWrite permits UpsertLineItem, DeleteLineItem, UpsertResult, DeleteResult {

    String eventId();

    Instant occurredAt();

    String tenant();

    String courseId();

    String assignmentId();

    /** The IC class, which is the Canvas section's SIS id. */
    String classSourcedId();

    String lineItemSourcedId();

    /** The IC item this command writes; the idempotency ledger is keyed by it. */
    String targetSourcedId();

    long sourceVersion();
}
