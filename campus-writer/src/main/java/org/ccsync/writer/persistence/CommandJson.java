package org.ccsync.writer.persistence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import org.ccsync.contracts.CampusWrite;

/** Stores a campus-writes command as the same JSON it travels as on Kafka, {@code type} property included. */
@ApplicationScoped
public class CommandJson {

    private final ObjectMapper json;

    public CommandJson(ObjectMapper json) {
        this.json = json;
    }

    public String write(CampusWrite command) {
        try {
            return json.writerFor(CampusWrite.class).writeValueAsString(command);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot store the command " + command.eventId(), e);
        }
    }

    public CampusWrite read(String command) {
        try {
            return json.readValue(command, CampusWrite.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot read a stored command", e);
        }
    }
}
