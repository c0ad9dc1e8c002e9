package org.ccsync.sandbox.campus;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import org.ccsync.sandbox.campus.OneRosterContract.Service;
import org.junit.jupiter.api.Test;

/** The official OpenAPI files on the classpath, and what the validator makes of valid and broken bodies. */
class OneRosterContractTest {

    private final OneRosterContract contract = OneRosterContract.get();

    @Test
    void findsOperationsByMethodAndPath() {
        assertThat(contract.operation(Service.GRADEBOOK, "PUT", "/lineItems/abc")).get()
                .extracting(OneRosterContract.Operation::operationId).isEqualTo("putLineItem");
        assertThat(contract.operation(Service.GRADEBOOK, "POST", "/lineItems/abc/results")).get()
                .extracting(OneRosterContract.Operation::operationId).isEqualTo("postResultsForLineItem");
        assertThat(contract.operation(Service.ROSTERING, "GET", "/terms/T1/gradingPeriods")).get()
                .extracting(OneRosterContract.Operation::scopes).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST)
                .containsExactly("https://purl.imsglobal.org/spec/or/v1p2/scope/roster.readonly");
        assertThat(contract.operation(Service.GRADEBOOK, "PATCH", "/lineItems/abc")).isEmpty();
    }

    @Test
    void theFilesAreTheOfficialOnesUnchanged() throws Exception {
        assertThat(sha256(Service.GRADEBOOK.resource()))
                .isEqualTo("547131deef5d05b411cf49cfaea101fa91b0f9875bc45e06d48125fad3787a5f");
        assertThat(sha256(Service.ROSTERING.resource()))
                .isEqualTo("06cafc2234ae1cdc58a2fe8ea03a8e0a5bf57d0e39830468d9adf7cc16acd26f");
    }

    @Test
    void knowsTheScopesOfBothServices() {
        assertThat(contract.knownScopes()).contains(
                "https://purl.imsglobal.org/spec/or/v1p2/scope/gradebook.createput",
                "https://purl.imsglobal.org/spec/or/v1p2/scope/gradebook.delete",
                "https://purl.imsglobal.org/spec/or/v1p2/scope/roster-core.readonly",
                "https://purl.imsglobal.org/spec/or/v1p2/scope/roster.readonly");
    }

    @Test
    void responsesAreCheckedByStatus() {
        OneRosterContract.Operation put = contract.operation(Service.GRADEBOOK, "PUT", "/results/R1").orElseThrow();
        assertThat(contract.validateResponse(put, 201, null)).isEmpty();
        assertThat(contract.validateResponse(put, 422, CampusJson.write(HttpReplies.imsxBody("invaliddata", "x"))))
                .isEmpty();
        assertThat(contract.validateResponse(put, 422, "{\"error\":\"x\"}")).isNotEmpty();
        OneRosterContract.Operation classes = contract.operation(Service.ROSTERING, "GET", "/classes/C1").orElseThrow();
        assertThat(contract.validateResponse(classes, 200, "{\"class\":{\"sourcedId\":\"C1\"}}"))
                .anyMatch(e -> e.contains("title"));
    }

    private static String sha256(String resource) throws Exception {
        try (java.io.InputStream in = OneRosterContract.class.getClassLoader().getResourceAsStream(resource)) {
            return java.util.HexFormat.of().formatHex(
                    java.security.MessageDigest.getInstance("SHA-256").digest(in.readAllBytes()));
        }
    }

    @Test
    void validBodiesPass() {
        assertThat(contract.validateSchema(Service.GRADEBOOK, "SingleLineItemDType",
                OneRosterBodies.wrap("lineItem", OneRosterBodies.lineItem("LI-1", DemoCampus.BIO1_P1)))).isEmpty();
        assertThat(contract.validateSchema(Service.GRADEBOOK, "SingleResultDType",
                OneRosterBodies.wrap("result", OneRosterBodies.result("R-1", "LI-1", "STU-5001")))).isEmpty();
    }

    @Test
    void wrongScoreStatusMissingLineItemAndMalformedDatesFail() {
        ObjectNode wrongStatus = OneRosterBodies.result("R-1", "LI-1", "STU-5001").put("scoreStatus", "graded");
        ObjectNode noLineItem = OneRosterBodies.result("R-1", "LI-1", "STU-5001");
        noLineItem.remove("lineItem");
        ObjectNode badDate = OneRosterBodies.result("R-1", "LI-1", "STU-5001").put("scoreDate", "2026-11-27T10:00:00Z");
        ObjectNode badDueDate = OneRosterBodies.lineItem("LI-1", DemoCampus.BIO1_P1).put("dueDate", "next friday");
        assertThat(contract.validateSchema(Service.GRADEBOOK, "SingleResultDType",
                OneRosterBodies.wrap("result", wrongStatus))).anyMatch(e -> e.contains("scoreStatus"));
        assertThat(contract.validateSchema(Service.GRADEBOOK, "SingleResultDType",
                OneRosterBodies.wrap("result", noLineItem))).anyMatch(e -> e.contains("lineItem"));
        assertThat(contract.validateSchema(Service.GRADEBOOK, "SingleResultDType",
                OneRosterBodies.wrap("result", badDate))).anyMatch(e -> e.contains("scoreDate"));
        assertThat(contract.validateSchema(Service.GRADEBOOK, "SingleLineItemDType",
                OneRosterBodies.wrap("lineItem", badDueDate))).anyMatch(e -> e.contains("dueDate"));
    }

    @Test
    void queryParametersFollowTheirSchemas() {
        OneRosterContract.Operation op = contract.operation(Service.GRADEBOOK, "GET", "/classes/C1/categories")
                .orElseThrow();
        assertThat(contract.validateRequest(op, Map.of("limit", List.of("25"), "offset", List.of("50")), null))
                .isEmpty();
        assertThat(contract.validateRequest(op, Map.of("limit", List.of("0")), null)).hasSize(1);
        assertThat(contract.validateRequest(op, Map.of("offset", List.of("x")), null)).hasSize(1);
        assertThat(contract.validateRequest(op, Map.of("orderBy", List.of("sideways")), null)).hasSize(1);
    }
}
