package org.ccsync.ingest.platform;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.ccsync.support.PipelineStages;

/** The service's meters, named as in the project's metric table: webhook events, Canvas REST use and watermarks. */
@ApplicationScoped
public class IngestMetrics {

    /** The tenant tag of a request for a district that is not configured, so a path cannot add tag values. */
    public static final String UNKNOWN_TENANT = "unknown";

    private final MeterRegistry registry;
    private final Map<String, AtomicInteger> tokenValid = new ConcurrentHashMap<>();
    // Gauges hold their state weakly: these maps keep it alive.
    private final Map<String, AtomicReference<Instant>> watermarks = new ConcurrentHashMap<>();

    public IngestMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** A Live Event received: result {@code accepted}, {@code ignored} or the refusal's error code. */
    public void webhookEvent(String tenant, String type, String result) {
        registry.counter("ccsync.webhook.events", "tenant", tenant, "type", type, "result", result).increment();
    }

    /** One Canvas REST answer; {@code status} is the HTTP status or {@code io_error}. */
    public void canvasRequest(String tenant, String endpoint, String status, Double cost) {
        registry.counter("ccsync.canvas.requests", "tenant", tenant, "endpoint", endpoint, "status", status)
                .increment();
        if (cost != null && cost > 0) {
            registry.counter("ccsync.canvas.request.cost", "tenant", tenant).increment(cost);
        }
    }

    /** A grade changed in Canvas at {@code originEpochMillis} reached a stage of the pipeline now. */
    public void stage(String stage, long originEpochMillis) {
        PipelineStages.record(registry, stage, originEpochMillis);
    }

    /** Time spent waiting because of Canvas's rate limit: pacing before a call, or backing off after a throttle. */
    public void throttleWait(String tenant, Duration wait) {
        registry.timer("ccsync.canvas.throttle.wait", "tenant", tenant).record(wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Whether Canvas accepted the district's token on the last call (1) or rejected it (0). */
    public void tokenValid(String tenant, boolean valid) {
        tokenValid.computeIfAbsent(tenant, t -> {
            AtomicInteger state = new AtomicInteger(1);
            Gauge.builder("ccsync.canvas.token.valid", state, AtomicInteger::get).tag("tenant", t)
                    .description("1 while Canvas accepts the district's token, 0 once it rejected it")
                    .register(registry);
            return state;
        }).set(valid ? 1 : 0);
    }

    /** The course's poll watermark; the gauge shows its age in seconds (how long since the last complete poll). */
    public void watermark(String tenant, String courseId, Instant watermark) {
        watermarks.computeIfAbsent(tenant + "/" + courseId, key -> {
            AtomicReference<Instant> state = new AtomicReference<>(watermark);
            Gauge.builder("ccsync.canvas.watermark.age", state, IngestMetrics::ageSeconds)
                    .tags("tenant", tenant, "course", courseId).baseUnit("seconds")
                    .description("seconds since the course's graded_since watermark")
                    .register(registry);
            return state;
        }).set(watermark);
    }

    private static double ageSeconds(AtomicReference<Instant> watermark) {
        Instant at = watermark.get();
        return at == null ? Double.NaN : Math.max(0, Duration.between(at, Instant.now()).toMillis() / 1000.0);
    }
}
