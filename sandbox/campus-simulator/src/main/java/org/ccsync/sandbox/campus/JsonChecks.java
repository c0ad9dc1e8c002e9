package org.ccsync.sandbox.campus;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Reads fields of a body the OneRoster binding already accepted ({@link ContractGuard}), for IC's stricter rules; a
 * rule that fails answers 422 naming the field.
 */
final class JsonChecks {

    private JsonChecks() {
    }

    static boolean present(JsonNode obj, String field) {
        JsonNode value = obj.get(field);
        return value != null && !value.isNull();
    }

    /** The sourcedId of a GUIDRef, or null when the reference is absent. */
    static String refId(JsonNode obj, String field) {
        JsonNode ref = obj.get(field);
        return ref == null || ref.isNull() ? null : ref.path("sourcedId").asText(null);
    }

    static OffsetDateTime dateTime(JsonNode obj, String prefix, String field) {
        String value = obj.path(field).asText();
        try {
            return OffsetDateTime.parse(value, DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        } catch (DateTimeParseException e) {
            throw ImsxException.invalidData(prefix + "." + field
                    + " must be an ISO-8601 date-time with offset (e.g. 2026-11-20T23:59:00Z) but was \"" + value + "\"");
        }
    }

    /** A number or null when absent. */
    static Double optionalNumber(JsonNode obj, String field) {
        return present(obj, field) ? obj.get(field).asDouble() : null;
    }
}
