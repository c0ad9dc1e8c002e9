package org.ccsync.writer.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A lineItem whose last write was refused for good, with the reason its results are not sent. */
@Entity
@Table(name = "line_item_rejection")
public class LineItemRejection extends PanacheEntityBase {

    @Id
    @Column(name = "sourced_id")
    public String sourcedId;

    public String tenant;

    @Column(name = "course_id")
    public String courseId;

    /** The refused UpsertLineItem, as it travels on campus-writes. */
    public String command;

    @Column(name = "source_version")
    public long sourceVersion;

    @Column(name = "error_code")
    public String errorCode;

    public String message;

    @Column(name = "rejected_at")
    public Instant rejectedAt;
}
