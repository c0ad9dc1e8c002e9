package org.ccsync.support;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * Remembers consumed event ids so that a redelivered event changes nothing; {@link ProcessedEventRetention} forgets
 * the old ones. Each call joins the caller's transaction, or runs in its own when there is none.
 */
@ApplicationScoped
public class ProcessedEvents {

    private final EntityManager entityManager;

    public ProcessedEvents(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /** Whether the event id was recorded before, read in the current transaction. */
    @Transactional
    public boolean isProcessed(String eventId) {
        return entityManager.createNativeQuery("select count(*) from processed_event where event_id = ?1")
                .setParameter(1, eventId)
                .getSingleResult() instanceof Number count && count.longValue() > 0;
    }

    /** Records the event id in the current transaction; false when it was processed before. */
    @Transactional
    public boolean markProcessed(String eventId) {
        return entityManager
                .createNativeQuery("insert into processed_event (event_id, processed_at) values (?1, now())"
                        + " on conflict do nothing")
                .setParameter(1, eventId)
                .executeUpdate() == 1;
    }
}
