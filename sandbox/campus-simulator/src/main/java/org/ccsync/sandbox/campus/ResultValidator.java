package org.ccsync.sandbox.campus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * IC's rules on top of the OneRoster 1.2 binding for a result (the binding itself is checked before, by
 * {@link ContractGuard}): the path id, no negative score, no score on an exempt result, an existing lineItem and a
 * student enrolled in its class.
 */
final class ResultValidator {

    private static final String P = "result";

    private final CampusStore store;

    ResultValidator(CampusStore store) {
        this.store = store;
    }

    /** Returns the result of a PUT body to store or throws the 422 IC would answer. */
    ObjectNode validate(String pathId, JsonNode body) {
        ObjectNode result = (ObjectNode) body.get(P);
        String sourcedId = result.path("sourcedId").asText();
        if (!sourcedId.equals(pathId)) {
            throw ImsxException.invalidData("result.sourcedId \"" + sourcedId + "\" does not match the path id \"" + pathId + "\"");
        }
        return validateResult(result, null);
    }

    /**
     * Applies IC's rules to one result; {@code lineItemId}, when not null, is the lineItem of the batch the result
     * came in (its own reference must name it).
     */
    ObjectNode validateResult(ObjectNode result, String lineItemId) {
        String scoreStatus = result.path("scoreStatus").asText();
        checkScore(result, scoreStatus);
        String ref = JsonChecks.refId(result, "lineItem");
        if (lineItemId != null && !lineItemId.equals(ref)) {
            throw ImsxException.invalidData("result " + result.path("sourcedId").asText() + ": result.lineItem " + ref
                    + " is not the lineItem of the request (" + lineItemId + ")");
        }
        ObjectNode lineItem = store.lineItem(ref).orElseThrow(() ->
                ImsxException.invalidData("result.lineItem " + ref + " does not exist"));
        String classId = lineItem.path("class").path("sourcedId").asText();
        String studentId = JsonChecks.refId(result, "student");
        if (!store.isEnrolled(classId, studentId)) {
            throw ImsxException.invalidData("result.student " + studentId + " is not enrolled in class " + classId);
        }
        return result;
    }

    private static void checkScore(ObjectNode result, String scoreStatus) {
        Double score = JsonChecks.optionalNumber(result, "score");
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
