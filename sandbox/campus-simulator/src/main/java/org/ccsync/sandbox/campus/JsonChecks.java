package org.ccsync.sandbox.campus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Set;
import java.util.TreeSet;

/** Field-level OneRoster checks that fail with a 422 naming the offending field. */
final class JsonChecks {

    private JsonChecks() {
    }

    /** The object under {@code wrapper} in the request body ({@code lineItem} or {@code result}). */
    static ObjectNode wrapped(JsonNode body, String wrapper) {
        if (!body.isObject()) {
            throw ImsxException.badRequest("request body must be a JSON object {\"" + wrapper + "\": {...}}");
        }
        JsonNode inner = body.get(wrapper);
        if (inner == null || inner.isNull()) {
            throw ImsxException.invalidData(wrapper + " is required: the body must be {\"" + wrapper + "\": {...}}");
        }
        if (!inner.isObject()) {
            throw ImsxException.invalidData(wrapper + " must be an object");
        }
        return (ObjectNode) inner;
    }

    static boolean present(JsonNode obj, String field) {
        JsonNode value = obj.get(field);
        return value != null && !value.isNull();
    }

    static String requiredText(JsonNode obj, String prefix, String field) {
        JsonNode value = obj.get(field);
        if (value == null || value.isNull()) {
            throw ImsxException.invalidData(prefix + "." + field + " is required");
        }
        if (!value.isTextual()) {
            throw ImsxException.invalidData(prefix + "." + field + " must be a string");
        }
        if (value.asText().isBlank()) {
            throw ImsxException.invalidData(prefix + "." + field + " must not be blank");
        }
        return value.asText();
    }

    static void optionalText(JsonNode obj, String prefix, String field) {
        if (present(obj, field) && !obj.get(field).isTextual()) {
            throw ImsxException.invalidData(prefix + "." + field + " must be a string");
        }
    }

    static String requiredOneOf(JsonNode obj, String prefix, String field, Set<String> allowed) {
        String value = requiredText(obj, prefix, field);
        if (!allowed.contains(value)) {
            throw ImsxException.invalidData(prefix + "." + field + " must be one of " + new TreeSet<>(allowed)
                    + " but was \"" + value + "\"");
        }
        return value;
    }

    static OffsetDateTime requiredDateTime(JsonNode obj, String prefix, String field) {
        String value = requiredText(obj, prefix, field);
        try {
            return OffsetDateTime.parse(value, DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        } catch (DateTimeParseException e) {
            throw ImsxException.invalidData(prefix + "." + field
                    + " must be an ISO-8601 date-time with offset (e.g. 2026-11-20T23:59:00Z) but was \"" + value + "\"");
        }
    }

    static LocalDate requiredDate(JsonNode obj, String prefix, String field) {
        String value = requiredText(obj, prefix, field);
        try {
            return LocalDate.parse(value, DateTimeFormatter.ISO_LOCAL_DATE);
        } catch (DateTimeParseException e) {
            throw ImsxException.invalidData(prefix + "." + field
                    + " must be a date YYYY-MM-DD (not a date-time) but was \"" + value + "\"");
        }
    }

    /** A number or null when absent. */
    static Double optionalNumber(JsonNode obj, String prefix, String field) {
        if (!present(obj, field)) {
            return null;
        }
        JsonNode value = obj.get(field);
        if (!value.isNumber()) {
            throw ImsxException.invalidData(prefix + "." + field + " must be a number but was " + value);
        }
        return value.asDouble();
    }

    /** OneRoster flags such as {@code late} are the strings "true"/"false", never JSON booleans. */
    static void optionalBooleanString(JsonNode obj, String prefix, String field) {
        if (!present(obj, field)) {
            return;
        }
        JsonNode value = obj.get(field);
        if (!value.isTextual() || !(value.asText().equals("true") || value.asText().equals("false"))) {
            throw ImsxException.invalidData(prefix + "." + field
                    + " must be the string \"true\" or \"false\" but was " + value);
        }
    }

    /** Checks a GUIDRef (href, sourcedId, type) and returns its sourcedId, or null when optional and absent. */
    static String guidRef(JsonNode obj, String prefix, String field, String expectedType, boolean required) {
        String name = prefix + "." + field;
        JsonNode ref = obj.get(field);
        if (ref == null || ref.isNull()) {
            if (required) {
                throw ImsxException.invalidData(name + " is required");
            }
            return null;
        }
        if (!ref.isObject()) {
            throw ImsxException.invalidData(name + " must be a GUIDRef object {href, sourcedId, type}");
        }
        requiredText(ref, name, "href");
        String sourcedId = requiredText(ref, name, "sourcedId");
        String type = requiredText(ref, name, "type");
        if (!type.equals(expectedType)) {
            throw ImsxException.invalidData(name + ".type must be \"" + expectedType + "\" but was \"" + type + "\"");
        }
        return sourcedId;
    }
}
