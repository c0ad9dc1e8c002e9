package org.ccsync.support;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;

/**
 * The outbox as an operator sees it: {@code ccsync_outbox_rows{state="pending"}} waiting for the relay,
 * {@code ccsync_outbox_rows{state="parked"}} the broker could never take, and {@code ccsync_outbox_oldest_age_seconds}
 * of the oldest pending row (a relay that stalls shows here first). Read from the table at each sweep; a service
 * without an outbox table exports none of them.
 */
@ApplicationScoped
public class OutboxMetrics {

    private final AtomicLong pending = new AtomicLong();
    private final AtomicLong parked = new AtomicLong();
    private final AtomicLong oldestAgeSeconds = new AtomicLong();
    private final AtomicBoolean registered = new AtomicBoolean();
    private final MeterRegistry registry;

    public OutboxMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    private void register() {
        if (!registered.compareAndSet(false, true)) {
            return;
        }
        Gauge.builder("ccsync_outbox_rows", pending, AtomicLong::get).tag("state", "pending")
                .description("Outbox rows waiting to be relayed to Kafka").register(registry);
        Gauge.builder("ccsync_outbox_rows", parked, AtomicLong::get).tag("state", "parked")
                .description("Outbox rows the broker could never take, parked for an operator").register(registry);
        Gauge.builder("ccsync_outbox_oldest_age_seconds", oldestAgeSeconds, AtomicLong::get)
                .description("Age of the oldest outbox row waiting to be relayed").register(registry);
    }

    /** A row was parked just now. */
    void parked() {
        parked.incrementAndGet();
    }

    /** Reads the counts again (the relay calls it once it saw the table); a database away leaves the last values. */
    void refresh(DataSource dataSource) {
        register();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement counts = connection.prepareStatement("SELECT "
                        + "count(*) FILTER (WHERE parked_at IS NULL), count(*) FILTER (WHERE parked_at IS NOT NULL), "
                        + "coalesce(extract(epoch FROM now() - min(created_at) FILTER (WHERE parked_at IS NULL))"
                        + "::bigint, 0) FROM outbox_message");
                ResultSet result = counts.executeQuery()) {
            result.next();
            pending.set(result.getLong(1));
            parked.set(result.getLong(2));
            oldestAgeSeconds.set(result.getLong(3));
        } catch (SQLException e) {
            // The relay's own warning says the database is away; the gauges keep their last values meanwhile.
            Log.debugf("outbox metrics not refreshed: %s", e.getMessage());
        }
    }
}
