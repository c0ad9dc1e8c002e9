package org.ccsync.status;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;

/**
 * Remembers consumed event ids so that a redelivered event changes nothing; ids older than the retention are
 * forgotten, since the version checks already stop anything that old from overwriting newer state.
 */
@ApplicationScoped
public class ProcessedEvents {

    private final EntityManager entityManager;
    private final StatusConfig config;

    public ProcessedEvents(EntityManager entityManager, StatusConfig config) {
        this.entityManager = entityManager;
        this.config = config;
    }

    /** Records the event id in the current transaction; false when it was processed before. */
    public boolean markProcessed(String eventId) {
        return entityManager
                .createNativeQuery("INSERT INTO processed_event (event_id) VALUES (?1) ON CONFLICT DO NOTHING")
                .setParameter(1, eventId)
                .executeUpdate() == 1;
    }

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
