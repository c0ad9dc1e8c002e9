package org.ccsync.writer.outbound.ic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Optional;

/**
 * The imsx status of a OneRoster error body: description and codeMinor value, read from the plain form or a
 * {@code statusInfoSet} wrapper.
 */
public record ImsxError(String description, String codeMinor) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Reads an error body; an empty or non-JSON body gives an error without description or code. */
    public static ImsxError parse(String body) {
        if (body == null || body.isBlank()) {
            return new ImsxError(null, null);
        }
        try {
            JsonNode root = JSON.readTree(body);
            JsonNode status = unwrap(root);
            return new ImsxError(text(status.path("imsx_description")), codeMinor(status.path("imsx_CodeMinor")));
        } catch (Exception notJson) {
            return new ImsxError(null, null);
        }
    }

    public Optional<String> describe() {
        return Optional.ofNullable(description).filter(d -> !d.isBlank());
    }

    public Optional<String> code() {
        return Optional.ofNullable(codeMinor).filter(c -> !c.isBlank());
    }

    private static JsonNode unwrap(JsonNode root) {
        JsonNode set = root.path("statusInfoSet");
        if (set.isMissingNode()) {
            set = root.path("imsx_statusInfoSet");
        }
        if (set.isArray() && !set.isEmpty()) {
            return set.get(0);
        }
        if (set.isObject()) {
            JsonNode inner = set.path("imsx_statusInfo");
            return inner.isArray() && !inner.isEmpty() ? inner.get(0) : inner.isObject() ? inner : set;
        }
        return root;
    }

    private static String codeMinor(JsonNode codeMinor) {
        JsonNode field = codeMinor.path("imsx_codeMinorField");
        if (field.isArray()) {
            field = field.isEmpty() ? field : field.get(0);
        }
        return text(field.path("imsx_codeMinorFieldValue"));
    }

    private static String text(JsonNode node) {
        return node.isValueNode() ? node.asText() : null;
    }
}
