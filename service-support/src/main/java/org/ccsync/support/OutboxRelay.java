package org.ccsync.support;

import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.common.annotation.Identifier;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.context.ManagedExecutor;
import org.eclipse.microprofile.context.ThreadContext;

/**
 * Sends the rows of {@link Outbox} to Kafka, oldest first, and deletes each only once the broker acknowledged it (and
 * every row before it). It runs right after a commit that added rows, at start and from the sweeper, on one thread
 * that carries no caller's transaction; across replicas a PostgreSQL session advisory lock lets one relay at a time,
 * so the rows of one key leave in the order they were written. While the broker or the database is away it keeps the
 * rows and tries again with growing pauses: nothing is lost and nothing goes to a dead-letter topic. A row the broker
 * can never take (too large, an invalid topic) is parked in its table with the reason instead of blocking the rows
 * behind it: {@link OutboxMetrics} counts it and an alert asks an operator to look. In a service whose database has
 * no {@code outbox_message} table (canvas-ingest, campus-writer) it does nothing.
 */
@ApplicationScoped
public class OutboxRelay {

    /** The advisory lock key of the relay (one outbox per service database). */
    private static final long RELAY_LOCK = 0x6f7574626f78L;

    private final DataSource dataSource;
    private final Map<String, Object> kafkaConfig;
    private final int batchSize;
    private final OutboxMetrics metrics;
    private final ManagedExecutor worker = ManagedExecutor.builder()
            .maxAsync(1)
            .propagated(ThreadContext.NONE)
            .cleared(ThreadContext.ALL_REMAINING)
            .build();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private volatile boolean again;
    private volatile boolean stopped;
    private volatile boolean outboxSeen;
    private Producer<String, String> producer;

    public OutboxRelay(DataSource dataSource, @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig,
            @ConfigProperty(name = "ccsync.outbox.batch-size", defaultValue = "500") int batchSize,
            OutboxMetrics metrics) {
        this.dataSource = dataSource;
        this.kafkaConfig = kafkaConfig;
        this.batchSize = batchSize;
        this.metrics = metrics;
    }

    void onStart(@Observes StartupEvent start) {
        wake();
    }

    /** Sends what a crash (or a relay that another replica held) left behind; the job runs every few seconds. */
    @Scheduled(every = "${ccsync.outbox.sweep-interval:5s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    public void sweep() {
        wake();
        if (outboxSeen) {
            metrics.refresh(dataSource);
        }
    }

    /** Asks the relay to send every row there is now; returns at once. */
    public void wake() {
        again = true;
        if (!stopped && scheduled.compareAndSet(false, true)) {
            worker.execute(this::drain);
        }
    }

    @PreDestroy
    void stop() {
        stopped = true;
        worker.shutdownNow();
        synchronized (this) {
            closeProducer(Duration.ofSeconds(5));
        }
    }

    private void drain() {
        try {
            int failures = 0;
            while (again && !stopped) {
                again = false;
                try {
                    relayAll();
                    failures = 0;
                } catch (SQLException | RuntimeException e) {
                    again = true;
                    Duration pause = TransientFailures.pauseBefore(failures++);
                    Log.warnf("outbox relay: %s; the rows stay and are sent again in %d ms", Throwables.rootMessage(e),
                            pause.toMillis());
                    if (!pause(pause)) {
                        return;
                    }
                }
            }
        } finally {
            scheduled.set(false);
            if (again && !stopped) {
                wake();
            }
        }
    }

    private void relayAll() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(true);
            if (!hasOutbox(connection)) {
                return; // a service that publishes no other way than Kafka directly has no outbox table: nothing to do
            }
            if (!advisoryLock(connection, "SELECT pg_try_advisory_lock(?)")) {
                return; // another replica relays now; it reads until the outbox is empty, and the sweeper follows up
            }
            try {
                List<Row> rows;
                while (!stopped && !(rows = oldest(connection)).isEmpty()) {
                    sendInOrder(connection, rows);
                }
            } finally {
                advisoryLock(connection, "SELECT pg_advisory_unlock(?)");
            }
        }
    }

    /**
     * Sends the rows, then deletes those acknowledged without a gap and parks those the broker can never take; any
     * other failure leaves the rest for the next try.
     */
    private synchronized void sendInOrder(Connection connection, List<Row> rows) throws SQLException {
        Producer<String, String> kafka = producer();
        List<Future<RecordMetadata>> acks = new ArrayList<>(rows.size());
        for (Row row : rows) {
            ProducerRecord<String, String> record = new ProducerRecord<>(row.topic(), row.key(), row.payload());
            if (row.traceparent() != null) {
                record.headers().add("traceparent", row.traceparent().getBytes(StandardCharsets.UTF_8));
            }
            acks.add(kafka.send(record));
        }
        List<Row> done = new ArrayList<>(rows.size());
        RuntimeException failure = null;
        for (int i = 0; i < acks.size() && failure == null; i++) {
            Row row = rows.get(i);
            try {
                acks.get(i).get();
                done.add(row);
            } catch (ExecutionException e) {
                if (neverAccepted(e.getCause())) {
                    park(connection, row, e.getCause());
                } else {
                    failure = new IllegalStateException("the broker did not acknowledge " + row.topic(), e.getCause());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failure = new IllegalStateException("interrupted while waiting for the broker", e);
            }
        }
        delete(connection, done);
        if (failure != null) {
            // A producer that lost records is not reused: the next try starts a fresh one, from the first lost row.
            closeProducer(Duration.ZERO);
            throw failure;
        }
    }

    /** A failure of the record itself, which no retry and no other producer would change. */
    private static boolean neverAccepted(Throwable failure) {
        return failure instanceof RecordTooLargeException || failure instanceof RecordBatchTooLargeException
                || failure instanceof InvalidRecordException || failure instanceof InvalidTopicException;
    }

    /** Takes the row out of the relay's way, kept in the table with why, for an operator. */
    private void park(Connection connection, Row row, Throwable reason) throws SQLException {
        String why = Throwables.rootMessage(reason);
        Log.errorf("outbox relay: the broker cannot take row %d for %s (key %s): %s; parked in outbox_message, "
                + "the rows after it go on", row.id(), row.topic(), row.key(), why);
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE outbox_message SET parked_at = now(), parked_reason = ? WHERE id = ?")) {
            update.setString(1, why);
            update.setLong(2, row.id());
            update.executeUpdate();
        }
        metrics.parked();
    }

    private List<Row> oldest(Connection connection) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT id, topic, message_key, payload, traceparent FROM outbox_message WHERE parked_at IS NULL "
                        + "ORDER BY id LIMIT ?")) {
            select.setInt(1, batchSize);
            List<Row> rows = new ArrayList<>();
            try (ResultSet result = select.executeQuery()) {
                while (result.next()) {
                    rows.add(new Row(result.getLong(1), result.getString(2), result.getString(3),
                            result.getString(4), result.getString(5)));
                }
            }
            return rows;
        }
    }

    private static void delete(Connection connection, List<Row> rows) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        Array ids = connection.createArrayOf("bigint", rows.stream().map(Row::id).toArray());
        try (PreparedStatement delete = connection.prepareStatement(
                "DELETE FROM outbox_message WHERE id = ANY (?)")) {
            delete.setArray(1, ids);
            delete.executeUpdate();
        } finally {
            ids.free();
        }
    }

    private boolean hasOutbox(Connection connection) throws SQLException {
        if (!outboxSeen) {
            try (PreparedStatement statement = connection.prepareStatement(
                    "SELECT to_regclass('outbox_message') IS NOT NULL");
                    ResultSet result = statement.executeQuery()) {
                outboxSeen = result.next() && result.getBoolean(1);
            }
        }
        return outboxSeen;
    }

    private static boolean advisoryLock(Connection connection, String sql) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setLong(1, RELAY_LOCK);
            try (ResultSet result = statement.executeQuery()) {
                return result.next() && result.getBoolean(1);
            }
        }
    }

    private Producer<String, String> producer() {
        if (producer == null) {
            Map<String, Object> config = new HashMap<>(kafkaConfig);
            config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
            config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
            config.put(ProducerConfig.ACKS_CONFIG, "all");
            config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
            config.put(ProducerConfig.LINGER_MS_CONFIG, 1);
            config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
            config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
            config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
            config.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "outbox-relay");
            producer = new KafkaProducer<>(config);
        }
        return producer;
    }

    private void closeProducer(Duration timeout) {
        if (producer != null) {
            producer.close(timeout);
            producer = null;
        }
    }

    private boolean pause(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** One row of the outbox. */
    private record Row(long id, String topic, String key, String payload, String traceparent) {
    }
}
