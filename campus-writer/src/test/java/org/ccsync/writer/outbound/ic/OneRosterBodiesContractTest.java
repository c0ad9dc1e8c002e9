package org.ccsync.writer.outbound.ic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.ccsync.contracts.UpsertLineItem;
import org.ccsync.contracts.UpsertResult;
import org.ccsync.sandbox.campus.OneRosterContract;
import org.ccsync.sandbox.campus.OneRosterContract.Service;
import org.ccsync.testsupport.InfraTestResource;
import org.junit.jupiter.api.Test;
import org.ccsync.writer.CampusSimulatorResource;
import org.ccsync.writer.CampusWireMock;
import org.ccsync.writer.WriterTestKit;
import org.ccsync.writer.domain.IdentityResolver;

/** Every body the writer can build passes the official OneRoster 1.2 schemas (the files the simulator serves). */
@QuarkusTest
@WithTestResource(value = InfraTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = CampusWireMock.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = CampusSimulatorResource.class, scope = TestResourceScope.GLOBAL)
class OneRosterBodiesContractTest {

    private static final String TENANT = CampusWireMock.WM;
    private final OneRosterContract contract = OneRosterContract.get();

    @Inject
    OneRosterBodies bodies;

    private static UpsertResult result(Double score, boolean excused, boolean late, boolean missing,
            LocalDate scoreDate, boolean partiallyGraded) {
        UpsertResult r = WriterTestKit.result(TENANT, "c", "SEC-1", "a1", "STU-1", 7, score, excused, late, missing);
        return new UpsertResult(r.eventId(), r.occurredAt(), r.tenant(), r.courseId(), r.assignmentId(),
                r.classSourcedId(), r.lineItemSourcedId(), r.resultSourcedId(), r.userId(), r.studentSourcedId(),
                r.sourceVersion(), r.score(), r.excused(), r.late(), r.missing(), scoreDate, r.gradedAt(),
                partiallyGraded);
    }

    @Test
    void everyLineItemBodyPassesTheSchema() {
        UpsertLineItem item = WriterTestKit.lineItem(TENANT, "c", "SEC-1", "a1", 3, "Lab report", "Labs");
        UpsertLineItem noAssignDate = new UpsertLineItem(item.eventId(), item.occurredAt(), TENANT, "c", "a1",
                "SEC-1", item.lineItemSourcedId(), 3, "Lab report", 0.0, null, item.dueDate(), null);
        IcClass icClass = new IcClass("SEC-1", "SCH-1", List.of("TERM-1"));
        IcClass noSchool = new IcClass("SEC-1", null, List.of("TERM-1"));
        IcCategory category = new IcCategory("CAT-1", "Labs");
        IcGradingPeriod period = new IcGradingPeriod("GP-1", "Q1", LocalDate.parse("2025-08-15"),
                LocalDate.parse("2025-11-01"));

        for (OneRosterBodies.Body body : List.of(
                bodies.lineItem(item, icClass, category, Optional.of(period)),
                bodies.lineItem(item, icClass, category, Optional.empty()),
                bodies.lineItem(noAssignDate, icClass, category, Optional.of(period)))) {
            assertThat(contract.validateSchema(Service.GRADEBOOK, "SingleLineItemDType", body.json()))
                    .as(body.json()).isEmpty();
            assertThat(contract.validateSchema(Service.GRADEBOOK, "LineItemDType", body.item())).isEmpty();
        }
        // The binding requires a school: a class without one in rostering is refused before IC is asked.
        assertThatThrownBy(() -> bodies.lineItem(item, noSchool, category, Optional.of(period)))
                .isInstanceOfSatisfying(WriteFailure.class, f -> assertThat(f.errorCode())
                        .isEqualTo("class_without_school"));
    }

    @Test
    void everyResultBodyPassesTheSchemaAloneAndInABatch() {
        List<UpsertResult> results = Stream.of(
                result(8.5, false, false, false, LocalDate.parse("2025-09-12"), false),   // scored
                result(null, true, false, false, LocalDate.parse("2025-09-12"), false),   // exempt (excused)
                result(6.0, false, true, false, LocalDate.parse("2025-09-12"), false),    // late
                result(0.0, false, false, true, LocalDate.parse("2025-09-12"), false),    // missing, scored 0
                result(null, false, false, true, null, false),                            // missing, not submitted
                result(null, false, false, false, null, false),                           // not submitted
                result(4.0, false, false, false, LocalDate.parse("2025-09-12"), true))    // partially graded
                .toList();
        List<String> statuses = results.stream().map(OneRosterBodies::scoreStatus).toList();
        assertThat(statuses).containsExactly("fully graded", "exempt", "fully graded", "fully graded",
                "not submitted", "not submitted", "partially graded");

        StringBuilder batch = new StringBuilder("{\"results\":[");
        for (UpsertResult result : results) {
            OneRosterBodies.Body body = bodies.result(result);
            assertThat(contract.validateSchema(Service.GRADEBOOK, "SingleResultDType", body.json()))
                    .as(body.json()).isEmpty();
            OneRosterBodies.Body resolved = bodies.result(result, new IdentityResolver.ResultIds("IC-CLS", "IC-STU"));
            assertThat(contract.validateSchema(Service.GRADEBOOK, "SingleResultDType", resolved.json())).isEmpty();
            batch.append(batch.length() > 12 ? "," : "").append(body.item());
        }
        batch.append("]}");
        assertThat(contract.validateSchema(Service.GRADEBOOK, "ResultSetDType", batch.toString())).isEmpty();
    }

    @Test
    void aBodyThatBreaksTheSchemaIsCaught() {
        String json = bodies.result(result(8.5, false, false, false, LocalDate.parse("2025-09-12"), false)).json();
        assertThat(contract.validateSchema(Service.GRADEBOOK, "SingleResultDType",
                json.replace("\"fully graded\"", "\"graded\""))).isNotEmpty();
        assertThat(contract.validateSchema(Service.GRADEBOOK, "SingleResultDType",
                json.replace("\"2025-09-12\"", "\"2025-09-12T00:00:00Z\""))).isNotEmpty();
        assertThat(contract.validateSchema(Service.GRADEBOOK, "SingleResultDType",
                json.replace("\"late\":\"false\"", "\"late\":false"))).isNotEmpty();
    }
}
