package org.ccsync.ingest;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** One event id this service has processed; its presence makes a redelivered event a duplicate. */
@Entity
@Table(name = "processed_event")
public class ProcessedEvent extends PanacheEntityBase {

    @Id
    @Column(name = "event_id", length = 64)
    public String eventId;

    @Column(name = "processed_at", nullable = false)
    public OffsetDateTime processedAt;
}
