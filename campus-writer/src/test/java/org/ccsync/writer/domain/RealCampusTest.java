package org.ccsync.writer.domain;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.ccsync.writer.CampusSimulatorResource.SIMC;
import static org.ccsync.writer.CampusSimulatorResource.SIMC_ALG_CODE;
import static org.ccsync.writer.CampusSimulatorResource.SIMC_BIO_CODE;
import static org.ccsync.writer.WriterTestKit.awaitOutcomes;
import static org.ccsync.writer.WriterTestKit.send;
import static org.ccsync.writer.WriterTestKit.tree;
import static org.ccsync.writer.WriterTestKit.uid;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ccsync.contracts.AssignmentGroupRef;
import org.ccsync.contracts.DistrictStatusChanged;
import org.ccsync.contracts.EventIds;
import org.ccsync.contracts.ItemFailed;
import org.ccsync.contracts.ItemWritten;
import org.ccsync.contracts.SourcedIds;
import org.ccsync.contracts.Topics;
import org.ccsync.contracts.UpsertLineItem;
import org.ccsync.contracts.UpsertResult;
import org.ccsync.sandbox.campus.CampusSimulator;
import org.ccsync.sandbox.campus.DemoCampus;
import org.ccsync.sandbox.campus.RequestLogEntry;
import org.ccsync.testsupport.InfraTestResource;
import org.ccsync.testsupport.KafkaTestClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.ccsync.writer.CampusSimulatorResource;
import org.ccsync.writer.CampusWireMock;
import org.ccsync.writer.SimKit;
import org.ccsync.writer.TestClock;
import org.ccsync.writer.WriterTestKit;
import org.ccsync.writer.outbound.ic.OneRosterClient;

/**
 * A district whose Canvas is not provisioned from IC, against the IC simulator: classes and students found through
 * IC rostering with a separate Roster client, scopes required, results sent in batches, and a refused Roster client
 * reported as just that.
 */
@QuarkusTest
@WithTestResource(value = InfraTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = CampusWireMock.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = CampusSimulatorResource.class, scope = TestResourceScope.GLOBAL)
class RealCampusTest {

    private final CampusSimulator sim = CampusSimulatorResource.sim(SIMC);

    @BeforeEach
    void offPeak() {
        TestClock.pin(TestClock.OFF_PEAK);
    }

    @AfterEach
    void restore() {
        TestClock.unpin();
        CampusSimulatorResource.seedSimc();
    }

    private static UpsertLineItem lineItem(String courseId, String assignmentId, String sectionSisId) {
        return new UpsertLineItem(EventIds.of("real-li", assignmentId), Instant.now(), SIMC, courseId, assignmentId,
                sectionSisId, SourcedIds.lineItem(SIMC, assignmentId, sectionSisId), 1, "Lab " + assignmentId, 10.0,
                SimKit.DUE.minus(Duration.ofDays(7)), SimKit.DUE, new AssignmentGroupRef("g-q", "Quizzes", null));
    }

    private static UpsertResult result(UpsertLineItem item, String studentSisId, double score) {
        return new UpsertResult(EventIds.of("real-r", item.lineItemSourcedId(), studentSisId), Instant.now(), SIMC,
                item.courseId(), item.assignmentId(), item.classSourcedId(), item.lineItemSourcedId(),
                SourcedIds.result(item.lineItemSourcedId(), studentSisId), "u-" + studentSisId, studentSisId, 1, score,
                false, false, false, LocalDate.parse("2026-11-21"), Instant.now(), false);
    }

    @Test
    void classesAndStudentsAreFoundThroughRosteringAndResultsGoInBatches() {
        String id = uid();
        UpsertLineItem item = lineItem("course-" + id, "a-" + id, SIMC_BIO_CODE);
        send(item);
        assertThat(((ItemWritten) awaitOutcomes(item.lineItemSourcedId(), 1).get(0)).action())
                .isEqualTo(CampusWriter.UPSERTED);
        assertThat(sim.control().lineItems().get(item.lineItemSourcedId()).path("class").path("sourcedId").asText())
                .isEqualTo(DemoCampus.BIO1_P1);

        // The first result reads the class's students (and caches them); the rest are resolved without IC calls.
        UpsertResult byIdentifier = result(item, "100501", 9);
        send(byIdentifier);
        assertThat(((ItemWritten) awaitOutcomes(byIdentifier.resultSourcedId(), 1).get(0)).action())
                .isEqualTo(CampusWriter.UPSERTED);
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("s-5002-v11", "STU-5002");
        expected.put("CANVAS-5003", "STU-5003");
        expected.put("STU-6001", "STU-6001");
        for (int i = 2; i <= 10; i++) {
            expected.put("1060" + (i < 10 ? "0" : "") + i, "STU-60" + (i < 10 ? "0" : "") + i);
        }
        List<UpsertResult> results = new ArrayList<>();
        expected.keySet().forEach(student -> results.add(result(item, student, 7)));
        UpsertResult stranger = result(item, "999999", 5);
        results.forEach(WriterTestKit::send);
        send(stranger);

        for (UpsertResult result : results) {
            assertThat(((ItemWritten) awaitOutcomes(result.resultSourcedId(), 1).get(0)).action())
                    .isEqualTo(CampusWriter.UPSERTED);
            assertThat(sim.control().results().get(result.resultSourcedId()).path("student").path("sourcedId").asText())
                    .isEqualTo(expected.get(result.studentSourcedId()));
        }
        assertThat(sim.control().results().get(byIdentifier.resultSourcedId()).path("student").path("sourcedId")
                .asText()).isEqualTo("STU-5001");
        ItemFailed failed = (ItemFailed) awaitOutcomes(stranger.resultSourcedId(), 1).get(0);
        assertThat(failed.errorCode()).isEqualTo(IdentityResolver.STUDENT_NOT_IN_IC);
        assertThat(failed.error()).contains("Student 999999 was not found in Infinite Campus class SEC-BIO1-P1");
        assertThat(sim.control().results()).doesNotContainKey(stranger.resultSourcedId());

        // The serial lane sent waiting results of the lineItem together: fewer IC requests than results.
        String batchPath = "/lineItems/" + item.lineItemSourcedId() + "/results";
        List<RequestLogEntry> posts = sim.control().requests().stream()
                .filter(r -> r.method().equals("POST") && r.path().endsWith(batchPath) && r.status() == 201).toList();
        long puts = results.stream().mapToLong(r -> SimKit.puts(sim, "results", r.resultSourcedId())).sum();
        int batched = posts.stream().mapToInt(r -> tree(r.body()).path("results").size()).sum();
        assertThat(posts).isNotEmpty();
        assertThat(batched + puts).isEqualTo(results.size());
        assertThat(posts.size() + puts).isLessThan(results.size());
    }

    @Test
    void tokensAskForTheScopesOfTheirConnection() {
        String id = uid();
        UpsertLineItem item = lineItem("course-" + id, "s-" + id, SIMC_BIO_CODE);
        send(item);
        assertThat(((ItemWritten) awaitOutcomes(item.lineItemSourcedId(), 1).get(0)).action())
                .isEqualTo(CampusWriter.UPSERTED);

        // simc's IC refuses token requests without scopes: the write above proves both tokens named theirs.
        assertThat(sim.control().requestedScopes()).contains(
                String.join(" ", OneRosterClient.GRADEBOOK_SCOPES) + " " + OneRosterClient.CREATEPOST_SCOPE,
                String.join(" ", OneRosterClient.ROSTER_SCOPES));
    }

    @Test
    void aRefusedRosterClientIsReportedAsRosteringNotAsTheDistrictsCredentials() {
        String id = uid();
        // IC issued the Roster connection new keys: the writer's rostering token and credentials no longer work.
        sim.control().setRosteringClient("simc-roster-renewed", "renewed-secret");
        UpsertLineItem item = lineItem("course-" + id, "r-" + id, SIMC_ALG_CODE);

        send(item);

        ItemFailed failed = (ItemFailed) awaitOutcomes(item.lineItemSourcedId(), 1).get(0);
        assertThat(failed.errorCode()).isEqualTo(OneRosterClient.ROSTERING_REJECTED);
        assertThat(failed.error()).contains("Roster connection").contains("The gradebook was not refused");
        assertThat(WriterTestKit.kafka().currentRecords(Topics.SYNC_OUTCOMES,
                r -> SIMC.equals(r.key()) && r.value().contains("\"DistrictStatusChanged\"")))
                .map(r -> (DistrictStatusChanged) KafkaTestClient.read(r, org.ccsync.contracts.SyncOutcome.class))
                .noneMatch(status -> !status.credentialsValid());
    }

    @Test
    void theWriterSaysHowEachDistrictIsConnected() {
        given().get("/districts/" + SIMC).then().statusCode(200)
                .body("identityStrategy", equalTo("ic-rostering"))
                .body("batchResults", equalTo(true))
                .body("separateRosteringClient", equalTo(true))
                .body("gradingPeriodEndInclusive", equalTo(false))
                .body("tokenScopes", equalTo(true));
        given().get("/districts/" + CampusSimulatorResource.SIMA).then().statusCode(200)
                .body("identityStrategy", equalTo("sis-ids"))
                .body("batchResults", equalTo(false));
        given().get("/districts/nowhere").then().statusCode(404).body("code", equalTo("district_not_configured"));
        JsonNode all = tree(given().get("/districts").then().statusCode(200).extract().asString());
        assertThat(all.findValuesAsText("tenant")).contains(SIMC, CampusSimulatorResource.SIMA);
    }
}
