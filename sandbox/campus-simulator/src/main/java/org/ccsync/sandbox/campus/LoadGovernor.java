package org.ccsync.sandbox.campus;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;

import java.util.concurrent.atomic.AtomicBoolean;

/** Admits gradebook requests up to the concurrency cap (429 server_busy beyond it) and adds the configured latency. */
final class LoadGovernor implements Handler<RoutingContext> {

    private final Vertx vertx;
    private final CampusSettings settings;
    private final TrafficStats stats;

    LoadGovernor(Vertx vertx, CampusSettings settings, TrafficStats stats) {
        this.vertx = vertx;
        this.settings = settings;
        this.stats = stats;
    }

    @Override
    public void handle(RoutingContext ctx) {
        int max = settings.maxConcurrent();
        if (!stats.tryAdmit(max)) {
            stats.countRejectedBusy();
            RetryAfter.apply(ctx, settings);
            HttpReplies.imsx(ctx, 429, ImsxException.SERVER_BUSY,
                    "server busy: at most " + max + " concurrent requests are allowed, retry later");
            return;
        }
        AtomicBoolean released = new AtomicBoolean();
        Runnable release = () -> {
            if (released.compareAndSet(false, true)) {
                stats.release();
            }
        };
        ctx.addHeadersEndHandler(v -> release.run());
        ctx.addEndHandler(ar -> release.run());
        long latency = settings.latencyMillis();
        if (latency <= 0) {
            ctx.next();
            return;
        }
        vertx.setTimer(latency, id -> {
            if (!ctx.response().closed() && !ctx.response().ended()) {
                ctx.next();
            }
        });
    }
}
