package org.ccsync.sandbox.canvas;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/**
 * Reads the control API's JSON request bodies into {@link GradeChange}, {@link AssignmentPatch} and
 * {@link NewAssignment}.
 */
final class ControlRequests {

    private ControlRequests() {
    }

    static GradeChange gradeChange(JsonNode body) {
        return new GradeChange(number(body, "score"), bool(body, "excused"), bool(body, "late"),
                bool(body, "missing"), bool(body, "posted"), number(body, "points_deducted"));
    }

    static AssignmentPatch assignmentPatch(JsonNode body) {
        boolean clearDueAt = body.has("due_at") && body.get("due_at").isNull();
        return new AssignmentPatch(text(body, "name"), number(body, "points_possible"), instant(body, "due_at"),
                clearDueAt, bool(body, "post_to_sis"), bool(body, "published"), bool(body, "omit_from_final_grade"),
                text(body, "grading_type"), longValue(body, "assignment_group_id"));
    }

    static NewAssignment newAssignment(JsonNode body) {
        return new NewAssignment(text(body, "name"), number(body, "points_possible"), instant(body, "due_at"),
                longValue(body, "assignment_group_id"), orTrue(bool(body, "post_to_sis")),
                orTrue(bool(body, "published")), text(body, "grading_type"),
                Boolean.TRUE.equals(bool(body, "omit_from_final_grade")),
                Boolean.TRUE.equals(bool(body, "post_manually")));
    }

    /** The body as an object; an empty body counts as {}. */
    static JsonNode object(String text) {
        if (text == null || text.isBlank()) {
            return CanvasJson.object();
        }
        JsonNode node = CanvasJson.parse(text);
        if (!(node instanceof ObjectNode)) {
            throw new IllegalArgumentException("body must be a JSON object");
        }
        return node;
    }

    static Double number(JsonNode body, String field) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (v.isNumber()) {
            return v.doubleValue();
        }
        try {
            return Double.valueOf(v.asText());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(field + " must be a number");
        }
    }

    static Boolean bool(JsonNode body, String field) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (v.isBoolean()) {
            return v.booleanValue();
        }
        String text = v.asText();
        if (text.equals("true") || text.equals("false")) {
            return Boolean.valueOf(text);
        }
        throw new IllegalArgumentException(field + " must be a boolean");
    }

    static String text(JsonNode body, String field) {
        JsonNode v = body.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static Long longValue(JsonNode body, String field) {
        Double value = number(body, field);
        return value == null ? null : value.longValue();
    }

    private static Instant instant(JsonNode body, String field) {
        String value = text(body, field);
        return value == null ? null : CanvasTime.parse(value);
    }

    private static boolean orTrue(Boolean value) {
        return value == null || value;
    }
}
