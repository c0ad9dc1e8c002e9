package org.ccsync.eligibility.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.ccsync.support.ProcessedEvents;

/**
 * The ledger of events already published (so that the re-evaluation a roster poll triggers publishes only what is
 * new); consumed events are service-support's {@link ProcessedEvents}.
 */
@ApplicationScoped
public class EventLedgerRepository {

    private static final int CHUNK = 500;

    private final EntityManager em;

    public EventLedgerRepository(EntityManager em) {
        this.em = em;
    }

    /** The ids among {@code eventIds} that were published before. */
    @SuppressWarnings("unchecked")
    public Set<String> alreadyEmitted(Collection<String> eventIds) {
        Set<String> found = new HashSet<>();
        List<String> ids = new ArrayList<>(eventIds);
        for (int from = 0; from < ids.size(); from += CHUNK) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + CHUNK));
            found.addAll(em.createNativeQuery("SELECT event_id FROM emitted_event WHERE event_id IN (:ids)")
                    .setParameter("ids", chunk)
                    .getResultList());
        }
        return found;
    }

    /** Records a published event; false when it was recorded before. */
    public boolean markEmitted(String eventId, String tenant, String courseId, String assignmentId) {
        return em.createNativeQuery("INSERT INTO emitted_event (event_id, tenant, course_id, assignment_id, emitted_at)"
                + " VALUES (?1, ?2, ?3, ?4, now()) ON CONFLICT DO NOTHING")
                .setParameter(1, eventId)
                .setParameter(2, tenant)
                .setParameter(3, courseId)
                .setParameter(4, assignmentId)
                .executeUpdate() == 1;
    }
}
