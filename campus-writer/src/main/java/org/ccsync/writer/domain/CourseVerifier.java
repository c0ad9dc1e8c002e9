package org.ccsync.writer.domain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.ccsync.contracts.CampusWrite;
import org.ccsync.contracts.CourseVerified;
import org.ccsync.contracts.DeleteLineItem;
import org.ccsync.contracts.DeleteResult;
import org.ccsync.contracts.EventIds;
import org.ccsync.contracts.ItemKind;
import org.ccsync.contracts.UpsertLineItem;
import org.ccsync.contracts.UpsertResult;
import org.ccsync.writer.lane.DistrictLane;
import org.ccsync.writer.lane.LaneRegistry;
import org.ccsync.writer.outbound.CampusWriteRequeue;
import org.ccsync.writer.outbound.OutcomePublisher;
import org.ccsync.writer.outbound.ic.OneRosterClient;
import org.ccsync.writer.persistence.CommandJson;
import org.ccsync.writer.persistence.DriftRepository;
import org.ccsync.writer.persistence.LedgerRepository;
import org.ccsync.writer.platform.WriterConfig;
import org.ccsync.writer.platform.WriterMetrics;

/**
 * Verifies one course against Infinite Campus: reads back its classes' lineItems and results (in the district's lane,
 * within its cap, page by page), compares them with what the ledger says IC received for Canvas's current state, and
 * repairs each difference Canvas owns by writing the item's command again, whatever the ledger says. Category and
 * grading period changed by a teacher in IC are kept unless the district lets Canvas win; in report-only mode nothing
 * is written.
 */
@ApplicationScoped
public class CourseVerifier {

    static final String MISSING = "missing_in_ic";
    static final String VALUE_DIFFERS = "value_differs";
    static final String RENAMED = "renamed";
    static final String EXTRA = "extra_in_ic";
    static final String IC_SIDE_CHANGE = "ic_side_change";

    public static final String REPAIRED = "repaired";
    static final String KEPT = "kept";
    static final String REPORTED = "reported";

    private final OneRosterClient client;
    private final IdentityResolver identity;
    private final LaneRegistry lanes;
    private final DriftRepository drift;
    private final LedgerRepository ledger;
    private final CommandJson commands;
    private final CampusWriteRequeue requeue;
    private final WriterMetrics metrics;
    private final ObjectMapper json;
    private final OutcomePublisher publisher;

    public CourseVerifier(OneRosterClient client, IdentityResolver identity, LaneRegistry lanes,
            DriftRepository drift, LedgerRepository ledger, CommandJson commands, CampusWriteRequeue requeue,
            WriterMetrics metrics, ObjectMapper json, OutcomePublisher publisher) {
        this.publisher = publisher;
        this.client = client;
        this.identity = identity;
        this.lanes = lanes;
        this.drift = drift;
        this.ledger = ledger;
        this.commands = commands;
        this.requeue = requeue;
        this.metrics = metrics;
        this.json = json;
    }

    /** Verifies (and, unless report-only, repairs) a course now; returns what was found. */
    public DriftRepository.Verification verify(String tenant, String courseId, String trigger, String runId) {
        WriterConfig.District district = client.district(tenant);
        boolean repair = district.driftMode() == WriterConfig.DriftMode.REPAIR;
        boolean canvasWins = district.icSideChanges() == WriterConfig.IcSideChanges.CANVAS_WINS;
        String verificationId = EventIds.of("verification", tenant, courseId, runId, trigger, Instant.now());
        DistrictLane<?> lane = lanes.lane(tenant);
        List<DriftRepository.Row> rows = drift.rows(tenant, courseId);
        Map<String, List<DriftRepository.Row>> resultsByLineItem = new LinkedHashMap<>();
        Map<String, List<DriftRepository.Row>> lineItemsByClass = new LinkedHashMap<>();
        for (DriftRepository.Row row : rows) {
            if (ItemKind.RESULT.name().equals(row.kind())) {
                resultsByLineItem.computeIfAbsent(row.lineItemSourcedId(), k -> new ArrayList<>()).add(row);
            } else {
                lineItemsByClass.computeIfAbsent(row.classSourcedId(), k -> new ArrayList<>()).add(row);
            }
        }
        List<DriftRepository.Finding> findings = new ArrayList<>();
        List<CampusWrite> repairs = new ArrayList<>();
        int reads = 0;
        for (Map.Entry<String, List<DriftRepository.Row>> entry : lineItemsByClass.entrySet()) {
            String canvasClass = entry.getKey();
            Map<String, JsonNode> icLineItems = lane.inSlot(() -> client.lineItemsOfClass(tenant,
                    identity.icClass(tenant, canvasClass)));
            reads++;
            for (DriftRepository.Row row : entry.getValue()) {
                JsonNode ic = icLineItems.get(row.sourcedId());
                List<DriftRepository.Row> results = resultsByLineItem.getOrDefault(row.sourcedId(), List.of());
                if (row.deleted()) {
                    if (ic != null && commands.read(row.command()) instanceof DeleteLineItem delete) {
                        findings.add(finding(row, EXTRA, null, "present", "deleted",
                                repair ? REPAIRED : REPORTED, "IC still has lineItem '" + ic.path("title").asText()
                                        + "', which no longer syncs: " + (repair ? "deleted again" : "reported")));
                        if (repair && ledger.invalidate(row.sourcedId(), row.contentHash())) {
                            repairs.add(delete);
                        }
                    }
                    continue;
                }
                UpsertLineItem command = (UpsertLineItem) commands.read(row.command());
                if (ic == null) {
                    findings.add(finding(row, MISSING, null, null, command.title(), repair ? REPAIRED : REPORTED,
                            "IC had no lineItem '" + command.title() + "' (nor its " + results.size()
                                    + " results), Canvas has it: " + (repair ? "repaired" : "reported")));
                    if (repair && ledger.invalidate(row.sourcedId(), row.contentHash())) {
                        // IC lost the results with the lineItem: they are written again behind it.
                        ledger.resultsDeletedWith(row.sourcedId());
                        repairs.add(command);
                        for (DriftRepository.Row result : results) {
                            if (!result.deleted() && commands.read(result.command()) instanceof UpsertResult upsert) {
                                repairs.add(upsert);
                            }
                        }
                    }
                    continue;
                }
                JsonNode ours = body(row, "lineItem");
                boolean rewrite = false;
                rewrite |= compare(findings, row, "title", ours, ic, RENAMED, repair);
                rewrite |= compare(findings, row, "resultValueMax", ours, ic, VALUE_DIFFERS, repair);
                rewrite |= compare(findings, row, "dueDate", ours, ic, VALUE_DIFFERS, repair);
                String oursCategory = ours.path("category").path("sourcedId").asText(null);
                String icCategory = ic.path("category").path("sourcedId").asText(null);
                String oursPeriod = ours.path("gradingPeriod").path("sourcedId").asText(null);
                Optional<DriftRepository.Kept> kept = canvasWins ? Optional.empty() : drift.kept(row.sourcedId());
                if (kept.isPresent()) {
                    // A teacher's choice kept earlier is what IC should show.
                    oursCategory = Optional.ofNullable(kept.get().categorySourcedId()).orElse(oursCategory);
                    oursPeriod = Optional.ofNullable(kept.get().gradingPeriodSourcedId()).orElse(oursPeriod);
                }
                String icPeriod = ic.path("gradingPeriod").path("sourcedId").asText(null);
                boolean categoryChanged = !Objects.equals(oursCategory, icCategory);
                boolean periodChanged = icPeriod != null && !Objects.equals(oursPeriod, icPeriod);
                if (categoryChanged || periodChanged) {
                    String action = !repair ? REPORTED : canvasWins ? REPAIRED : KEPT;
                    String field = categoryChanged ? "category" : "gradingPeriod";
                    findings.add(finding(row, IC_SIDE_CHANGE, field, categoryChanged ? icCategory : icPeriod,
                            categoryChanged ? oursCategory : oursPeriod, action, "A teacher changed the "
                                    + (categoryChanged ? "category" : "grading period") + " of '" + command.title()
                                    + "' in IC: " + switch (action) {
                                        case REPAIRED -> "reverted (Canvas wins)";
                                        case KEPT -> "kept (IC's choice wins)";
                                        default -> "reported";
                                    }));
                    if (repair && canvasWins) {
                        drift.forgetKept(row.sourcedId());
                        rewrite = true;
                    } else if (repair) {
                        drift.keep(tenant, row.sourcedId(), categoryChanged ? icCategory : null,
                                periodChanged ? icPeriod : null);
                    }
                }
                if (repair && rewrite && ledger.invalidate(row.sourcedId(), row.contentHash())) {
                    repairs.add(command);
                }
                if (results.isEmpty()) {
                    continue;
                }
                Map<String, JsonNode> icResults = lane.inSlot(() -> client.resultsOfLineItem(tenant,
                        identity.icClass(tenant, canvasClass), row.sourcedId()));
                reads++;
                for (DriftRepository.Row result : results) {
                    verifyResult(result, icResults.get(result.sourcedId()), repair, findings, repairs);
                }
            }
        }
        int repaired = 0;
        for (CampusWrite command : repairs) {
            requeue.repair(command, verificationId);
            repaired++;
        }
        int found = findings.size();
        long fixed = findings.stream().filter(f -> REPAIRED.equals(f.action())).count();
        DriftRepository.Verification verification = new DriftRepository.Verification(verificationId, Instant.now(),
                trigger, runId, district.driftMode().name(), reads, found, (int) fixed, findings);
        drift.recordVerification(tenant, courseId, verification);
        findings.forEach(f -> metrics.drift(tenant, f.difference(), f.action()));
        publisher.publish(new CourseVerified(EventIds.of("course-verified", verificationId), verification.verifiedAt(),
                tenant, courseId, verification.verifiedAt().toEpochMilli(), verificationId, trigger, runId,
                verification.mode(), reads, found, (int) fixed, findings.stream()
                        .map(f -> new CourseVerified.Difference(f.sourcedId(), f.kind(), f.classSourcedId(),
                                f.difference(), f.field(), f.icValue(), f.canvasValue(), f.action(), f.message()))
                        .toList()));
        Log.infof("verified course %s/%s against IC (%s): %d IC reads, %d differences, %d repaired (%d writes sent)",
                tenant, courseId, trigger, reads, found, fixed, repaired);
        return verification;
    }

    private void verifyResult(DriftRepository.Row row, JsonNode ic, boolean repair,
            List<DriftRepository.Finding> findings, List<CampusWrite> repairs) {
        CampusWrite stored = commands.read(row.command());
        if (row.deleted()) {
            if (ic != null && stored instanceof DeleteResult delete) {
                findings.add(finding(row, EXTRA, "score", text(ic.path("score")), null, repair ? REPAIRED : REPORTED,
                        "IC had " + describe(ic) + ", Canvas has no score: " + (repair ? "removed again"
                                : "reported")));
                if (repair && ledger.invalidate(row.sourcedId(), row.contentHash())) {
                    repairs.add(delete);
                }
            }
            return;
        }
        if (!(stored instanceof UpsertResult command)) {
            return;
        }
        JsonNode ours = body(row, "result");
        if (ic == null) {
            findings.add(finding(row, MISSING, "score", null, describe(ours), repair ? REPAIRED : REPORTED,
                    "IC had no result, Canvas has " + describe(ours) + ": " + (repair ? "repaired" : "reported")));
            if (repair && ledger.invalidate(row.sourcedId(), row.contentHash())) {
                repairs.add(command);
            }
            return;
        }
        boolean differs = false;
        for (String field : List.of("score", "scoreStatus", "late", "missing")) {
            if (!Objects.equals(text(ours.path(field)), text(ic.path(field)))) {
                differs = true;
            }
        }
        if (differs) {
            findings.add(finding(row, VALUE_DIFFERS, "score", describe(ic), describe(ours),
                    repair ? REPAIRED : REPORTED, "IC had " + describe(ic) + ", Canvas has " + describe(ours) + ": "
                            + (repair ? "repaired" : "reported")));
            if (repair && ledger.invalidate(row.sourcedId(), row.contentHash())) {
                repairs.add(command);
            }
        }
    }

    /** Compares one Canvas-owned field; records a finding when IC differs. */
    private static boolean compare(List<DriftRepository.Finding> findings, DriftRepository.Row row, String field,
            JsonNode ours, JsonNode ic, String difference, boolean repair) {
        String want = text(ours.path(field));
        String have = text(ic.path(field));
        if (field.endsWith("Date") && want != null && have != null) {
            try {
                if (Instant.parse(want).equals(Instant.parse(have))) {
                    return false;
                }
            } catch (RuntimeException e) {
                // Not an instant both ways: compared as text.
            }
        }
        if (Objects.equals(want, have)) {
            return false;
        }
        findings.add(finding(row, difference, field, have, want, repair ? REPAIRED : REPORTED,
                "IC had " + field + " " + quote(have) + ", Canvas has " + quote(want) + ": "
                        + (repair ? "repaired" : "reported")));
        return true;
    }

    private JsonNode body(DriftRepository.Row row, String wrapper) {
        try {
            JsonNode node = json.readTree(row.body() == null ? "{}" : row.body());
            return node.has(wrapper) ? node.path(wrapper) : node;
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot read the stored body of " + row.sourcedId(), e);
        }
    }

    /** A result as people read it: its score and flags. */
    static String describe(JsonNode result) {
        StringBuilder text = new StringBuilder();
        String status = result.path("scoreStatus").asText("");
        if ("exempt".equals(status)) {
            text.append("exempt");
        } else {
            text.append(Optional.ofNullable(text(result.path("score"))).orElse("no score"));
        }
        if ("true".equals(result.path("late").asText())) {
            text.append(" (late)");
        }
        if ("true".equals(result.path("missing").asText())) {
            text.append(" (missing)");
        }
        return text.toString();
    }

    /** A JSON value as text: numbers without a needless {@code .0}, null when absent. */
    static String text(JsonNode node) {
        if (node == null || node.isMissingNode() || node.isNull()) {
            return null;
        }
        if (node.isNumber()) {
            double value = node.asDouble();
            return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
        }
        if (node.isTextual()) {
            String value = node.asText();
            try {
                double number = Double.parseDouble(value);
                return number == Math.rint(number) && !value.contains("e") ? Long.toString((long) number) : value;
            } catch (NumberFormatException e) {
                return value;
            }
        }
        return node.toString();
    }

    private static String quote(String value) {
        return value == null ? "nothing" : "'" + value + "'";
    }

    private static DriftRepository.Finding finding(DriftRepository.Row row, String difference, String field,
            String icValue, String canvasValue, String action, String message) {
        return new DriftRepository.Finding(row.sourcedId(), row.kind(), row.classSourcedId(), difference, field,
                icValue, canvasValue, action, message);
    }
}
