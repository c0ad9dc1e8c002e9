package org.ccsync.sandbox.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

/** The HTTP ports of the four services and the two simulators. */
public record StackPorts(int status, int ingest, int eligibility, int writer, int canvas, int campus) {

    /** The documented ports, for a person running the demo. */
    public static StackPorts documented() {
        return new StackPorts(8080, 8081, 8082, 8083, 8091, 8092);
    }

    /** Free ports, for tests and benchmarks that must not clash with anything running. */
    public static StackPorts free() {
        return new StackPorts(freePort(), freePort(), freePort(), freePort(), freePort(), freePort());
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port", e);
        }
    }
}
