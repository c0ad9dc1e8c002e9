package org.ccsync.contracts;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.UUID;

/**
 * Deterministic event ids: the same source fact always yields the same id, so a webhook and a poll
 * that see one change produce one id and consumers can drop the duplicate.
 */
public final class EventIds {

    private EventIds() {
    }

    /** A name-based UUID of a kind and the parts that identify the source fact. */
    public static String of(String kind, Object... parts) {
        StringBuilder source = new StringBuilder(kind);
        for (Object part : parts) {
            source.append('|').append(Objects.toString(part, ""));
        }
        return UUID.nameUUIDFromBytes(source.toString().getBytes(StandardCharsets.UTF_8)).toString();
    }
}
