package org.ccsync.writer.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.ccsync.writer.CampusSimulatorResource.SIMA;
import static org.ccsync.writer.SimKit.lineItem;
import static org.ccsync.writer.SimKit.stored;
import static org.ccsync.writer.WriterTestKit.awaitOutcomes;
import static org.ccsync.writer.WriterTestKit.kafka;
import static org.ccsync.writer.WriterTestKit.send;
import static org.ccsync.writer.WriterTestKit.uid;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Instant;
import java.util.Optional;
import org.ccsync.contracts.CategoryMappingChanged;
import org.ccsync.contracts.EventIds;
import org.ccsync.contracts.EventKeys;
import org.ccsync.contracts.ItemFailed;
import org.ccsync.contracts.ItemWritten;
import org.ccsync.contracts.Topics;
import org.ccsync.contracts.UpsertLineItem;
import org.ccsync.contracts.UpsertResult;
import org.ccsync.sandbox.campus.CampusSimulator;
import org.ccsync.sandbox.campus.DemoCampus;
import org.ccsync.testsupport.InfraTestResource;
import org.ccsync.testsupport.KafkaTestClient;
import org.junit.jupiter.api.Test;
import org.ccsync.writer.CampusSimulatorResource;
import org.ccsync.writer.CampusWireMock;
import org.ccsync.writer.SimKit;
import org.ccsync.writer.WriterTestKit;
import org.ccsync.writer.persistence.CategoryMappingEntry;

/** Overrides arriving as CategoryMappingChanged records: per course, per district, stale ones, removals, poison. */
@QuarkusTest
@WithTestResource(value = InfraTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = CampusWireMock.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = CampusSimulatorResource.class, scope = TestResourceScope.GLOBAL)
class CategoryMappingTest {

    private final CampusSimulator sim = CampusSimulatorResource.sim(SIMA);

    private static CategoryMappingChanged mapping(String courseId, String group, String title, long version) {
        return new CategoryMappingChanged(EventIds.of("test-mapping", courseId, group, title, version), Instant.now(),
                SIMA, courseId, version, group, title, "admin@" + SIMA);
    }

    private static void publish(CategoryMappingChanged change) {
        kafka().sendJson(Topics.CATEGORY_MAPPINGS, EventKeys.district(change.tenant()), KafkaTestClient.toJson(change));
    }

    private static Optional<CategoryMappingEntry> row(String courseId, String group) {
        return QuarkusTransaction.requiringNew().call(() -> CategoryMappingEntry.<CategoryMappingEntry>find(
                "tenant = ?1 and courseId is not distinct from ?2 and canvasGroupName = ?3", SIMA, courseId, group)
                .firstResultOptional());
    }

    private static void awaitVersion(String courseId, String group, long version) {
        await().atMost(WriterTestKit.WAIT).until(() -> row(courseId, group).map(r -> r.sourceVersion)
                .orElse(-1L) == version);
    }

    private String categoryOf(UpsertLineItem item) {
        ItemWritten written = (ItemWritten) awaitOutcomes(item.lineItemSourcedId(), 1).get(0);
        assertThat(stored(sim, "lineItems", item.lineItemSourcedId()).path("category").path("sourcedId").asText())
                .isEqualTo(DemoCampus.categoryId(SimKit.CLASS, written.category()));
        return written.category();
    }

    @Test
    void mappingRecordsSteerTheCategoryByCourseThenDistrictAndRemovalsAndStaleOnesAreHonoured() {
        String id = uid();
        String group = "Labs " + id;
        String course = "course-" + id;
        String otherCourse = "other-" + id;

        publish(mapping(course, group, "Projects", 10));
        publish(mapping(course, group, "Tests", 5));
        publish(mapping(null, group, "Quizzes", 10));
        awaitVersion(course, group, 10);
        awaitVersion(null, group, 10);
        assertThat(row(course, group).orElseThrow().icCategoryTitle).isEqualTo("Projects");

        UpsertLineItem inCourse = lineItem(SIMA, course, "a1-" + id, 1, "Lab 1", group);
        UpsertLineItem elsewhere = lineItem(SIMA, otherCourse, "a2-" + id, 1, "Lab 2", group);
        send(inCourse);
        send(elsewhere);
        assertThat(categoryOf(inCourse)).isEqualTo("Projects");
        assertThat(categoryOf(elsewhere)).isEqualTo("Quizzes");

        publish(mapping(course, group, null, 20));
        awaitVersion(course, group, 20);
        UpsertLineItem afterRemoval = lineItem(SIMA, course, "a3-" + id, 1, "Lab 3", group);
        send(afterRemoval);
        assertThat(categoryOf(afterRemoval)).isEqualTo("Quizzes");

        publish(mapping(null, group, null, 30));
        awaitVersion(null, group, 30);
        UpsertLineItem unmapped = lineItem(SIMA, course, "a4-" + id, 1, "Lab 4", group);
        send(unmapped);
        ItemFailed failed = (ItemFailed) awaitOutcomes(unmapped.lineItemSourcedId(), 1).get(0);
        assertThat(failed.errorCode()).isEqualTo("no_category_mapping");
        assertThat(failed.error()).contains(group).contains("Homework").contains("Projects");
        assertThat(stored(sim, "lineItems", unmapped.lineItemSourcedId())).isNull();

        // Its results are not sent to IC (which could only say the lineItem does not exist): they carry its reason.
        UpsertResult score = SimKit.result(SIMA, course, "a4-" + id, SimKit.STUDENT, 1, 8.0);
        send(score);
        ItemFailed notSent = (ItemFailed) awaitOutcomes(score.resultSourcedId(), 1).get(0);
        assertThat(notSent.errorCode()).isEqualTo("line_item_not_written");
        assertThat(notSent.error()).contains("no_category_mapping").contains(group);
        assertThat(SimKit.puts(sim, "results", score.resultSourcedId())).isZero();

        // Once a mapping exists the lineItem is written, and the next score goes through.
        publish(mapping(course, group, "Projects", 40));
        awaitVersion(course, group, 40);
        UpsertLineItem mapped = lineItem(SIMA, course, "a4-" + id, 2, "Lab 4", group);
        send(mapped);
        assertThat(awaitOutcomes(mapped.lineItemSourcedId(), 2)).last().isInstanceOf(ItemWritten.class);
        UpsertResult again = SimKit.result(SIMA, course, "a4-" + id, SimKit.STUDENT, 2, 8.0);
        send(again);
        assertThat(awaitOutcomes(again.resultSourcedId(), 2)).last().isInstanceOf(ItemWritten.class);
        assertThat(stored(sim, "results", again.resultSourcedId()).path("score").asDouble()).isEqualTo(8.0);
    }

    @Test
    void aPoisonMappingRecordGoesToTheDlqAndTheNextOneIsApplied() {
        String id = uid();
        String key = "poison-" + id;
        kafka().sendRaw(Topics.CATEGORY_MAPPINGS, key, "{\"eventId\":\"" + id + "\", not json");
        CategoryMappingChanged next = mapping("course-" + id, "Group " + id, "Tests", 1);
        publish(next);

        assertThat(kafka().awaitRecords(Topics.dlq(Topics.CATEGORY_MAPPINGS), r -> key.equals(r.key()), 1,
                WriterTestKit.WAIT)).hasSize(1);
        awaitVersion(next.courseId(), next.canvasGroupName(), 1);
        assertThat(row(next.courseId(), next.canvasGroupName()).orElseThrow().icCategoryTitle).isEqualTo("Tests");
    }
}
