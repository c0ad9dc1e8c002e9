package org.ccsync.sandbox.campus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * IC's rules on top of the OneRoster 1.2 binding for a PUT lineItem body (the binding itself is checked before, by
 * {@link ContractGuard}): the path id, a non-blank title, a real category of the class (never 1.1's dummy), the class's
 * school, a due date inside one of the class's grading periods, and a sane points range.
 */
final class LineItemValidator {

    static final String DUMMY_CATEGORY = "00000000-0000-0000-0000-000000000000";
    private static final String P = "lineItem";

    private final CampusStore store;
    private final CampusSettings settings;

    LineItemValidator(CampusStore store, CampusSettings settings) {
        this.store = store;
        this.settings = settings;
    }

    /** Returns the lineItem to store or throws the 422 IC would answer. */
    ObjectNode validate(String pathId, JsonNode body) {
        ObjectNode item = (ObjectNode) body.get(P);
        String sourcedId = item.path("sourcedId").asText();
        if (!sourcedId.equals(pathId)) {
            throw ImsxException.invalidData("lineItem.sourcedId \"" + sourcedId + "\" does not match the path id \"" + pathId + "\"");
        }
        if (item.path("title").asText().isBlank()) {
            throw ImsxException.invalidData("lineItem.title must not be blank");
        }
        JsonChecks.dateTime(item, P, "assignDate");
        OffsetDateTime dueDate = JsonChecks.dateTime(item, P, "dueDate");
        String classId = JsonChecks.refId(item, "class");
        String schoolId = JsonChecks.refId(item, "school");
        String categoryId = JsonChecks.refId(item, "category");
        String periodId = JsonChecks.refId(item, "gradingPeriod");
        checkScoreRange(item);

        RosterClass rosterClass = store.rosterClass(classId).orElseThrow(() ->
                ImsxException.invalidData("lineItem.class " + classId + " does not exist"));
        if (!rosterClass.schoolSourcedId().equals(schoolId)) {
            throw ImsxException.invalidData("lineItem.school " + schoolId + " is not the school of class " + classId
                    + " (" + rosterClass.schoolSourcedId() + ")");
        }
        checkCategory(classId, categoryId);
        LocalDate dueDay = dueDate.withOffsetSameInstant(ZoneOffset.UTC).toLocalDate();
        String dueText = item.get("dueDate").asText();
        checkDueDateInTerm(rosterClass, dueText, dueDay);
        if (periodId != null) {
            checkGradingPeriod(periodId, dueText, dueDay);
        }
        return item;
    }

    private static void checkScoreRange(ObjectNode item) {
        Double min = JsonChecks.optionalNumber(item, "resultValueMin");
        Double max = JsonChecks.optionalNumber(item, "resultValueMax");
        if (min != null && max != null && min > max) {
            throw ImsxException.invalidData("lineItem.resultValueMin " + min + " is greater than lineItem.resultValueMax " + max);
        }
    }

    private void checkCategory(String classId, String categoryId) {
        if (DUMMY_CATEGORY.equals(categoryId)) {
            throw ImsxException.invalidData("lineItem.category " + categoryId
                    + " is the OneRoster 1.1 dummy category; OneRoster 1.2 requires a real category of class " + classId);
        }
        boolean known = store.categoriesOf(classId).stream().anyMatch(c -> c.sourcedId().equals(categoryId));
        if (!known) {
            throw ImsxException.invalidData("lineItem.category " + categoryId + " is not a category of class " + classId);
        }
    }

    private void checkDueDateInTerm(RosterClass rosterClass, String dueDate, LocalDate dueDay) {
        boolean endInclusive = settings.gradingPeriodEndInclusive();
        List<GradingPeriod> periods = rosterClass.termSourcedIds().stream()
                .flatMap(term -> store.gradingPeriodsOfTerm(term).stream())
                .toList();
        if (periods.stream().noneMatch(p -> p.contains(dueDay, endInclusive))) {
            throw ImsxException.invalidData("lineItem.dueDate " + dueDate + " is outside every grading period of class "
                    + rosterClass.sourcedId());
        }
    }

    private void checkGradingPeriod(String periodId, String dueDate, LocalDate dueDay) {
        boolean endInclusive = settings.gradingPeriodEndInclusive();
        GradingPeriod period = store.gradingPeriod(periodId).orElseThrow(() ->
                ImsxException.invalidData("lineItem.gradingPeriod " + periodId + " does not exist"));
        if (!period.contains(dueDay, endInclusive)) {
            throw ImsxException.invalidData("lineItem.dueDate " + dueDate + " is outside lineItem.gradingPeriod " + periodId
                    + " (" + period.span(endInclusive) + ")");
        }
    }
}
