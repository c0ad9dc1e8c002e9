package org.ccsync.writer.domain;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.ccsync.writer.CampusSimulatorResource.SIME;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.ccsync.contracts.AssignmentGroupRef;
import org.ccsync.contracts.EventIds;
import org.ccsync.contracts.SourcedIds;
import org.ccsync.contracts.UpsertLineItem;
import org.ccsync.contracts.UpsertResult;
import org.ccsync.sandbox.campus.CampusSimulator;
import org.ccsync.sandbox.campus.CampusStats;
import org.ccsync.sandbox.campus.DemoCampus;
import org.ccsync.testsupport.InfraTestResource;
import org.junit.jupiter.api.Test;
import org.ccsync.writer.CampusSimulatorResource;
import org.ccsync.writer.CampusWireMock;
import org.ccsync.writer.TestClock;
import org.ccsync.writer.WriterTestKit;

/**
 * The verification of a 30-assignment, 4-class, 120-student course (120 lineItems, 3,600 results) stays inside the
 * district's IC lane: the simulator's peak concurrency never exceeds the off-peak cap of 5, and the verification
 * takes one lineItems read per class and one results read per lineItem (page size 100). Prints the figures recorded in
 * BENCHMARKS.md; asserts the bounds, never a time. The district reports drift only, so a difference is shown and
 * IC is left alone.
 */
@QuarkusTest
@WithTestResource(value = InfraTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = CampusWireMock.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = CampusSimulatorResource.class, scope = TestResourceScope.GLOBAL)
class VerificationLoadTest {

    private static final List<String> CLASSES = List.of(DemoCampus.BIO1_P1, DemoCampus.BIO1_P2, DemoCampus.ALG1_P3,
            DemoCampus.WH_P4);
    private static final Instant DUE = Instant.parse("2026-11-20T23:59:00Z");

    private final CampusSimulator sim = CampusSimulatorResource.sim(SIME);

    @Test
    void verifyingALargeCourseStaysUnderTheCapWithOneReadPerClassAndLineItem() {
        TestClock.pin(TestClock.OFF_PEAK);
        String course = "load-" + WriterTestKit.uid();
        List<UpsertResult> results = new ArrayList<>();
        for (String classId : CLASSES) {
            for (int s = 1; s <= 30; s++) {
                sim.control().enroll(classId, student(classId, s));
            }
        }
        for (int a = 1; a <= 30; a++) {
            String assignment = course + "-a" + a;
            for (String classId : CLASSES) {
                String lineItem = SourcedIds.lineItem(SIME, assignment, classId);
                WriterTestKit.send(new UpsertLineItem(EventIds.of("load-li", lineItem), Instant.now(), SIME, course,
                        assignment, classId, lineItem, 1, "Assignment " + a, 10.0, DUE.minus(Duration.ofDays(7)), DUE,
                        new AssignmentGroupRef("g-q", "Quizzes", null)));
                for (int s = 1; s <= 30; s++) {
                    String student = student(classId, s);
                    results.add(new UpsertResult(EventIds.of("load-r", lineItem, student), Instant.now(), SIME, course,
                            assignment, classId, lineItem, SourcedIds.result(lineItem, student), "u-" + student,
                            student, 1, (double) (s % 11), false, false, false, LocalDate.parse("2026-11-21"),
                            Instant.now(), false));
                }
            }
        }
        results.forEach(WriterTestKit::send);
        await().atMost(Duration.ofMinutes(5)).until(() -> sim.control().results().size() >= 3600);
        await().atMost(Duration.ofMinutes(1)).until(() -> sim.control().stats().inFlight() == 0);

        sim.control().resetStats();
        JsonPath verified = given().post("/districts/" + SIME + "/courses/" + course + "/verify").then()
                .statusCode(200).extract().jsonPath();
        CampusStats stats = sim.control().stats();
        System.out.printf("VERIFICATION BENCHMARK: 30 assignments x 4 classes x 30 students (120 lineItems, 3600 "
                + "results): %d IC gradebook requests (%d collection reads), peak concurrency %d (cap 5), %d "
                + "differences%n", stats.totalGradebookRequests(), verified.getInt("icRequests"),
                stats.peakConcurrency(), verified.getInt("found"));
        assertThat(verified.getInt("found")).isZero();
        assertThat(verified.getInt("icRequests")).isEqualTo(4 + 120);
        assertThat(stats.totalGradebookRequests()).isEqualTo(4 + 120);
        assertThat(stats.peakConcurrency()).isBetween(1, 5);

        // The district reports drift only: the difference is shown, IC is not written.
        UpsertResult changed = results.get(0);
        sim.control().changeScore(changed.resultSourcedId(), 99);
        JsonPath reported = given().post("/districts/" + SIME + "/courses/" + course + "/verify").then()
                .statusCode(200).extract().jsonPath();
        assertThat(reported.getInt("found")).isEqualTo(1);
        assertThat(reported.getInt("repaired")).isZero();
        assertThat(reported.getList("findings.action", String.class)).containsExactly("reported");
        assertThat(reported.getString("mode")).isEqualTo("REPORT_ONLY");
        sim.control().resetStats();
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() ->
                sim.control().results().get(changed.resultSourcedId()).path("score").asDouble() == 99.0);
        assertThat(sim.control().stats().totalGradebookRequests()).as("nothing written").isZero();
    }

    private static String student(String classId, int n) {
        return "LOAD-" + classId + "-" + n;
    }
}
