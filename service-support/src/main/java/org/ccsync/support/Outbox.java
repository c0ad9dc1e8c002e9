package org.ccsync.support;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import java.util.HashMap;
import java.util.Map;

/**
 * The transactional outbox: a record to publish is a row of {@code outbox_message}, written in the caller's
 * transaction beside the state change it announces, so both commit or neither does, and no transaction waits on
 * Kafka. Right after the commit {@link OutboxRelay} sends the rows in insertion order and deletes them once the broker
 * acknowledged; {@link OutboxRelay#sweep()} sends what a crash left behind. A record can thus arrive twice (a crash
 * between ack and delete), never not at all: consumers drop the duplicate by its event id.
 */
@ApplicationScoped
public class Outbox {

    private static final String WAKE_AFTER_COMMIT = Outbox.class.getName() + ".wake";

    private final EntityManager entityManager;
    private final ObjectMapper json;
    private final OutboxRelay relay;
    private final TransactionSynchronizationRegistry transactions;

    public Outbox(EntityManager entityManager, ObjectMapper json, OutboxRelay relay,
            TransactionSynchronizationRegistry transactions) {
        this.entityManager = entityManager;
        this.json = json;
        this.relay = relay;
        this.transactions = transactions;
    }

    /**
     * Adds a record for {@code topic} under {@code key}, in the caller's transaction (or its own when there is none).
     * The payload is written as the JSON the Kafka serializers Quarkus generates write; the current trace's
     * {@code traceparent} goes along as a record header.
     */
    @Transactional
    public void add(String topic, String key, Object payload) {
        String body;
        try {
            body = json.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write " + payload.getClass().getSimpleName() + " as JSON", e);
        }
        Map<String, String> trace = new HashMap<>();
        W3CTraceContextPropagator.getInstance().inject(Context.current(), trace, Map::put);
        entityManager.createNativeQuery("INSERT INTO outbox_message (topic, message_key, payload, traceparent)"
                        + " VALUES (?1, ?2, ?3, ?4)")
                .setParameter(1, topic)
                .setParameter(2, key)
                .setParameter(3, body)
                .setParameter(4, trace.get("traceparent"))
                .executeUpdate();
        wakeRelayAfterCommit();
    }

    private void wakeRelayAfterCommit() {
        if (transactions.getResource(WAKE_AFTER_COMMIT) != null) {
            return;
        }
        transactions.putResource(WAKE_AFTER_COMMIT, Boolean.TRUE);
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
                // Nothing to do before: the rows commit with the caller's work.
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    relay.wake();
                }
            }
        });
    }
}
