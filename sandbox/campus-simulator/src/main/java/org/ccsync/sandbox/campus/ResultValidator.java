package org.ccsync.sandbox.campus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Set;

/** Applies IC's OneRoster 1.2 rules to a PUT result body. */
final class ResultValidator {

    private static final String P = "result";
    private static final Set<String> STATUSES = Set.of("active", "tobedeleted");
    private static final Set<String> SCORE_STATUSES =
            Set.of("exempt", "fully graded", "not submitted", "partially graded", "submitted");
    private static final String[] FLAGS = {"late", "missing", "incomplete", "inProgress"};

    private final CampusStore store;

    ResultValidator(CampusStore store) {
        this.store = store;
    }

    /** Returns the result to store or throws the 400/422 IC would answer. */
    ObjectNode validate(String pathId, JsonNode body) {
        ObjectNode result = JsonChecks.wrapped(body, P);
        String sourcedId = JsonChecks.requiredText(result, P, "sourcedId");
        if (!sourcedId.equals(pathId)) {
            throw ImsxException.invalidData("result.sourcedId \"" + sourcedId + "\" does not match the path id \"" + pathId + "\"");
        }
        JsonChecks.requiredOneOf(result, P, "status", STATUSES);
        JsonChecks.requiredDateTime(result, P, "dateLastModified");
        String lineItemId = JsonChecks.guidRef(result, P, "lineItem", "lineItem", true);
        String studentId = JsonChecks.guidRef(result, P, "student", "user", true);
        JsonChecks.guidRef(result, P, "class", "class", false);
        String scoreStatus = JsonChecks.requiredOneOf(result, P, "scoreStatus", SCORE_STATUSES);
        JsonChecks.requiredDate(result, P, "scoreDate");
        for (String flag : FLAGS) {
            JsonChecks.optionalBooleanString(result, P, flag);
        }
        JsonChecks.optionalText(result, P, "textScore");
        JsonChecks.optionalText(result, P, "comment");
        checkScore(result, scoreStatus);

        ObjectNode lineItem = store.lineItem(lineItemId).orElseThrow(() ->
                ImsxException.invalidData("result.lineItem " + lineItemId + " does not exist"));
        String classId = lineItem.path("class").path("sourcedId").asText();
        if (!store.isEnrolled(classId, studentId)) {
            throw ImsxException.invalidData("result.student " + studentId + " is not enrolled in class " + classId);
        }
        return result;
    }

    private static void checkScore(ObjectNode result, String scoreStatus) {
        Double score = JsonChecks.optionalNumber(result, P, "score");
        if (score == null) {
            return;
        }
        if (score < 0) {
            throw ImsxException.invalidData("result.score must be >= 0 but was " + score);
        }
        if ("exempt".equals(scoreStatus)) {
            throw ImsxException.invalidData("result.score must be absent when result.scoreStatus is \"exempt\"");
        }
    }
}
