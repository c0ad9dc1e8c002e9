package org.ccsync.support;

/** A record that could not be read as an event; it is nacked to the topic's dead-letter topic. */
public class PoisonRecordException extends RuntimeException {

    public PoisonRecordException(String topic) {
        super("a record on " + topic + " could not be deserialised; it goes to the dead-letter topic");
    }
}
