package org.ccsync.writer;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.Optional;

/** Remembers lineItems refused for good, in short transactions of their own, so their results are not sent. */
@ApplicationScoped
public class LineItemRejections implements PanacheRepositoryBase<LineItemRejection, String> {

    private static final int MESSAGE_LIMIT = 2000;

    @Transactional
    public Optional<LineItemRejection> find(String lineItemSourcedId) {
        Optional<LineItemRejection> rejection = findByIdOptional(lineItemSourcedId);
        rejection.ifPresent(getEntityManager()::detach);
        return rejection;
    }

    /** Records a refusal; one for a newer source version stays as it is. */
    @Transactional
    public void rejected(String lineItemSourcedId, String tenant, long sourceVersion, WriteFailure failure) {
        String message = failure.getMessage();
        getEntityManager().createNativeQuery("""
                insert into line_item_rejection (sourced_id, tenant, source_version, error_code, message, rejected_at)
                values (:id, :tenant, :version, :code, :message, :at)
                on conflict (sourced_id) do update set
                    source_version = excluded.source_version, error_code = excluded.error_code,
                    message = excluded.message, rejected_at = excluded.rejected_at
                where line_item_rejection.source_version <= excluded.source_version
                """)
                .setParameter("id", lineItemSourcedId)
                .setParameter("tenant", tenant)
                .setParameter("version", sourceVersion)
                .setParameter("code", failure.errorCode())
                .setParameter("message", message.length() > MESSAGE_LIMIT ? message.substring(0, MESSAGE_LIMIT)
                        : message)
                .setParameter("at", Instant.now())
                .executeUpdate();
    }

    /** Forgets a refusal once the lineItem was written or deleted. */
    @Transactional
    public void cleared(String lineItemSourcedId) {
        deleteById(lineItemSourcedId);
    }
}
