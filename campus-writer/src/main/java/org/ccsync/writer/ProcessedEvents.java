package org.ccsync.writer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

/** Remembers consumed event ids so that a redelivered event changes nothing. */
@ApplicationScoped
public class ProcessedEvents {

    private final EntityManager entityManager;

    public ProcessedEvents(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /** Whether the event id was recorded before, read in the current transaction. */
    public boolean isProcessed(String eventId) {
        return entityManager.createNativeQuery("select count(*) from processed_event where event_id = ?1")
                .setParameter(1, eventId)
                .getSingleResult() instanceof Number count && count.longValue() > 0;
    }

    /** Records the event id in the current transaction; false when it was processed before. */
    public boolean markProcessed(String eventId) {
        return entityManager
                .createNativeQuery("insert into processed_event (event_id) values (?1) on conflict do nothing")
                .setParameter(1, eventId)
                .executeUpdate() == 1;
    }
}
