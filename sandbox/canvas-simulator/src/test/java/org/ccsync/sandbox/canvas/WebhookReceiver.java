package org.ccsync.sandbox.canvas;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;

/** A webhook endpoint for tests that records every POST and answers scripted statuses, then 200. */
final class WebhookReceiver implements AutoCloseable {

    /** One received POST. */
    record Received(String contentType, String body) {
    }

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Queue<Integer> scriptedStatuses = new ConcurrentLinkedQueue<>();
    private volatile String responseBody;

    private WebhookReceiver(HttpServer server) {
        this.server = server;
    }

    static WebhookReceiver start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        WebhookReceiver receiver = new WebhookReceiver(server);
        server.createContext("/events", exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                receiver.received.add(new Received(exchange.getRequestHeaders().getFirst("Content-Type"),
                        new String(in.readAllBytes(), StandardCharsets.UTF_8)));
            }
            Integer status = receiver.scriptedStatuses.poll();
            String body = receiver.responseBody;
            if (body == null) {
                exchange.sendResponseHeaders(status == null ? 200 : status, -1);
            } else {
                byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(status == null ? 200 : status, bytes.length);
                exchange.getResponseBody().write(bytes);
            }
            exchange.close();
        });
        server.start();
        return receiver;
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/events";
    }

    /** The next {@code times} POSTs are answered with {@code status}. */
    void answerNext(int status, int times) {
        for (int i = 0; i < times; i++) {
            scriptedStatuses.add(status);
        }
    }

    /** Every later answer carries this body (null: none). */
    void answerWithBody(String body) {
        responseBody = body;
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    void clear() {
        received.clear();
        scriptedStatuses.clear();
        responseBody = null;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
