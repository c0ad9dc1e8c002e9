package org.ccsync.writer.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.ccsync.contracts.UpsertResult;

/**
 * Results held back while their lineItem is refused (no category mapping, no grading period, IC's 4xx): each keeps
 * its newest command, and all are sent as soon as the lineItem is written, so fixing the cause brings the scores
 * along without any edit in Canvas.
 */
@ApplicationScoped
public class ParkedResults {

    private final EntityManager entityManager;
    private final CommandJson json;

    public ParkedResults(EntityManager entityManager, CommandJson json) {
        this.entityManager = entityManager;
        this.json = json;
    }

    /** Holds a result back; an already parked newer version of it stays. */
    @Transactional
    public void park(UpsertResult command) {
        entityManager.createNativeQuery("""
                insert into parked_result (result_sourced_id, line_item_sourced_id, tenant, source_version, command,
                                           parked_at)
                values (:id, :lineItem, :tenant, :version, :command, :at)
                on conflict (result_sourced_id) do update set
                    line_item_sourced_id = excluded.line_item_sourced_id, source_version = excluded.source_version,
                    command = excluded.command, parked_at = excluded.parked_at
                where parked_result.source_version <= excluded.source_version
                """)
                .setParameter("id", command.resultSourcedId())
                .setParameter("lineItem", command.lineItemSourcedId())
                .setParameter("tenant", command.tenant())
                .setParameter("version", command.sourceVersion())
                .setParameter("command", json.write(command))
                .setParameter("at", Instant.now())
                .executeUpdate();
    }

    /** The results waiting for a lineItem, oldest first; they stay parked until {@link #sent} says otherwise. */
    @Transactional
    public List<UpsertResult> waitingFor(String lineItemSourcedId) {
        @SuppressWarnings("unchecked")
        List<String> commands = entityManager.createNativeQuery("""
                select command from parked_result where line_item_sourced_id = :lineItem
                order by parked_at, result_sourced_id
                """).setParameter("lineItem", lineItemSourcedId).getResultList();
        List<UpsertResult> results = new ArrayList<>();
        for (String command : commands) {
            results.add((UpsertResult) json.read(command));
        }
        return results;
    }

    /** Forgets parked results once they are back on campus-writes; a newer one parked meanwhile stays. */
    @Transactional
    public void sent(List<UpsertResult> results) {
        for (UpsertResult result : results) {
            discard(result.resultSourcedId(), result.sourceVersion());
        }
    }

    /** Forgets a parked result of this version or older: a newer command (a cleared score) replaces it. */
    @Transactional
    public void discard(String resultSourcedId, long upToVersion) {
        entityManager.createNativeQuery(
                "delete from parked_result where result_sourced_id = :id and source_version <= :version")
                .setParameter("id", resultSourcedId)
                .setParameter("version", upToVersion)
                .executeUpdate();
    }

    /** Forgets every result parked under a deleted lineItem: a later re-sync of the assignment sends them anew. */
    @Transactional
    public void discardAllOf(String lineItemSourcedId) {
        entityManager.createNativeQuery("delete from parked_result where line_item_sourced_id = :lineItem")
                .setParameter("lineItem", lineItemSourcedId)
                .executeUpdate();
    }

}
