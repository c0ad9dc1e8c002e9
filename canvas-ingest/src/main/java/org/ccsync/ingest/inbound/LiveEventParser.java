package org.ccsync.ingest.inbound;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.ccsync.contracts.CanvasEventReceived;
import org.ccsync.contracts.ChangeScope;
import org.ccsync.contracts.EventIds;

/**
 * Parses a Canvas-format Live Event envelope into a {@link CanvasEventReceived} trigger, with ids normalised to
 * local ids; an event type the sync does not follow yields no trigger.
 *
 * <p>What each event re-reads: a grade or submission change (a cleared grade and a late-penalty recalculation
 * included) the assignment's scores; an assignment or override change the assignment and its scores (Canvas deletes
 * an override by sending assignment_override_updated with {@code workflow_state: deleted}); an assignment group change
 * every assignment of the course, so a renamed group moves its lineItems to the new category; a course change
 * (conclude, publish, unpublish), a section or an enrollment change the roster.
 */
@ApplicationScoped
public class LiveEventParser {

    /** Canvas global ids are {@code shard * 10^13 + local}. */
    public static final long SHARD_FACTOR = 10_000_000_000_000L;

    static final Map<String, ChangeScope> SCOPES = Map.ofEntries(
            Map.entry("grade_change", ChangeScope.SCORE),
            Map.entry("submission_created", ChangeScope.SCORE),
            Map.entry("submission_updated", ChangeScope.SCORE),
            Map.entry("assignment_created", ChangeScope.ASSIGNMENT),
            Map.entry("assignment_updated", ChangeScope.ASSIGNMENT),
            Map.entry("assignment_override_created", ChangeScope.ASSIGNMENT),
            Map.entry("assignment_override_updated", ChangeScope.ASSIGNMENT),
            Map.entry("assignment_group_created", ChangeScope.ASSIGNMENT_GROUP),
            Map.entry("assignment_group_updated", ChangeScope.ASSIGNMENT_GROUP),
            Map.entry("course_updated", ChangeScope.ROSTER),
            Map.entry("course_section_created", ChangeScope.ROSTER),
            Map.entry("course_section_updated", ChangeScope.ROSTER),
            Map.entry("enrollment_created", ChangeScope.ROSTER),
            Map.entry("enrollment_updated", ChangeScope.ROSTER));

    /** Body id fields checked whenever present, so a bad id is refused before it reaches Kafka. */
    private static final List<String> ID_FIELDS = List.of("submission_id", "assignment_id", "user_id", "student_id",
            "grader_id", "assignment_override_id", "assignment_group_id", "course_section_id", "enrollment_id",
            "course_id", "context_id", "nonxlist_course_id");

    private static final Pattern DIGITS = Pattern.compile("\\d{1,19}");

    static final String CALIPER_CODE = "caliper_format_not_supported";
    static final String CALIPER_FIX = "This is a Caliper-format Live Event; this endpoint reads Canvas-format events "
            + "only. In Canvas, open Admin > Data Services, edit this subscription and set its format to \"Canvas\" "
            + "(the event types to select are listed in docs/operations.md, \"Canvas Live Events\").";

    private final ObjectMapper mapper;

    public LiveEventParser(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** The event name and, for an event type the sync follows, its trigger (null otherwise). */
    public record Parsed(String eventName, CanvasEventReceived trigger) {
    }

    /** Reads the root JSON object of an event, or refuses it as malformed. */
    public JsonNode readTree(String json) {
        try {
            JsonNode root = mapper.readTree(json);
            if (root == null || !root.isObject()) {
                throw malformed("The event is not a JSON object.");
            }
            return root;
        } catch (JsonProcessingException e) {
            throw malformed("The event is not valid JSON.");
        }
    }

    /**
     * Parses the envelope. An event whose metadata and body name no course (raised by a background job or outside a
     * course, as override events then are) yields a trigger without course, for the webhook to find the course from
     * the assignment it names; one that names neither is ignored. An override event without assignment (a module's
     * override) re-reads every assignment of its course.
     *
     * @throws WebhookRejectedException 400 {@code malformed_event}; 422 {@code caliper_format_not_supported} for an
     *     event in Caliper format, with the fix in its message
     */
    public Parsed parse(String tenant, JsonNode root) {
        if (caliper(root)) {
            throw new WebhookRejectedException(422, CALIPER_CODE, CALIPER_FIX);
        }
        JsonNode metadata = root.get("metadata");
        if (metadata == null || !metadata.isObject()) {
            throw malformed("The event has no metadata object.");
        }
        String eventName = text(metadata, "event_name", true);
        Instant eventTime = instant(text(metadata, "event_time", true));
        ChangeScope scope = SCOPES.get(eventName);
        if (scope == null) {
            return new Parsed(eventName, null);
        }
        JsonNode body = root.get("body");
        if (body == null || !body.isObject()) {
            throw malformed("The event has no body object.");
        }
        for (String field : ID_FIELDS) {
            localId(body, field);
        }
        String courseId = courseId(metadata, body);
        String namedAssignment = localId(body, "assignment_id");
        if (namedAssignment == null && eventName.startsWith("assignment_override_")) {
            // A module's override belongs to the module, not to one assignment: re-read the course's assignments.
            scope = ChangeScope.ASSIGNMENT_GROUP;
        }
        String assignmentId = switch (scope) {
            case SCORE, ASSIGNMENT -> required(namedAssignment, "assignment_id");
            default -> null;
        };
        if (courseId == null && assignmentId == null) {
            // Nothing to find the course from; the poller's assignment check and reconciliation cover the change.
            return new Parsed(eventName, null);
        }
        String userId = switch (eventName) {
            case "grade_change" -> firstNonNull(localId(body, "student_id"), localId(body, "user_id"));
            case "submission_created", "submission_updated", "enrollment_created", "enrollment_updated" ->
                    localId(body, "user_id");
            default -> null;
        };
        long sourceVersion = eventTime.toEpochMilli();
        CanvasEventReceived trigger = new CanvasEventReceived(
                EventIds.of("canvas-event", tenant, eventName, courseId, assignmentId, userId, eventTime),
                Instant.now(), tenant, courseId, eventName, scope, assignmentId, userId, sourceVersion);
        return new Parsed(eventName, trigger);
    }

    /**
     * An IMS Caliper envelope ({@code sensor}, {@code dataVersion}, {@code data[]}) or a bare Caliper event
     * ({@code @context}): what a Data Services subscription in Caliper format sends.
     */
    static boolean caliper(JsonNode root) {
        if (root.has("metadata")) {
            return false;
        }
        String version = root.path("dataVersion").asText("") + root.path("@context").asText("");
        return version.contains("caliper") || (root.path("data").isArray() && root.has("sensor"));
    }

    /** Local id of a Canvas id, global or local: {@code global mod 10^13}; a local id is unchanged. */
    static String toLocal(long id) {
        return Long.toString(id % SHARD_FACTOR);
    }

    private String courseId(JsonNode metadata, JsonNode body) {
        String contextType = text(metadata, "context_type", false);
        if ("Course".equals(contextType)) {
            String fromMetadata = localId(metadata, "context_id");
            if (fromMetadata != null) {
                return fromMetadata;
            }
        }
        String bodyContextType = text(body, "context_type", false);
        if (bodyContextType == null || "Course".equals(bodyContextType)) {
            String fromBody = localId(body, "context_id");
            if (fromBody != null) {
                return fromBody;
            }
        }
        return localId(body, "course_id");
    }

    private static String localId(JsonNode parent, String field) {
        JsonNode node = parent.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isIntegralNumber() && node.canConvertToLong() && node.asLong() >= 0) {
            return toLocal(node.asLong());
        }
        if (node.isTextual()) {
            String value = node.asText();
            if (DIGITS.matcher(value).matches()) {
                try {
                    return toLocal(Long.parseLong(value));
                } catch (NumberFormatException e) {
                    throw malformed("The id " + field + " is out of range.");
                }
            }
        }
        throw malformed("The id " + field + " is not a number.");
    }

    private static String text(JsonNode parent, String field, boolean required) {
        JsonNode node = parent.get(field);
        if (node == null || node.isNull()) {
            if (required) {
                throw malformed("The event has no " + field + ".");
            }
            return null;
        }
        if (!node.isTextual() || node.asText().isBlank()) {
            throw malformed("The field " + field + " is not a string.");
        }
        return node.asText();
    }

    private static Instant instant(String value) {
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw malformed("The event_time is not an ISO-8601 time.");
        }
    }

    private static String required(String value, String field) {
        if (value == null) {
            throw malformed("The event has no " + field + ".");
        }
        return value;
    }

    private static String firstNonNull(String a, String b) {
        return a != null ? a : b;
    }

    static WebhookRejectedException malformed(String message) {
        return new WebhookRejectedException(400, "malformed_event", message);
    }
}
