package org.ccsync.sandbox.canvas;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads the control API's JSON request bodies into {@link GradeChange}, {@link AssignmentPatch},
 * {@link NewAssignment}, {@link LatePolicy}, {@link OverrideDates} and override student lists.
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
                text(body, "grading_type"), longValue(body, "assignment_group_id"),
                bool(body, "only_visible_to_overrides"));
    }

    static NewAssignment newAssignment(JsonNode body) {
        return new NewAssignment(text(body, "name"), number(body, "points_possible"), instant(body, "due_at"),
                longValue(body, "assignment_group_id"), orTrue(bool(body, "post_to_sis")),
                orTrue(bool(body, "published")), text(body, "grading_type"),
                Boolean.TRUE.equals(bool(body, "omit_from_final_grade")),
                Boolean.TRUE.equals(bool(body, "post_manually")));
    }

    /**
     * A late policy in Canvas's field names, at the top level or under {@code late_policy}; a field left out keeps
     * its value in {@code current} (or Canvas's default: off, 0 %, per day).
     */
    static LatePolicy latePolicy(JsonNode body, LatePolicy current) {
        JsonNode p = body.has("late_policy") && body.get("late_policy").isObject() ? body.get("late_policy") : body;
        LatePolicy base = current != null ? current : new LatePolicy(false, 0, "day", false, 0, false, 0, null);
        return new LatePolicy(
                orElse(bool(p, "late_submission_deduction_enabled"), base.lateSubmissionDeductionEnabled()),
                orElse(number(p, "late_submission_deduction"), base.lateSubmissionDeduction()),
                text(p, "late_submission_interval") != null ? text(p, "late_submission_interval")
                        : base.lateSubmissionInterval(),
                orElse(bool(p, "late_submission_minimum_percent_enabled"),
                        base.lateSubmissionMinimumPercentEnabled()),
                orElse(number(p, "late_submission_minimum_percent"), base.lateSubmissionMinimumPercent()),
                orElse(bool(p, "missing_submission_deduction_enabled"), base.missingSubmissionDeductionEnabled()),
                orElse(number(p, "missing_submission_deduction"), base.missingSubmissionDeduction()), null);
    }

    /** {@code student_ids}: a non-empty array of user ids. */
    static List<Long> studentIds(JsonNode body) {
        JsonNode ids = body.get("student_ids");
        if (ids == null || !ids.isArray() || ids.isEmpty()) {
            throw new IllegalArgumentException("student_ids must be a non-empty array");
        }
        List<Long> result = new ArrayList<>();
        for (JsonNode id : ids) {
            try {
                result.add(id.isNumber() ? id.longValue() : Long.parseLong(id.asText()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("student_ids must hold user ids");
            }
        }
        return result;
    }

    /** {@code field}: an array of ids, empty when absent. */
    static List<Long> longs(JsonNode body, String field) {
        JsonNode ids = body.get(field);
        List<Long> result = new ArrayList<>();
        if (ids == null || ids.isNull()) {
            return result;
        }
        if (!ids.isArray()) {
            throw new IllegalArgumentException(field + " must be an array of ids");
        }
        for (JsonNode id : ids) {
            try {
                result.add(id.isNumber() ? id.longValue() : Long.parseLong(id.asText()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(field + " must hold ids");
            }
        }
        return result;
    }

    /**
     * The dates of an override, as the "Assign to" dialog sends them: {@code due_at} (a date, or null for "no due
     * date") overrides the due date only when present; {@code unlock_at} and {@code lock_at} when not null.
     */
    static OverrideDates overrideDates(JsonNode body) {
        boolean due = body.has("due_at");
        return new OverrideDates(due, due ? instant(body, "due_at") : null, instant(body, "unlock_at"),
                instant(body, "lock_at"));
    }

    /** {@code canvas} or {@code caliper}, any case. */
    static EventFormat eventFormat(String value) {
        try {
            return EventFormat.valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("eventFormat must be canvas or caliper");
        }
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

    static Long longValue(JsonNode body, String field) {
        Double value = number(body, field);
        return value == null ? null : value.longValue();
    }

    static Instant instant(JsonNode body, String field) {
        String value = text(body, field);
        return value == null ? null : CanvasTime.parse(value);
    }

    private static <T> T orElse(T value, T fallback) {
        return value != null ? value : fallback;
    }

    private static boolean orTrue(Boolean value) {
        return value == null || value;
    }
}
