package org.ccsync.contracts;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.time.Instant;

/** An authoritative snapshot of Canvas state, re-read over REST and published on {@link Topics#CANVAS_CHANGES}. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = AssignmentChanged.class, name = "AssignmentChanged"),
    @JsonSubTypes.Type(value = ScoreChanged.class, name = "ScoreChanged"),
    @JsonSubTypes.Type(value = RosterChanged.class, name = "RosterChanged")
})
public sealed interface CanvasChange permits AssignmentChanged, ScoreChanged, RosterChanged {

    String eventId();

    Instant occurredAt();

    String tenant();

    String courseId();

    /** Epoch milliseconds of the Canvas timestamp this snapshot reflects; an older one never wins. */
    long sourceVersion();
}
