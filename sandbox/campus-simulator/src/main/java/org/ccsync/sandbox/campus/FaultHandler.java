package org.ccsync.sandbox.campus;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;

/** Applies the fault plan to an admitted gradebook request: pass, fail with a status, or hold without answering. */
final class FaultHandler implements Handler<RoutingContext> {

    private final Vertx vertx;
    private final FaultPlan plan;
    private final CampusSettings settings;

    FaultHandler(Vertx vertx, FaultPlan plan, CampusSettings settings) {
        this.vertx = vertx;
        this.plan = plan;
        this.settings = settings;
    }

    @Override
    public void handle(RoutingContext ctx) {
        Fault fault = plan.next();
        switch (fault.kind()) {
            case NONE -> ctx.next();
            case FAIL -> fail(ctx, fault.status());
            case TIMEOUT -> hold(ctx);
            default -> throw new IllegalStateException("unknown fault " + fault);
        }
    }

    private void fail(RoutingContext ctx, int status) {
        String codeMinor = ImsxException.codeMinorFor(status);
        if (status == 429 || status == 503) {
            RetryAfter.apply(ctx, settings);
        }
        String description = ImsxException.SERVER_BUSY.equals(codeMinor)
                ? "server busy, retry later (injected " + status + ")"
                : "internal server error (injected " + status + ")";
        HttpReplies.imsx(ctx, status, codeMinor, description);
    }

    /** Never answers; the connection is closed when the client gives up or after the hold time. */
    private void hold(RoutingContext ctx) {
        long timer = vertx.setTimer(settings.timeoutHoldMillis(), id -> ctx.request().connection().close());
        ctx.addEndHandler(ar -> vertx.cancelTimer(timer));
    }
}
