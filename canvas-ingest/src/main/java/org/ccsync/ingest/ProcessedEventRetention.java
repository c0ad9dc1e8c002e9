package org.ccsync.ingest;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;

/**
 * Forgets consumed event ids older than {@code ccsync.processed-event-retention}, hourly: a redelivery that old
 * cannot happen within Kafka's retention, and the version checks stop anything older from overwriting newer state.
 */
@ApplicationScoped
public class ProcessedEventRetention {

    private final EntityManager entityManager;
    private final IngestConfig config;

    public ProcessedEventRetention(EntityManager entityManager, IngestConfig config) {
        this.entityManager = entityManager;
        this.config = config;
    }

    /** Deletes the ids older than the retention. */
    @Scheduled(every = "1h", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    @Transactional
    public void forgetOld() {
        int deleted = entityManager.createNativeQuery("DELETE FROM processed_event WHERE processed_at < ?1")
                .setParameter(1, Instant.now().minus(config.processedEventRetention()))
                .executeUpdate();
        if (deleted > 0) {
            Log.infof("forgot %d processed event ids older than %s", deleted, config.processedEventRetention());
        }
    }
}
