package org.ccsync.writer.domain;

import static org.ccsync.writer.domain.CampusWriter.UNCHANGED;
import static org.ccsync.writer.domain.CampusWriter.UPSERTED;
import static org.ccsync.writer.domain.Outcomes.lineItemRef;
import static org.ccsync.writer.domain.Outcomes.written;

import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.ccsync.contracts.ItemFailed;
import org.ccsync.contracts.ItemRef;
import org.ccsync.contracts.ItemWritten;
import org.ccsync.contracts.SyncOutcome;
import org.ccsync.contracts.UpsertLineItem;
import org.ccsync.writer.outbound.CampusWriteRequeue;
import org.ccsync.writer.outbound.ic.IcCategory;
import org.ccsync.writer.outbound.ic.IcClass;
import org.ccsync.writer.outbound.ic.IcGradingPeriod;
import org.ccsync.writer.outbound.ic.OneRosterBodies;
import org.ccsync.writer.outbound.ic.OneRosterClient;
import org.ccsync.writer.outbound.ic.RosterCache;
import org.ccsync.writer.outbound.ic.WriteFailure;
import org.ccsync.writer.persistence.CategoryMappingRepository;
import org.ccsync.writer.persistence.DriftRepository;
import org.ccsync.writer.persistence.LedgerEntry;
import org.ccsync.writer.persistence.LedgerRepository;
import org.ccsync.writer.persistence.LineItemRejections;
import org.ccsync.writer.platform.WriterConfig;
import org.ccsync.writer.platform.WriterMetrics;

/**
 * Applies one campus-writes command to Infinite Campus on a lane worker: skips stale and unchanged writes through
 * the ledger, reports every item as ItemWritten or ItemFailed, and acks, nacks (DLQ) or hands the job back.
 */
/**
 * Plans a lineItem upsert: the due date it needs, then, in the IC slot (they may read IC), the Canvas section's IC
 * class, the category its assignment group maps to, the grading period holding its due date (or the category and
 * period a teacher chose in IC, when the district keeps them), the OneRoster body and its PUT, unless IC already
 * holds that body. A lineItem written releases the results parked behind it.
 */
@ApplicationScoped
public class LineItemPlanner {

    private final OneRosterClient client;
    private final RosterCache roster;
    private final IdentityResolver identity;
    private final OneRosterBodies bodies;
    private final CategoryMappingRepository mappings;
    private final LedgerRepository ledger;
    private final LineItemRejections rejections;
    private final CampusWriteRequeue requeue;
    private final WriterMetrics metrics;
    private final DriftRepository drift;
    private final HoldDecisions holdDecisions;

    public LineItemPlanner(OneRosterClient client, RosterCache roster, IdentityResolver identity,
            OneRosterBodies bodies, CategoryMappingRepository mappings, LedgerRepository ledger,
            LineItemRejections rejections, CampusWriteRequeue requeue, WriterMetrics metrics, DriftRepository drift,
            HoldDecisions holdDecisions) {
        this.client = client;
        this.roster = roster;
        this.identity = identity;
        this.bodies = bodies;
        this.mappings = mappings;
        this.ledger = ledger;
        this.rejections = rejections;
        this.requeue = requeue;
        this.metrics = metrics;
        this.drift = drift;
        this.holdDecisions = holdDecisions;
    }

    WritePlan plan(UpsertLineItem command) {
        String tenant = command.tenant();
        WriterConfig.District district = client.district(tenant);
        Optional<LedgerEntry> row = ledger.find(command.lineItemSourcedId());
        if (WritePlanner.stale(row, command)) {
            return WritePlan.finished(Optional.empty());
        }
        holdDecisions.courseAnswersAgain(tenant, command.courseId());
        if (command.dueDate() == null) {
            throw WriteFailure.rejected("no_due_date", 0, "Assignment '" + command.title() + "' has no due date in "
                    + "class " + command.classSourcedId() + "; OneRoster 1.2 requires one to place it in a grading "
                    + "period.");
        }
        // The class, its categories and grading periods may need IC reads (cache misses): they run in the slot.
        return WritePlan.call(icDone -> upsertLineItem(command, district, row, icDone));
    }

    private Optional<SyncOutcome> upsertLineItem(UpsertLineItem command, WriterConfig.District district,
            Optional<LedgerEntry> row, Runnable icDone) {
        String tenant = command.tenant();
        // The Canvas section's IC class, by the district's identity strategy (may read IC rostering).
        String classId = identity.icClass(tenant, command.classSourcedId());
        IcClass icClass = roster.rosterClass(tenant, classId);
        List<IcCategory> categories = roster.categories(tenant, classId);
        String group = command.group() == null ? null : command.group().name();
        CategoryMapper.Decision decision = CategoryMapper.map(group,
                mappings.rules(tenant, command.courseId(), district.categoryMappings()), categories,
                district.defaultCategory(), classId);
        if (decision instanceof CategoryMapper.Unmapped unmapped) {
            throw WriteFailure.rejected("no_category_mapping", 0, unmapped.message());
        }
        CategoryMapper.Mapped mapped = (CategoryMapper.Mapped) decision;
        ZoneId zone = ZoneId.of(district.timeZone());
        Optional<IcGradingPeriod> period = GradingPeriodPicker.pick(roster.gradingPeriods(tenant, icClass),
                command.dueDate(), zone, district.gradingPeriodEndInclusive());
        IcCategory category = mapped.category();
        if (district.icSideChanges() == WriterConfig.IcSideChanges.KEEP) {
            // A category or grading period a teacher chose in IC stays (a verification found and kept it).
            Optional<DriftRepository.Kept> kept = drift.kept(command.lineItemSourcedId());
            if (kept.isPresent()) {
                String keptCategory = kept.get().categorySourcedId();
                category = categories.stream().filter(c -> c.sourcedId().equals(keptCategory)).findFirst()
                        .orElse(category);
                String keptPeriod = kept.get().gradingPeriodSourcedId();
                if (keptPeriod != null) {
                    Optional<IcGradingPeriod> chosen = roster.gradingPeriods(tenant, icClass).stream()
                            .filter(p -> p.sourcedId().equals(keptPeriod)).findFirst();
                    period = chosen.isPresent() ? chosen : period;
                }
            }
        }
        OneRosterBodies.Body body = bodies.lineItem(command, icClass, category, period);
        String categoryTitle = category.title();
        String periodId = period.map(IcGradingPeriod::sourcedId).orElse(null);
        ItemRef item = lineItemRef(command, command.title());
        if (WritePlanner.unchanged(row, body.hash())) {
            releaseParkedResults(command);
            return Optional.of(written(command, item, UNCHANGED, body.hash(), categoryTitle, periodId, null,
                    command.occurredAt()));
        }
        try {
            client.putLineItem(tenant, command.lineItemSourcedId(), body.json());
            icDone.run();
        } catch (WriteFailure failure) {
            icDone.run();
            if (failure.isTransient()) {
                throw failure;
            }
            // IC's categories or periods may have changed under the cache: read them afresh next time.
            roster.forget(tenant, classId);
            throw period.isPresent() ? failure : failure.withDetail("No grading period of class " + classId
                    + " contains the due date " + command.dueDate().atZone(zone).toLocalDate() + ".");
        }
        metrics.syncLatency(tenant, "line_item", command.occurredAt());
        ledger.recordLineItem(command, body.hash(), false, body.json());
        rejections.cleared(command.lineItemSourcedId());
        Log.debugf("wrote lineItem %s in category %s by %s", command.lineItemSourcedId(), categoryTitle,
                mapped.rule());
        releaseParkedResults(command);
        return Optional.of(written(command, item, UPSERTED, body.hash(), categoryTitle, periodId, null,
                command.occurredAt()));
    }

    /**
     * Sends the results held back while this lineItem was refused. Should the broker not take them now, they stay
     * parked and go with the lineItem's next write (a sync, a mapping, a Canvas edit).
     */
    private void releaseParkedResults(UpsertLineItem command) {
        try {
            requeue.releaseParkedResults(command.lineItemSourcedId(), command.eventId());
        } catch (RuntimeException e) {
            Log.warnf("the results parked behind lineItem %s stay parked for its next write: %s",
                    command.lineItemSourcedId(), e.getMessage());
        }
    }
}
