package org.ccsync.writer;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.Optional;

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

    /** Records a write; a row with a newer source version stays as it is. */
    @Transactional
    public void record(String sourcedId, String tenant, String kind, String contentHash, long sourceVersion,
            boolean deleted) {
        getEntityManager().createNativeQuery("""
                insert into write_ledger (sourced_id, tenant, kind, content_hash, source_version, written_at, deleted)
                values (:id, :tenant, :kind, :hash, :version, :writtenAt, :deleted)
                on conflict (sourced_id) do update set
                    tenant = excluded.tenant, kind = excluded.kind, content_hash = excluded.content_hash,
                    source_version = excluded.source_version, written_at = excluded.written_at,
                    deleted = excluded.deleted
                where write_ledger.source_version <= excluded.source_version
                """)
                .setParameter("id", sourcedId)
                .setParameter("tenant", tenant)
                .setParameter("kind", kind)
                .setParameter("hash", contentHash)
                .setParameter("version", sourceVersion)
                .setParameter("writtenAt", Instant.now())
                .setParameter("deleted", deleted)
                .executeUpdate();
    }
}
