package org.ccsync.sandbox.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

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

    /**
     * Below Linux's ephemeral range (32768-60999 by default): ports handed out there may be taken, before the service
     * binds them, as the local port of any outgoing connection (four services talk to Kafka and PostgreSQL) or by a
     * server that binds port 0. A port from this range is bound once to prove it free and is never handed out twice
     * by this JVM.
     */
    private static final int FIRST = 20_000;
    private static final int LAST = 32_000;
    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

    private static int freePort() {
        for (int attempt = 0; attempt < 1_000; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(FIRST, LAST);
            if (!HANDED_OUT.add(port)) {
                continue;
            }
            try (ServerSocket socket = new ServerSocket()) {
                socket.setReuseAddress(true);
                socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
                return port;
            } catch (IOException inUse) {
                // taken by something else: try another
            }
        }
        throw new UncheckedIOException(new IOException("no free port between " + FIRST + " and " + LAST));
    }
}
