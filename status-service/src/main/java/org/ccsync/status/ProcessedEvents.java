package org.ccsync.status;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

/**
 * Remembers consumed event ids so that a redelivered event changes nothing; {@link ProcessedEventRetention} forgets
 * the old ones.
 */
@ApplicationScoped
public class ProcessedEvents {

    private final EntityManager entityManager;

    public ProcessedEvents(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /** Records the event id in the current transaction; false when it was processed before. */
    public boolean markProcessed(String eventId) {
        return entityManager
                .createNativeQuery("INSERT INTO processed_event (event_id) VALUES (?1) ON CONFLICT DO NOTHING")
                .setParameter(1, eventId)
                .executeUpdate() == 1;
    }
}
