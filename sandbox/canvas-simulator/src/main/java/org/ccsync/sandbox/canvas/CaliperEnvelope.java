package org.ccsync.sandbox.canvas;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

/**
 * Renders a Canvas-format Live Event the way a subscription in Caliper format delivers it (after
 * {@code doc/api/data_services/json/caliper/event-types/*.json}): an envelope with {@code sensor},
 * {@code sendTime}, {@code dataVersion} and one Caliper event in {@code data}, whose Canvas fields sit in
 * {@code extensions["com.instructure.canvas"]}. There is no {@code metadata} and no {@code body}.
 */
final class CaliperEnvelope {

    static final String DATA_VERSION = "http://purl.imsglobal.org/ctx/caliper/v1p1";
    private static final String CANVAS_EXTENSION = "com.instructure.canvas";

    /** Caliper event type, action and object type and kind per Canvas event name. */
    private record Shape(String type, String action, String objectType, String objectKind, String idField) {
    }

    private static final Map<String, Shape> SHAPES = Map.ofEntries(
            Map.entry("grade_change", new Shape("GradeEvent", "Graded", "Attempt", "submission", "submission_id")),
            Map.entry("submission_created",
                    new Shape("AssignableEvent", "Submitted", "Attempt", "submission", "submission_id")),
            Map.entry("submission_updated",
                    new Shape("Event", "Modified", "Attempt", "submission", "submission_id")),
            Map.entry("assignment_created",
                    new Shape("AssignableEvent", "Created", "AssignableDigitalResource", "assignment", "assignment_id")),
            Map.entry("assignment_updated",
                    new Shape("AssignableEvent", "Modified", "AssignableDigitalResource", "assignment",
                            "assignment_id")),
            Map.entry("assignment_override_created",
                    new Shape("Event", "Created", "Entity", "assignment_override", "assignment_override_id")),
            Map.entry("assignment_override_updated",
                    new Shape("Event", "Modified", "Entity", "assignment_override", "assignment_override_id")),
            Map.entry("enrollment_created",
                    new Shape("Event", "Created", "Membership", "enrollment", "enrollment_id")),
            Map.entry("enrollment_updated",
                    new Shape("Event", "Modified", "Membership", "enrollment", "enrollment_id")),
            Map.entry("course_updated",
                    new Shape("Event", "Modified", "CourseOffering", "course", "course_id")));

    private CaliperEnvelope() {
    }

    static ObjectNode of(ObjectNode canvasEvent) {
        JsonNode metadata = canvasEvent.path("metadata");
        JsonNode body = canvasEvent.path("body");
        String name = metadata.path("event_name").asText();
        String hostname = metadata.path("hostname").asText();
        String time = metadata.path("event_time").asText();
        Shape shape = SHAPES.getOrDefault(name, new Shape("Event", "Modified", "Entity", name, null));
        ObjectNode envelope = CanvasJson.object();
        envelope.put("sensor", "http://" + hostname + "/");
        envelope.put("sendTime", time);
        envelope.put("dataVersion", DATA_VERSION);
        ObjectNode event = envelope.putArray("data").addObject();
        event.put("@context", DATA_VERSION);
        event.put("id", "urn:uuid:" + UUID.nameUUIDFromBytes(CanvasJson.write(canvasEvent)
                .getBytes(StandardCharsets.UTF_8)));
        event.put("type", shape.type());
        ObjectNode actor = event.putObject("actor");
        actor.put("id", "urn:instructure:canvas:user:" + metadata.path("user_id").asText(""));
        actor.put("type", "Person");
        event.put("action", shape.action());
        ObjectNode object = event.putObject("object");
        String entityId = shape.idField() == null ? "" : body.path(shape.idField()).asText("");
        object.put("id", "urn:instructure:canvas:" + shape.objectKind() + ":" + entityId);
        object.put("type", shape.objectType());
        ObjectNode canvasFields = object.putObject("extensions").putObject(CANVAS_EXTENSION);
        canvasFields.setAll((ObjectNode) body.deepCopy());
        canvasFields.put("entity_id", entityId);
        event.put("eventTime", time);
        ObjectNode edApp = event.putObject("edApp");
        edApp.put("id", "http://" + hostname + "/");
        edApp.put("type", "SoftwareApplication");
        if ("Course".equals(metadata.path("context_type").asText())) {
            ObjectNode group = event.putObject("group");
            group.put("id", "urn:instructure:canvas:course:" + metadata.path("context_id").asText());
            group.put("type", "CourseOffering");
            ObjectNode groupFields = group.putObject("extensions").putObject(CANVAS_EXTENSION);
            groupFields.put("context_type", "Course");
            groupFields.put("entity_id", metadata.path("context_id").asText());
        }
        ObjectNode extensions = event.putObject("extensions").putObject(CANVAS_EXTENSION);
        extensions.put("hostname", hostname);
        extensions.put("request_id", metadata.path("request_id").asText(""));
        extensions.put("version", "1.0.0");
        return envelope;
    }
}
