package org.ccsync.support;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Forgets consumed event ids older than {@code ccsync.processed-event-retention}, hourly: a redelivery that old
 * cannot happen within Kafka's retention, and the version checks stop anything older from overwriting newer state.
 * Every service has the table {@code processed_event(event_id, processed_at)} from its own Flyway migrations.
 */
@ApplicationScoped
public class ProcessedEventRetention {

    private final EntityManager entityManager;
    private final Duration retention;

    public ProcessedEventRetention(EntityManager entityManager,
            @ConfigProperty(name = "ccsync.processed-event-retention", defaultValue = "P7D") Duration retention) {
        this.entityManager = entityManager;
        this.retention = retention;
    }

    /** Deletes the ids older than the retention. */
    @Scheduled(every = "1h", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    @Transactional
    public void forgetOld() {
        int deleted = entityManager.createNativeQuery("DELETE FROM processed_event WHERE processed_at < ?1")
                .setParameter(1, Instant.now().minus(retention))
                .executeUpdate();
        if (deleted > 0) {
            Log.infof("forgot %d processed event ids older than %s", deleted, retention);
        }
    }
}
