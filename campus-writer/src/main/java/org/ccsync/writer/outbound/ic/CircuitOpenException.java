package org.ccsync.writer.outbound.ic;

/** A district's circuit is open: the write was not sent and goes back to its lane until the circuit half-opens. */
public class CircuitOpenException extends RuntimeException {

    public CircuitOpenException(String tenant) {
        super("the Infinite Campus circuit of district " + tenant + " is open; the write waits in its lane");
    }
}
