package org.ccsync.writer.lane;

import io.quarkus.logging.Log;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import io.smallrye.reactive.messaging.kafka.KafkaConsumer;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.TopicPartition;
import org.ccsync.contracts.CampusWrite;
import org.ccsync.contracts.Topics;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.ccsync.writer.domain.CampusWriter;
import org.ccsync.writer.domain.WritePlan;
import org.ccsync.writer.domain.DistrictHealth;
import org.ccsync.writer.outbound.ic.LoadWindow;
import org.ccsync.writer.platform.WriterConfig;
import org.ccsync.writer.platform.WriterMetrics;

/**
 * The district lanes of this replica: one per tenant, created on its first write, sharing a worker pool (a thread
 * per running write, so a district waiting on IC blocks only its own writes) and pausing a Kafka partition while a
 * lane on it has too much queued.
 */
@ApplicationScoped
public class LaneRegistry implements DistrictLane.Backpressure {

    private final Map<String, Instant> lastArrivals = new java.util.concurrent.ConcurrentHashMap<>();

    private final WriterConfig config;
    private final Clock clock;
    private final DistrictHealth health;
    private final CampusWriter writer;
    private final WriterMetrics metrics;
    private final KafkaClientService kafka;
    private final String jdbcUrl;
    private final Optional<String> user;
    private final Optional<String> password;
    private final DistrictLane.Settings settings;
    private final Map<String, DistrictLane<WritePlan>> lanes = new ConcurrentHashMap<>();
    private final Map<TopicPartition, Set<String>> pausedBy = new ConcurrentHashMap<>();
    // Own pools, not ManagedExecutor: a thread per write blocked on IC, no propagated context, shut down with the lanes.
    private final ExecutorService workers = Executors.newCachedThreadPool(threads("lane-worker"));
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(threads("lane-timer"));
    private volatile boolean closing;

    public LaneRegistry(WriterConfig config, Clock clock, DistrictHealth health, CampusWriter writer,
            WriterMetrics metrics, KafkaClientService kafka,
            @ConfigProperty(name = "quarkus.datasource.jdbc.url") String jdbcUrl,
            @ConfigProperty(name = "quarkus.datasource.username") Optional<String> user,
            @ConfigProperty(name = "quarkus.datasource.password") Optional<String> password) {
        this.config = config;
        this.clock = clock;
        this.health = health;
        this.writer = writer;
        this.metrics = metrics;
        this.kafka = kafka;
        this.jdbcUrl = jdbcUrl;
        this.user = user;
        this.password = password;
        WriterConfig.Lanes lanesConfig = config.lanes();
        this.settings = new DistrictLane.Settings(lanesConfig.queueHighWater(), lanesConfig.lockRetryInitial(),
                lanesConfig.lockRetryMax(), lanesConfig.lockLinger(), lanesConfig.lockCheckInterval());
    }

    /** Queues a command on its district's lane; false while shutting down (the record is read again later). */
    public boolean submit(CampusWrite command, Message<?> message) {
        if (command.courseId() != null) {
            lastArrivals.put(command.tenant() + "/" + command.courseId(), Instant.now());
        }
        return !closing && lane(command.tenant()).submit(command, message);
    }

    /** When a write of a course last arrived in this replica, if one did. */
    public Optional<Instant> lastArrival(String tenant, String courseId) {
        return Optional.ofNullable(lastArrivals.get(tenant + "/" + courseId));
    }

    /** The district's lane, created with its gauges on first use. */
    public DistrictLane<WritePlan> lane(String tenant) {
        return lanes.computeIfAbsent(tenant, this::create);
    }

    /** Forgets queued writes of partitions this replica lost in a rebalance. */
    public void revoked(Collection<TopicPartition> partitions) {
        int dropped = lanes.values().stream().mapToInt(lane -> lane.revoke(partitions)).sum();
        partitions.forEach(pausedBy::remove);
        if (dropped > 0) {
            Log.infof("dropped %d queued writes of revoked partitions %s; their new owner reads them again", dropped,
                    partitions);
        }
    }

    @Override
    public void congested(DistrictLane<?> lane, TopicPartition partition) {
        boolean first = pausedBy.computeIfAbsent(partition, p -> ConcurrentHashMap.newKeySet()).add(lane.tenant());
        if (first) {
            Log.infof("pausing %s: district %s has %d writes queued", partition, lane.tenant(), lane.queued());
        }
        onPollingThread(partition, true);
    }

    @Override
    public void relieved(DistrictLane<?> lane, TopicPartition partition) {
        Set<String> left = pausedBy.computeIfPresent(partition, (p, tenants) -> {
            tenants.remove(lane.tenant());
            return tenants.isEmpty() ? null : tenants;
        });
        if (left == null) {
            Log.infof("resuming %s: district %s caught up", partition, lane.tenant());
            onPollingThread(partition, false);
        }
    }

    private void onPollingThread(TopicPartition partition, boolean pause) {
        KafkaConsumer<Object, Object> consumer = kafka.getConsumer(Topics.CAMPUS_WRITES);
        if (consumer == null) {
            return;
        }
        consumer.runOnPollingThread(c -> {
            if (c.assignment().contains(partition)) {
                if (pause) {
                    c.pause(List.of(partition));
                } else {
                    c.resume(List.of(partition));
                }
            }
        }).subscribe().with(done -> { }, e -> Log.warnf("could not %s %s: %s", pause ? "pause" : "resume",
                partition, e.getMessage()));
    }

    private DistrictLane<WritePlan> create(String tenant) {
        WriterConfig.District district = config.districts().get(tenant);
        LoadWindow window = district == null ? LoadWindow.serial(clock) : LoadWindow.of(district, clock);
        int batchMax = district != null && district.batchResults() ? district.batchMaxResults() : 1;
        DistrictLane<WritePlan> lane = new DistrictLane<>(tenant, window::limit, health.circuit(tenant),
                new AdvisoryLockSession(tenant, this::connect), writer, this, wait -> metrics.laneWait(tenant, wait),
                workers, timers, settings, batchMax);
        metrics.gauge(WriterMetrics.LANE_IN_FLIGHT, tenant, lane, DistrictLane::inFlight);
        metrics.gauge(WriterMetrics.LANE_CAPACITY, tenant, lane, DistrictLane::capacity);
        return lane;
    }

    /** A connection outside the pool, for one district's advisory lock. */
    private Connection connect() throws SQLException {
        Properties properties = new Properties();
        user.ifPresent(u -> properties.setProperty("user", u));
        password.ifPresent(p -> properties.setProperty("password", p));
        properties.setProperty("ApplicationName", "campus-writer lane lock");
        Connection connection = new org.postgresql.Driver().connect(jdbcUrl, properties);
        if (connection == null) {
            throw new SQLException("not a PostgreSQL JDBC URL: the lane locks need PostgreSQL");
        }
        return connection;
    }

    @PreDestroy
    void shutdown() {
        closing = true;
        lanes.values().forEach(DistrictLane::close);
        timers.shutdownNow();
        workers.shutdown();
        try {
            if (!workers.awaitTermination(5, TimeUnit.SECONDS)) {
                Log.warn("lane workers still running at shutdown; their records are read again after restart");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static ThreadFactory threads(String name) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
