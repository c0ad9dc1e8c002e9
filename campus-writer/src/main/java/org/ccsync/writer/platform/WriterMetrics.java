package org.ccsync.writer.platform;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.function.ToDoubleFunction;
import org.ccsync.contracts.CampusWrite;
import org.ccsync.contracts.UpsertResult;
import org.ccsync.support.PipelineStages;
import org.ccsync.writer.domain.CourseVerifier;

/** The meters of campus-writer, named as in the project's metric list; every one is tagged with the tenant. */
@ApplicationScoped
public class WriterMetrics {

    static final String IC_REQUESTS = "ccsync.ic.requests";
    static final String LANE_WAIT = "ccsync.lane.wait";
    public static final String LANE_IN_FLIGHT = "ccsync.lane.in.flight";
    public static final String LANE_CAPACITY = "ccsync.lane.capacity";
    public static final String CIRCUIT_OPEN = "ccsync.ic.circuit.open";
    public static final String CREDENTIALS_EXPIRY = "ccsync.ic.credentials.expiry";
    static final String SYNC_LATENCY = "ccsync.sync.latency";

    private final MeterRegistry registry;

    public WriterMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /**
     * Counts one answer (or missing answer) from IC.
     *
     * @param operation token, put_line_item, delete_line_item, put_result, categories or roster
     * @param status the HTTP status, or {@code timeout} / {@code io_error} when no answer came
     */
    public void icRequest(String tenant, String operation, String status) {
        registry.counter(IC_REQUESTS, "tenant", tenant, "operation", operation, "status", status).increment();
    }

    /** How long a write waited in its district's lane before it was dispatched. */
    public void laneWait(String tenant, Duration wait) {
        Timer.builder(LANE_WAIT).tag("tenant", tenant).register(registry).record(wait);
    }

    /**
     * End-to-end latency of a write IC acknowledged, from Canvas's graded_at (or the change's event time).
     *
     * @param kind line_item or result
     */
    public void syncLatency(String tenant, String kind, Instant since) {
        if (since == null) {
            return;
        }
        Duration latency = Duration.between(since, Instant.now());
        if (latency.isNegative()) {
            return;
        }
        Timer.builder(SYNC_LATENCY).tag("tenant", tenant).tag("kind", kind)
                .publishPercentileHistogram()
                // A grade may wait hours behind a closed circuit; the default histogram would stop at 30 s.
                .minimumExpectedValue(Duration.ofMillis(50))
                .maximumExpectedValue(Duration.ofDays(2))
                .register(registry).record(latency);
    }

    /** A result write reached a stage of the pipeline now; its grade changed in Canvas at its graded_at. */
    public void stage(String stage, CampusWrite command) {
        if (command instanceof UpsertResult result) {
            PipelineStages.record(registry, stage, result.gradedAt());
        }
    }

    /** Registers a per-district gauge; the registry holds the object weakly, so callers keep it alive. */
    public <T> void gauge(String name, String tenant, T object, ToDoubleFunction<T> value) {
        Gauge.builder(name, object, value).tag("tenant", tenant).strongReference(true).register(registry);
    }

    /** One difference a verification found, by kind and what was done (repaired, kept, reported). */
    public void drift(String tenant, String difference, String action) {
        registry.counter("ccsync.drift.found", "tenant", tenant, "difference", difference).increment();
        if (CourseVerifier.REPAIRED.equals(action)) {
            registry.counter("ccsync.drift.repaired", "tenant", tenant, "difference", difference).increment();
        }
    }

    /** One write held for a district admin's decision. */
    public void held(String tenant, String reason) {
        registry.counter("ccsync.drift.held", "tenant", tenant, "reason", reason).increment();
    }
}
