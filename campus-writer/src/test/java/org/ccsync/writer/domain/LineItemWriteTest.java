package org.ccsync.writer.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ccsync.writer.CampusWireMock.WM;
import static org.ccsync.writer.WriterTestKit.awaitOutcomes;
import static org.ccsync.writer.WriterTestKit.currentOutcomes;
import static org.ccsync.writer.WriterTestKit.deletion;
import static org.ccsync.writer.WriterTestKit.lineItem;
import static org.ccsync.writer.WriterTestKit.puts;
import static org.ccsync.writer.WriterTestKit.send;
import static org.ccsync.writer.WriterTestKit.tree;
import static org.ccsync.writer.WriterTestKit.uid;

import com.github.tomakehurst.wiremock.client.WireMock;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.ccsync.contracts.ItemFailed;
import org.ccsync.contracts.ItemKind;
import org.ccsync.contracts.ItemWritten;
import org.ccsync.contracts.SyncOutcome;
import org.ccsync.contracts.UpsertLineItem;
import org.ccsync.testsupport.InfraTestResource;
import org.junit.jupiter.api.Test;
import org.ccsync.writer.CampusWireMock;
import org.ccsync.writer.persistence.CategoryMappingEntry;

/** LineItem writes end to end: exact OneRoster body, ledger skips, category mapping, grading period, delete. */
@QuarkusTest
@WithTestResource(value = InfraTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = CampusWireMock.class, scope = TestResourceScope.GLOBAL)
class LineItemWriteTest {

    @Test
    void putsTheExactOneRosterLineItemWithCategoryAndGradingPeriod() {
        String id = uid();
        String classId = "cls-" + id;
        CampusWireMock.seedClass(WM, classId, "sch-" + id, "term-" + id,
                Map.of("cat-hw-" + id, "Homework", "cat-lab-" + id, "Science Labs"));
        UpsertLineItem command = lineItem(WM, "course-" + id, classId, "a-" + id, 1_757_000_000_000L, "Lab 1",
                "Labs");

        send(command);

        ItemWritten written = (ItemWritten) awaitOutcomes(command.lineItemSourcedId(), 1).get(0);
        String base = CampusWireMock.baseUrl();
        String expected = """
                {"lineItem": {
                  "sourcedId": "%1$s", "status": "active", "dateLastModified": "%2$s",
                  "title": "Lab 1", "assignDate": "2025-09-01T13:00:00Z", "dueDate": "2025-09-10T04:59:00Z",
                  "class": {"href": "%3$s%4$s/classes/%5$s", "sourcedId": "%5$s", "type": "class"},
                  "school": {"href": "%3$s%4$s/orgs/sch-%6$s", "sourcedId": "sch-%6$s", "type": "org"},
                  "category": {"href": "%3$s%7$s/categories/cat-lab-%6$s", "sourcedId": "cat-lab-%6$s",
                               "type": "category"},
                  "gradingPeriod": {"href": "%3$s%4$s/academicSessions/term-%6$s-Q1", "sourcedId": "term-%6$s-Q1",
                                    "type": "academicSession"},
                  "resultValueMin": 0.0, "resultValueMax": 10.0}}
                """.formatted(command.lineItemSourcedId(), Instant.ofEpochMilli(1_757_000_000_000L), base,
                CampusWireMock.RO, classId, id, CampusWireMock.GB);
        var requests = puts("lineItems", command.lineItemSourcedId());
        assertThat(requests).hasSize(1);
        assertThat(tree(requests.get(0).getBodyAsString())).isEqualTo(tree(expected));
        assertThat(requests.get(0).getHeader("Content-Type")).startsWith("application/json");

        assertThat(written.action()).isEqualTo("UPSERTED");
        assertThat(written.category()).isEqualTo("Science Labs");
        assertThat(written.gradingPeriod()).isEqualTo("term-" + id + "-Q1");
        assertThat(written.changedAt()).isEqualTo(command.occurredAt());
        assertThat(written.item().kind()).isEqualTo(ItemKind.LINE_ITEM);
        assertThat(written.item().sourcedId()).isEqualTo(command.lineItemSourcedId());
        assertThat(written.item().assignmentId()).isEqualTo(command.assignmentId());
        assertThat(written.item().classSourcedId()).isEqualTo(classId);
        assertThat(written.item().title()).isEqualTo("Lab 1");
        assertThat(written.sourceVersion()).isEqualTo(command.sourceVersion());
    }

    @Test
    void theSameCommandAgainIsUnchangedAndNotSentTwice() {
        String id = uid();
        String classId = "cls-" + id;
        CampusWireMock.seedClass(WM, classId, "sch-" + id, "term-" + id, Map.of("cat-" + id, "Homework"));
        UpsertLineItem command = lineItem(WM, "course-" + id, classId, "a-" + id, 100, "Reading log", "Homework");

        send(command);
        send(command);

        List<SyncOutcome> outcomes = awaitOutcomes(command.lineItemSourcedId(), 2);
        assertThat(outcomes).map(o -> ((ItemWritten) o).action()).containsExactly("UPSERTED", "UNCHANGED");
        assertThat(outcomes).map(SyncOutcome::eventId).containsOnly(outcomes.get(0).eventId());
        assertThat(puts("lineItems", command.lineItemSourcedId())).hasSize(1);
    }

    @Test
    void anOlderVersionAfterANewerOneIsNotWritten() {
        String id = uid();
        String classId = "cls-" + id;
        CampusWireMock.seedClass(WM, classId, "sch-" + id, "term-" + id, Map.of("cat-" + id, "Homework"));
        UpsertLineItem newer = lineItem(WM, "course-" + id, classId, "a-" + id, 200, "Essay (final)", "Homework");
        UpsertLineItem older = lineItem(WM, "course-" + id, classId, "a-" + id, 150, "Essay (draft)", "Homework");
        UpsertLineItem marker = lineItem(WM, "course-" + id, classId, "marker-" + id, 1, "Marker", "Homework");

        send(newer);
        send(older);
        send(marker);

        awaitOutcomes(marker.lineItemSourcedId(), 1);
        var requests = puts("lineItems", newer.lineItemSourcedId());
        assertThat(requests).hasSize(1);
        assertThat(tree(requests.get(0).getBodyAsString()).path("lineItem").path("title").asText())
                .isEqualTo("Essay (final)");
        assertThat(currentOutcomes(newer.lineItemSourcedId())).map(SyncOutcome::sourceVersion).containsExactly(200L);
    }

    @Test
    void aCourseOverrideRowBeatsANameMatch() {
        String id = uid();
        String classId = "cls-" + id;
        String courseId = "course-" + id;
        CampusWireMock.seedClass(WM, classId, "sch-" + id, "term-" + id,
                Map.of("cat-proj-" + id, "Projects", "cat-assess-" + id, "Assessments"));
        QuarkusTransaction.requiringNew().run(() -> {
            CategoryMappingEntry row = new CategoryMappingEntry();
            row.tenant = WM;
            row.courseId = courseId;
            row.canvasGroupName = "projects";
            row.icCategoryTitle = "Assessments";
            row.persist();
        });
        UpsertLineItem command = lineItem(WM, courseId, classId, "a-" + id, 1, "Bridge build", "Projects");

        send(command);

        ItemWritten written = (ItemWritten) awaitOutcomes(command.lineItemSourcedId(), 1).get(0);
        assertThat(written.category()).isEqualTo("Assessments");
        assertThat(tree(puts("lineItems", command.lineItemSourcedId()).get(0).getBodyAsString())
                .path("lineItem").path("category").path("sourcedId").asText()).isEqualTo("cat-assess-" + id);
    }

    @Test
    void aPluralCategoryMatchesASingularGroupName() {
        String id = uid();
        String classId = "cls-" + id;
        CampusWireMock.seedClass(WM, classId, "sch-" + id, "term-" + id,
                Map.of("cat-hw-" + id, "Homework", "cat-quiz-" + id, "Quizzes"));
        UpsertLineItem command = lineItem(WM, "course-" + id, classId, "a-" + id, 1, "Quiz 3", " quiz ");

        send(command);

        ItemWritten written = (ItemWritten) awaitOutcomes(command.lineItemSourcedId(), 1).get(0);
        assertThat(written.category()).isEqualTo("Quizzes");
        assertThat(tree(puts("lineItems", command.lineItemSourcedId()).get(0).getBodyAsString())
                .path("lineItem").path("category").path("sourcedId").asText()).isEqualTo("cat-quiz-" + id);
    }

    @Test
    void anUnmatchedGroupFallsBackToTheDistrictDefault() {
        String id = uid();
        String classId = "cls-" + id;
        CampusWireMock.seedClass(WM, classId, "sch-" + id, "term-" + id,
                Map.of("cat-hw-" + id, "Homework", "cat-cw-" + id, "Classwork"));
        UpsertLineItem command = lineItem(WM, "course-" + id, classId, "a-" + id, 1, "Bonus", "Extra Credit");

        send(command);

        ItemWritten written = (ItemWritten) awaitOutcomes(command.lineItemSourcedId(), 1).get(0);
        assertThat(written.category()).isEqualTo("Classwork");
        assertThat(tree(puts("lineItems", command.lineItemSourcedId()).get(0).getBodyAsString())
                .path("lineItem").path("category").path("sourcedId").asText()).isEqualTo("cat-cw-" + id);
    }

    @Test
    void noMappingFailsTheItemWithoutWritingIt() {
        String id = uid();
        String classId = "cls-" + id;
        CampusWireMock.seedClass(CampusWireMock.NODEF, classId, "sch-" + id, "term-" + id,
                Map.of("cat-hw-" + id, "Homework"));
        UpsertLineItem command = lineItem(CampusWireMock.NODEF, "course-" + id, classId, "a-" + id, 1, "Bonus",
                "Extra Credit");

        send(command);

        ItemFailed failed = (ItemFailed) awaitOutcomes(command.lineItemSourcedId(), 1).get(0);
        assertThat(failed.errorCode()).isEqualTo("no_category_mapping");
        assertThat(failed.error()).contains("'Extra Credit'").contains(classId).contains("Homework");
        assertThat(failed.retryable()).isFalse();
        assertThat(failed.item().title()).isEqualTo("Bonus");
        assertThat(puts("lineItems", command.lineItemSourcedId())).isEmpty();
    }

    @Test
    void aDeleteCommandDeletesTheLineItem() {
        String id = uid();
        String classId = "cls-" + id;
        CampusWireMock.seedClass(WM, classId, "sch-" + id, "term-" + id, Map.of("cat-" + id, "Homework"));
        UpsertLineItem upsert = lineItem(WM, "course-" + id, classId, "a-" + id, 10, "Worksheet", "Homework");

        send(upsert);
        send(deletion(WM, "course-" + id, classId, "a-" + id, 11));

        List<SyncOutcome> outcomes = awaitOutcomes(upsert.lineItemSourcedId(), 2);
        assertThat(outcomes).map(o -> ((ItemWritten) o).action()).containsExactly("UPSERTED", "DELETED");
        assertThat(CampusWireMock.server().findAll(WireMock.deleteRequestedFor(WireMock.urlPathEqualTo(
                CampusWireMock.GB + "/lineItems/" + upsert.lineItemSourcedId())))).hasSize(1);
    }

    @Test
    void aDueDateOutsideEveryGradingPeriodIsSentWithoutOneAndIcsRejectionSaysSo() {
        String id = uid();
        String classId = "cls-" + id;
        CampusWireMock.seedClass(WM, classId, "sch-" + id, "term-" + id, Map.of("cat-" + id, "Homework"));
        UpsertLineItem base = lineItem(WM, "course-" + id, classId, "a-" + id, 1, "Summer reading", "Homework");
        UpsertLineItem command = new UpsertLineItem(base.eventId(), base.occurredAt(), WM, base.courseId(),
                base.assignmentId(), classId, base.lineItemSourcedId(), 1, base.title(), 10.0, base.assignDate(),
                Instant.parse("2026-07-01T17:00:00Z"), base.group());
        CampusWireMock.server().stubFor(WireMock.put(WireMock.urlPathEqualTo(
                CampusWireMock.GB + "/lineItems/" + command.lineItemSourcedId())).atPriority(1)
                .willReturn(CampusWireMock.imsx(422, "invaliddata", "Due date is not in an open grading period")));

        send(command);

        ItemFailed failed = (ItemFailed) awaitOutcomes(command.lineItemSourcedId(), 1).get(0);
        assertThat(failed.errorCode()).isEqualTo("ic_invaliddata");
        assertThat(failed.error()).contains("Due date is not in an open grading period")
                .contains("No grading period of class " + classId + " contains the due date 2026-07-01");
        assertThat(tree(puts("lineItems", command.lineItemSourcedId()).get(0).getBodyAsString())
                .path("lineItem").has("gradingPeriod")).isFalse();
    }
}
