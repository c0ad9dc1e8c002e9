package org.ccsync.sandbox.canvas;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;

/** Reads the simulator's emitted Live Events for assertions. */
final class EventLog {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private EventLog() {
    }

    /** The events emitted after the first {@code skip}, parsed. */
    static List<JsonNode> since(CanvasSimulator sim, int skip) {
        return sim.control().events().stream().skip(skip).map(e -> parse(e.json())).toList();
    }

    static List<String> names(List<JsonNode> events) {
        return events.stream().map(e -> e.at("/metadata/event_name").asText()).toList();
    }

    static JsonNode parse(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
