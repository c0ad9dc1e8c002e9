package org.ccsync.writer.persistence;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.ccsync.contracts.UpsertLineItem;
import org.ccsync.writer.outbound.ic.WriteFailure;

/**
 * Remembers lineItems refused for good, in short transactions of their own, so their results are not sent, and keeps
 * each one's command so it is tried again as soon as its cause can have changed.
 */
@ApplicationScoped
public class LineItemRejections implements PanacheRepositoryBase<LineItemRejection, String> {

    private static final int MESSAGE_LIMIT = 2000;

    private final CommandJson json;

    public LineItemRejections(CommandJson json) {
        this.json = json;
    }

    @Transactional
    public Optional<LineItemRejection> find(String lineItemSourcedId) {
        Optional<LineItemRejection> rejection = findByIdOptional(lineItemSourcedId);
        rejection.ifPresent(getEntityManager()::detach);
        return rejection;
    }

    /** Records a refusal with the refused command; one for a newer source version stays as it is. */
    @Transactional
    public void rejected(UpsertLineItem command, WriteFailure failure) {
        String message = failure.getMessage();
        getEntityManager().createNativeQuery("""
                insert into line_item_rejection (sourced_id, tenant, course_id, source_version, error_code, message,
                                                 rejected_at, command)
                values (:id, :tenant, :course, :version, :code, :message, :at, :command)
                on conflict (sourced_id) do update set
                    course_id = excluded.course_id, source_version = excluded.source_version,
                    error_code = excluded.error_code, message = excluded.message, rejected_at = excluded.rejected_at,
                    command = excluded.command
                where line_item_rejection.source_version <= excluded.source_version
                """)
                .setParameter("id", command.lineItemSourcedId())
                .setParameter("tenant", command.tenant())
                .setParameter("course", command.courseId())
                .setParameter("command", json.write(command))
                .setParameter("version", command.sourceVersion())
                .setParameter("code", failure.errorCode())
                .setParameter("message", message.length() > MESSAGE_LIMIT ? message.substring(0, MESSAGE_LIMIT)
                        : message)
                .setParameter("at", Instant.now())
                .executeUpdate();
    }

    /** The refused lineItem commands of one course, or of the whole district when {@code courseId} is null. */
    @Transactional
    public List<UpsertLineItem> refusedCommands(String tenant, String courseId) {
        List<LineItemRejection> rows = courseId == null
                ? list("tenant = ?1 and command is not null order by sourcedId", tenant)
                : list("tenant = ?1 and courseId = ?2 and command is not null order by sourcedId", tenant, courseId);
        return rows.stream().map(row -> (UpsertLineItem) json.read(row.command)).toList();
    }

    /** Forgets a refusal once the lineItem was written or deleted. */
    @Transactional
    public void cleared(String lineItemSourcedId) {
        deleteById(lineItemSourcedId);
    }
}
