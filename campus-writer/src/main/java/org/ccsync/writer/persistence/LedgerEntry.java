package org.ccsync.writer.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One row of the write ledger: the last body hash and source version written for an IC item. */
@Entity
@Table(name = "write_ledger")
public class LedgerEntry extends PanacheEntityBase {

    @Id
    @Column(name = "sourced_id")
    public String sourcedId;

    public String tenant;

    public String kind;

    @Column(name = "content_hash")
    public String contentHash;

    @Column(name = "source_version")
    public long sourceVersion;

    @Column(name = "written_at")
    public Instant writtenAt;

    public boolean deleted;

    /** The lineItem a result belongs to; null for a lineItem's own row. */
    @Column(name = "line_item_sourced_id")
    public String lineItemSourcedId;
}
