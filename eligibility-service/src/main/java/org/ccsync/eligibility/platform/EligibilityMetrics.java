package org.ccsync.eligibility.platform;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.ccsync.contracts.CampusWrite;
import org.ccsync.contracts.DeleteLineItem;
import org.ccsync.contracts.ItemKind;
import org.ccsync.contracts.ItemSkipped;
import org.ccsync.contracts.SyncOutcome;
import org.ccsync.contracts.UpsertLineItem;
import org.ccsync.eligibility.domain.EligibilityRules;
import org.ccsync.support.PipelineStages;

/**
 * Counts the eligibility decisions a snapshot published ({@code ccsync.eligibility.decisions}), once its
 * transaction committed, so a retried or redelivered snapshot never counts a decision twice.
 */
@ApplicationScoped
public class EligibilityMetrics {

    static final String DECISIONS = "ccsync.eligibility.decisions";
    static final String ELIGIBLE = "eligible";
    static final String SKIPPED = "skipped";
    static final String DELETED = "deleted";

    private final MeterRegistry registry;

    public EligibilityMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /**
     * The commands and outcomes one snapshot published that were not published before.
     *
     * @param tenant the district of the snapshot
     */
    public record Published(String tenant, List<CampusWrite> writes, List<SyncOutcome> outcomes) {
    }

    /** A grade changed in Canvas at {@code origin} reached a stage of the pipeline now. */
    public void stage(String stage, Instant origin) {
        stage(stage, origin, Instant.now());
    }

    /** A grade changed in Canvas at {@code origin} reached a stage of the pipeline at {@code reached}. */
    public void stage(String stage, Instant origin, Instant reached) {
        if (origin != null) {
            PipelineStages.record(registry, stage, Duration.between(origin, reached));
        }
    }

    void onCommitted(@Observes(during = TransactionPhase.AFTER_SUCCESS) Published published) {
        for (CampusWrite write : published.writes()) {
            if (write instanceof DeleteLineItem delete) {
                count(published.tenant(), DELETED, delete.reasonCode(), ItemKind.LINE_ITEM);
            } else {
                count(published.tenant(), ELIGIBLE, EligibilityRules.ELIGIBLE,
                        write instanceof UpsertLineItem ? ItemKind.LINE_ITEM : ItemKind.RESULT);
            }
        }
        for (SyncOutcome outcome : published.outcomes()) {
            if (outcome instanceof ItemSkipped skip) {
                count(published.tenant(), SKIPPED, skip.reasonCode(), skip.item().kind());
            }
        }
    }

    /**
     * One decision about one item.
     *
     * @param decision eligible (an IC upsert), skipped (an ItemSkipped) or deleted (an IC delete)
     * @param reason the reason code (a {@link org.ccsync.eligibility.domain.SkipReason} code), {@code eligible} for an
     *     eligible item
     */
    private void count(String tenant, String decision, String reason, ItemKind kind) {
        registry.counter(DECISIONS, "tenant", tenant, "decision", decision, "reason",
                reason == null ? "unknown" : reason, "kind", kind.name().toLowerCase(Locale.ROOT)).increment();
    }
}
