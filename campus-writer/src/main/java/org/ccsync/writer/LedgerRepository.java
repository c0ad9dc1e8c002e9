package org.ccsync.writer;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.Optional;
import org.ccsync.contracts.ItemKind;

/** Reads and records ledger rows in short transactions of their own, never around an IC call. */
@ApplicationScoped
public class LedgerRepository implements PanacheRepositoryBase<LedgerEntry, String> {

    /** The content hash a delete is recorded with. */
    public static final String DELETED_HASH = "deleted";

    @Transactional
    public Optional<LedgerEntry> find(String sourcedId) {
        Optional<LedgerEntry> entry = findByIdOptional(sourcedId);
        entry.ifPresent(getEntityManager()::detach);
        return entry;
    }

    /** Records a lineItem write; a row with a newer source version stays as it is. */
    @Transactional
    public void recordLineItem(String sourcedId, String tenant, String contentHash, long sourceVersion,
            boolean deleted) {
        record(sourcedId, tenant, ItemKind.LINE_ITEM, null, contentHash, sourceVersion, deleted);
    }

    /** Records a result write under its lineItem; a row with a newer source version stays as it is. */
    @Transactional
    public void recordResult(String sourcedId, String tenant, String lineItemSourcedId, String contentHash,
            long sourceVersion, boolean deleted) {
        record(sourcedId, tenant, ItemKind.RESULT, lineItemSourcedId, contentHash, sourceVersion, deleted);
    }

    /**
     * Marks every result of a lineItem deleted, as IC deletes them with the lineItem: written again, each is sent
     * again instead of being skipped as unchanged. Their source versions stay, so an older score still loses.
     *
     * @return how many results IC no longer holds
     */
    @Transactional
    public int resultsDeletedWith(String lineItemSourcedId) {
        return getEntityManager().createNativeQuery("""
                update write_ledger set deleted = true, content_hash = :hash, written_at = :at
                where line_item_sourced_id = :lineItem and kind = :kind and not deleted
                """)
                .setParameter("hash", DELETED_HASH)
                .setParameter("at", Instant.now())
                .setParameter("lineItem", lineItemSourcedId)
                .setParameter("kind", ItemKind.RESULT.name())
                .executeUpdate();
    }

    private void record(String sourcedId, String tenant, ItemKind kind, String lineItemSourcedId, String contentHash,
            long sourceVersion, boolean deleted) {
        getEntityManager().createNativeQuery("""
                insert into write_ledger (sourced_id, tenant, kind, content_hash, source_version, written_at, deleted,
                                          line_item_sourced_id)
                values (:id, :tenant, :kind, :hash, :version, :writtenAt, :deleted, :lineItem)
                on conflict (sourced_id) do update set
                    tenant = excluded.tenant, kind = excluded.kind, content_hash = excluded.content_hash,
                    source_version = excluded.source_version, written_at = excluded.written_at,
                    deleted = excluded.deleted, line_item_sourced_id = excluded.line_item_sourced_id
                where write_ledger.source_version <= excluded.source_version
                """)
                .setParameter("id", sourcedId)
                .setParameter("tenant", tenant)
                .setParameter("kind", kind.name())
                .setParameter("hash", contentHash)
                .setParameter("version", sourceVersion)
                .setParameter("writtenAt", Instant.now())
                .setParameter("deleted", deleted)
                .setParameter("lineItem", lineItemSourcedId)
                .executeUpdate();
    }
}
