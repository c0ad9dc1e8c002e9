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

    /** Records the event id in the current transaction; false when it was processed before. */
    public boolean markProcessed(String eventId) {
        return entityManager
                .createNativeQuery("insert into processed_event (event_id) values (?1) on conflict do nothing")
                .setParameter(1, eventId)
                .executeUpdate() == 1;
    }
}
