package org.ccsync.sandbox.campus;

import io.vertx.core.Handler;
import io.vertx.ext.web.RequestBody;
import io.vertx.ext.web.RoutingContext;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;

/** Logs every request on the IC endpoints and counts gradebook traffic, just before the answer goes out. */
final class RequestRecorder implements Handler<RoutingContext> {

    private final RequestJournal journal;
    private final TrafficStats stats;

    RequestRecorder(RequestJournal journal, TrafficStats stats) {
        this.journal = journal;
        this.stats = stats;
    }

    @Override
    public void handle(RoutingContext ctx) {
        Instant start = Instant.now();
        long startNanos = System.nanoTime();
        String method = ctx.request().method().name();
        String path = ctx.request().path();
        String traceparent = ctx.request().getHeader("traceparent");
        boolean gradebook = CampusPaths.isGradebook(path);
        if (gradebook) {
            stats.countArrival();
        }
        AtomicBoolean recorded = new AtomicBoolean();
        Handler<Integer> record = status -> {
            if (!recorded.compareAndSet(false, true)) {
                return;
            }
            Duration duration = Duration.ofNanos(System.nanoTime() - startNanos);
            journal.add(new RequestLogEntry(method, path, status, start, start.plus(duration), duration, body(ctx),
                    traceparent));
            if (gradebook) {
                stats.countCompletion(status);
            }
        };
        ctx.addHeadersEndHandler(v -> record.handle(ctx.response().getStatusCode()));
        ctx.addEndHandler(ar -> record.handle(ar.succeeded() ? ctx.response().getStatusCode() : 0));
        ctx.next();
    }

    private static String body(RoutingContext ctx) {
        RequestBody body = ctx.body();
        return body == null || !body.available() || body.isEmpty() ? null : body.asString();
    }
}
