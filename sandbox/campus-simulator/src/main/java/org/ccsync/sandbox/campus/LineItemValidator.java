package org.ccsync.sandbox.campus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;

/** Applies IC's OneRoster 1.2 rules to a PUT lineItem body. */
final class LineItemValidator {

    static final String DUMMY_CATEGORY = "00000000-0000-0000-0000-000000000000";
    private static final String P = "lineItem";
    private static final Set<String> STATUSES = Set.of("active", "tobedeleted");

    private final CampusStore store;

    LineItemValidator(CampusStore store) {
        this.store = store;
    }

    /** Returns the lineItem to store or throws the 400/422 IC would answer. */
    ObjectNode validate(String pathId, JsonNode body) {
        ObjectNode item = JsonChecks.wrapped(body, P);
        String sourcedId = JsonChecks.requiredText(item, P, "sourcedId");
        if (!sourcedId.equals(pathId)) {
            throw ImsxException.invalidData("lineItem.sourcedId \"" + sourcedId + "\" does not match the path id \"" + pathId + "\"");
        }
        JsonChecks.requiredOneOf(item, P, "status", STATUSES);
        JsonChecks.requiredDateTime(item, P, "dateLastModified");
        JsonChecks.requiredText(item, P, "title");
        JsonChecks.optionalText(item, P, "description");
        JsonChecks.requiredDateTime(item, P, "assignDate");
        OffsetDateTime dueDate = JsonChecks.requiredDateTime(item, P, "dueDate");
        String classId = JsonChecks.guidRef(item, P, "class", "class", true);
        String schoolId = JsonChecks.guidRef(item, P, "school", "org", true);
        String categoryId = JsonChecks.guidRef(item, P, "category", "category", true);
        String periodId = JsonChecks.guidRef(item, P, "gradingPeriod", "academicSession", false);
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
        Double min = JsonChecks.optionalNumber(item, P, "resultValueMin");
        Double max = JsonChecks.optionalNumber(item, P, "resultValueMax");
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
        List<GradingPeriod> periods = rosterClass.termSourcedIds().stream()
                .flatMap(term -> store.gradingPeriodsOfTerm(term).stream())
                .toList();
        if (periods.stream().noneMatch(p -> p.contains(dueDay))) {
            throw ImsxException.invalidData("lineItem.dueDate " + dueDate + " is outside every grading period of class "
                    + rosterClass.sourcedId());
        }
    }

    private void checkGradingPeriod(String periodId, String dueDate, LocalDate dueDay) {
        GradingPeriod period = store.gradingPeriod(periodId).orElseThrow(() ->
                ImsxException.invalidData("lineItem.gradingPeriod " + periodId + " does not exist"));
        if (!period.contains(dueDay)) {
            throw ImsxException.invalidData("lineItem.dueDate " + dueDate + " is outside lineItem.gradingPeriod " + periodId
                    + " (" + period.startDate() + " to " + period.endDate() + ")");
        }
    }
}
