package org.ccsync.status.platform;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.ccsync.status.domain.CourseStatusView;
import org.ccsync.status.persistence.StatusQueries;

/**
 * The backlog gauges per district: {@code ccsync.backlog.pending} (items waiting for IC) and
 * {@code ccsync.backlog.oldest.age} (seconds the oldest has waited), refreshed from the views periodically.
 */
@ApplicationScoped
public class BacklogMetrics {

    private final MeterRegistry registry;
    private final StatusQueries queries;
    private final Map<String, AtomicLong> pending = new ConcurrentHashMap<>();
    private final Map<String, AtomicReference<Instant>> oldest = new ConcurrentHashMap<>();

    public BacklogMetrics(MeterRegistry registry, StatusQueries queries) {
        this.registry = registry;
        this.queries = queries;
    }

    @Scheduled(every = "${ccsync.metrics.backlog-interval:30s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    public void refresh() {
        Map<String, CourseStatusView.Backlog> backlog = queries.backlogByDistrict();
        backlog.forEach((tenant, b) -> {
            gauges(tenant);
            pending.get(tenant).set(b.pending());
            oldest.get(tenant).set(b.oldestPendingSince());
        });
        pending.keySet().stream().filter(t -> !backlog.containsKey(t)).forEach(t -> {
            pending.get(t).set(0);
            oldest.get(t).set(null);
        });
    }

    private void gauges(String tenant) {
        pending.computeIfAbsent(tenant, t -> {
            AtomicLong value = new AtomicLong();
            Gauge.builder("ccsync.backlog.pending", value, AtomicLong::get)
                    .description("Items waiting to be written to Infinite Campus")
                    .tag("tenant", t).register(registry);
            return value;
        });
        oldest.computeIfAbsent(tenant, t -> {
            AtomicReference<Instant> value = new AtomicReference<>();
            Gauge.builder("ccsync.backlog.oldest.age", value, BacklogMetrics::ageSeconds)
                    .description("Seconds the oldest item waiting for Infinite Campus has waited")
                    .baseUnit("seconds")
                    .tag("tenant", t).register(registry);
            return value;
        });
    }

    private static double ageSeconds(AtomicReference<Instant> since) {
        Instant value = since.get();
        return value == null ? 0 : Math.max(0, Duration.between(value, Instant.now()).toMillis() / 1000.0);
    }
}
