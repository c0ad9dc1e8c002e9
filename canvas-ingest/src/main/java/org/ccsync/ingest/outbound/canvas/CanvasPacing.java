package org.ccsync.ingest.outbound.canvas;

import io.quarkus.logging.Log;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import org.ccsync.ingest.platform.IngestConfig;
import org.ccsync.ingest.platform.IngestMetrics;

/**
 * Each district's share of Canvas: one request at a time per district's token, and a pause before a request when the
 * last answer's {@code X-Rate-Limit-Remaining}, less its {@code X-Request-Cost}, fell below the floor.
 */
// Canvas's leaky bucket is read from each answer's headers, not a fixed rate: no rate limiter library paces by that.
final class CanvasPacing {

    private final IngestConfig.Canvas config;
    private final IngestMetrics metrics;
    private final Map<String, RateBudget> budgets = new ConcurrentHashMap<>();
    // Canvas: "a client that makes no more than one simultaneous request is unlikely to be throttled"; the two
    // listeners and the schedulers share each district's token, so they take turns.
    private final Map<String, Semaphore> inFlight = new ConcurrentHashMap<>();

    CanvasPacing(IngestConfig.Canvas config, IngestMetrics metrics) {
        this.config = config;
        this.metrics = metrics;
    }

    /** What the last answer said about a district's rate-limit bucket. */
    private record RateBudget(double remaining, double lastCost) {
    }

    /** Waits for the district's turn, then for the bucket; {@link #release} ends the turn. */
    void acquire(String tenant) {
        Semaphore turn = inFlight.computeIfAbsent(tenant, t -> new Semaphore(1, true));
        try {
            turn.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CanvasUnavailableException("interrupted while waiting for the district's Canvas turn");
        }
        try {
            pace(tenant);
        } catch (RuntimeException e) {
            turn.release();
            throw e;
        }
    }

    void release(String tenant) {
        inFlight.get(tenant).release();
    }

    /** Remembers what the answer says about the bucket; returns the request's cost when Canvas sent one. */
    Double record(String tenant, Response response) {
        Double cost = number(response.getHeaderString("X-Request-Cost"));
        Double remaining = number(response.getHeaderString("X-Rate-Limit-Remaining"));
        if (remaining != null) {
            budgets.put(tenant, new RateBudget(remaining, cost == null ? 0 : cost));
        }
        return cost;
    }

    private void pace(String tenant) {
        RateBudget budget = budgets.get(tenant);
        if (budget == null) {
            return;
        }
        Duration wait = pacingDelay(budget.remaining(), budget.lastCost(), config.rateLimitFloor(),
                config.rateLimitDrainPerSecond(), config.backoffMax());
        if (!wait.isZero()) {
            Log.debugf("pacing Canvas calls of district %s for %d ms", tenant, wait.toMillis());
            sleep(wait);
            metrics.throttleWait(tenant, wait);
        }
    }

    /**
     * How long to wait before the next call: nothing while the bucket, less the last call's cost, stays above the
     * floor; otherwise the time the bucket needs to drain back to the floor, capped.
     */
    static Duration pacingDelay(double remaining, double lastCost, double floor, double drainPerSecond,
            Duration max) {
        double projected = remaining - Math.max(0, lastCost);
        if (projected >= floor || drainPerSecond <= 0) {
            return Duration.ZERO;
        }
        long millis = (long) Math.ceil((floor - projected) / drainPerSecond * 1000);
        return Duration.ofMillis(Math.min(millis, max.toMillis()));
    }

    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CanvasUnavailableException("interrupted while waiting for Canvas");
        }
    }

    private static Double number(String header) {
        if (header == null) {
            return null;
        }
        try {
            return Double.valueOf(header.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
