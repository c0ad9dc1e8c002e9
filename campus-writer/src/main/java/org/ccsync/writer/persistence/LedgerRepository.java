package org.ccsync.writer.persistence;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.Optional;
import org.ccsync.contracts.CampusWrite;
import org.ccsync.contracts.ItemKind;

/** Reads and records ledger rows in short transactions of their own, never around an IC call. */
@ApplicationScoped
public class LedgerRepository implements PanacheRepositoryBase<LedgerEntry, String> {

    /** The content hash a delete is recorded with. */
    public static final String DELETED_HASH = "deleted";

    /** The content hash of a row a verification found IC different from: its next write is sent. */
    public static final String DRIFT_HASH = "drift";

    private final CommandJson commands;

    public LedgerRepository(CommandJson commands) {
        this.commands = commands;
    }

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
        record(sourcedId, tenant, ItemKind.LINE_ITEM, null, contentHash, sourceVersion, deleted, null, null);
    }

    /**
     * Records a lineItem write with the command that made it and the body IC received (null for a delete), which a
     * verification compares IC with and writes again to repair it.
     */
    @Transactional
    public void recordLineItem(CampusWrite command, String contentHash, boolean deleted, String body) {
        record(command.lineItemSourcedId(), command.tenant(), ItemKind.LINE_ITEM, null, contentHash,
                command.sourceVersion(), deleted, command, body);
    }

    /** Records a result write under its lineItem; a row with a newer source version stays as it is. */
    @Transactional
    public void recordResult(String sourcedId, String tenant, String lineItemSourcedId, String contentHash,
            long sourceVersion, boolean deleted) {
        record(sourcedId, tenant, ItemKind.RESULT, lineItemSourcedId, contentHash, sourceVersion, deleted, null, null);
    }

    /** Records a result write with its command and the body IC received (null for a delete). */
    @Transactional
    public void recordResult(CampusWrite command, String contentHash, boolean deleted, String body) {
        record(command.targetSourcedId(), command.tenant(), ItemKind.RESULT, command.lineItemSourcedId(), contentHash,
                command.sourceVersion(), deleted, command, body);
    }

    /**
     * Makes a row no longer "unchanged" (nor "already deleted"), so its command written again reaches IC: a
     * verification found IC different. Only while the row still holds the hash the verification compared.
     *
     * @return whether the row was still as compared
     */
    @Transactional
    public boolean invalidate(String sourcedId, String comparedHash) {
        return getEntityManager().createNativeQuery("""
                update write_ledger set content_hash = :drift, deleted = false
                where sourced_id = :id and content_hash = :hash
                """)
                .setParameter("drift", DRIFT_HASH)
                .setParameter("id", sourcedId)
                .setParameter("hash", comparedHash)
                .executeUpdate() == 1;
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
            long sourceVersion, boolean deleted, CampusWrite command, String body) {
        getEntityManager().createNativeQuery("""
                insert into write_ledger (sourced_id, tenant, kind, content_hash, source_version, written_at, deleted,
                                          line_item_sourced_id, course_id, class_sourced_id, command, body)
                values (:id, :tenant, :kind, :hash, :version, :writtenAt, :deleted, :lineItem, :course, :class,
                        :command, :body)
                on conflict (sourced_id) do update set
                    tenant = excluded.tenant, kind = excluded.kind, content_hash = excluded.content_hash,
                    source_version = excluded.source_version, written_at = excluded.written_at,
                    deleted = excluded.deleted, line_item_sourced_id = excluded.line_item_sourced_id,
                    course_id = coalesce(excluded.course_id, write_ledger.course_id),
                    class_sourced_id = coalesce(excluded.class_sourced_id, write_ledger.class_sourced_id),
                    command = coalesce(excluded.command, write_ledger.command),
                    body = case when excluded.command is null then write_ledger.body else excluded.body end
                where write_ledger.source_version <= excluded.source_version
                """)
                .setParameter("course", command == null ? null : command.courseId())
                .setParameter("class", command == null ? null : command.classSourcedId())
                .setParameter("command", command == null ? null : commands.write(command))
                .setParameter("body", body)
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
