package org.ccsync.eligibility.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;
import static org.ccsync.eligibility.Snapshots.DUE_1;
import static org.ccsync.eligibility.Snapshots.DUE_2;
import static org.ccsync.eligibility.Snapshots.assignment;
import static org.ccsync.eligibility.Snapshots.awaitSkips;
import static org.ccsync.eligibility.Snapshots.awaitWrites;
import static org.ccsync.eligibility.Snapshots.currentWrites;
import static org.ccsync.eligibility.Snapshots.roster;
import static org.ccsync.eligibility.Snapshots.score;
import static org.ccsync.eligibility.Snapshots.section;
import static org.ccsync.eligibility.Snapshots.send;
import static org.ccsync.eligibility.Snapshots.student;
import static org.ccsync.eligibility.Snapshots.unique;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.ccsync.contracts.CampusWrite;
import org.ccsync.contracts.DeleteLineItem;
import org.ccsync.contracts.ItemKind;
import org.ccsync.contracts.ItemSkipped;
import org.ccsync.contracts.ScoreChanged;
import org.ccsync.contracts.SectionDueDate;
import org.ccsync.contracts.SourcedIds;
import org.ccsync.contracts.UpsertLineItem;
import org.ccsync.contracts.UpsertResult;
import org.ccsync.eligibility.Snapshots;
import org.ccsync.eligibility.persistence.PendingScore;
import org.ccsync.testsupport.InfraTestResource;
import org.ccsync.testsupport.KafkaTestClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** End to end through Kafka and PostgreSQL: snapshots in on canvas-changes, IC writes and skips out. */
@QuarkusTest
@WithTestResource(value = InfraTestResource.class, scope = TestResourceScope.GLOBAL)
class FanOutTest {

    private static KafkaTestClient kafka;

    @BeforeAll
    static void connect() {
        kafka = KafkaTestClient.shared();
    }

    @AfterAll
    static void disconnect() {
        kafka.close();
    }

    private static List<SectionDueDate> twoSections() {
        return List.of(new SectionDueDate("s1", "SIS-1", DUE_1), new SectionDueDate("s2", "SIS-2", DUE_2));
    }

    @Test
    void sectionDifferentiatedAssignmentFansOutPerClassAndScoresPerStudent() {
        String tenant = unique("fan");
        String course = unique("c");
        send(kafka, roster(tenant, course, 1, List.of(section("s1", "SIS-1"), section("s2", "SIS-2")),
                List.of(student("u1", "STU-1", "s1"), student("u2", "STU-2", "s2"), student("u3", null, "s1"))));
        send(kafka, assignment(tenant, course, "a1", 1000, "Lab report", twoSections()));

        List<CampusWrite> lineItems = awaitWrites(kafka, tenant, course, w -> w instanceof UpsertLineItem, 2);
        assertThat(lineItems).map(w -> (UpsertLineItem) w)
                .extracting(UpsertLineItem::classSourcedId, UpsertLineItem::dueDate, UpsertLineItem::assignDate,
                        UpsertLineItem::lineItemSourcedId, UpsertLineItem::sourceVersion, UpsertLineItem::title)
                .containsExactlyInAnyOrder(
                        tuple("SIS-1", DUE_1, DUE_1.truncatedTo(ChronoUnit.DAYS),
                                SourcedIds.lineItem(tenant, "a1", "SIS-1"), 1000L, "Lab report"),
                        tuple("SIS-2", DUE_2, DUE_2.truncatedTo(ChronoUnit.DAYS),
                                SourcedIds.lineItem(tenant, "a1", "SIS-2"), 1000L, "Lab report"));
        assertThat(lineItems).map(w -> (UpsertLineItem) w).allSatisfy(li -> {
            assertThat(li.pointsPossible()).isEqualTo(10.0);
            assertThat(li.group()).isEqualTo(Snapshots.GROUP);
        });

        long graded = Instant.parse("2026-10-16T18:30:00Z").toEpochMilli();
        send(kafka, score(tenant, course, "a1", "u1", graded, 8.5, false, true));
        send(kafka, score(tenant, course, "a1", "u2", graded + 1, null, true, false));
        send(kafka, score(tenant, course, "a1", "u3", graded + 2, 7.0, false, false));

        List<CampusWrite> results = awaitWrites(kafka, tenant, course, w -> w instanceof UpsertResult, 2);
        String lineItem1 = SourcedIds.lineItem(tenant, "a1", "SIS-1");
        String lineItem2 = SourcedIds.lineItem(tenant, "a1", "SIS-2");
        assertThat(results).map(w -> (UpsertResult) w)
                .extracting(UpsertResult::userId, UpsertResult::studentSourcedId, UpsertResult::classSourcedId,
                        UpsertResult::resultSourcedId, UpsertResult::score, UpsertResult::excused,
                        UpsertResult::late, UpsertResult::sourceVersion, UpsertResult::scoreDate)
                .containsExactlyInAnyOrder(
                        tuple("u1", "STU-1", "SIS-1", SourcedIds.result(lineItem1, "STU-1"), 8.5, false, true, graded,
                                LocalDate.of(2026, 10, 16)),
                        tuple("u2", "STU-2", "SIS-2", SourcedIds.result(lineItem2, "STU-2"), null, true, false,
                                graded + 1, LocalDate.of(2026, 10, 16)));

        List<ItemSkipped> noSis = awaitSkips(kafka, tenant, course, "no_student_sis_id", 1);
        assertThat(noSis.get(0).item()).satisfies(item -> {
            assertThat(item.kind()).isEqualTo(ItemKind.RESULT);
            assertThat(item.userId()).isEqualTo("u3");
            assertThat(item.classSourcedId()).isEqualTo("SIS-1");
        });
        assertThat(noSis.get(0).reason()).startsWith(SkipReason.NO_STUDENT_SIS_ID.sentence());
        assertThat(currentWrites(kafka, tenant, course)).as("u3 gets no result").hasSize(4);
    }

    @Test
    void ineligibleAssignmentIsReportedWithItsCodeAndWritesNothing() {
        String tenant = unique("inel");
        String course = unique("c");
        send(kafka, roster(tenant, course, 1, List.of(section("s1", "SIS-1")), List.of(student("u1", "STU-1", "s1"))));
        send(kafka, assignment(tenant, course, "a1", 1000, "Field trip", "published", true, false,
                List.of(new SectionDueDate("s1", "SIS-1", DUE_1))));
        send(kafka, score(tenant, course, "a1", "u1", 2000, 9.0, false, false));

        List<ItemSkipped> skips = awaitSkips(kafka, tenant, course, "post_to_sis_off", 1);
        assertThat(skips.get(0).item().kind()).isEqualTo(ItemKind.ASSIGNMENT);
        assertThat(skips.get(0).item().title()).isEqualTo("Field trip");
        assertThat(skips.get(0).reason()).isEqualTo(SkipReason.POST_TO_SIS_OFF.sentence());
        assertThat(skips.get(0).sourceVersion()).isEqualTo(1000L);
        // A later snapshot of the same course is processed after the score, so its skip proves the score was seen.
        send(kafka, assignment(tenant, course, "a2", 1000, "Quiz", "unpublished", false, true,
                List.of(new SectionDueDate("s1", "SIS-1", DUE_1))));
        awaitSkips(kafka, tenant, course, "not_published", 1);
        assertThat(currentWrites(kafka, tenant, course)).isEmpty();
    }

    @Test
    void scoreThatArrivesBeforeItsAssignmentWaitsAndIsReleased() {
        String tenant = unique("early");
        String course = unique("c");
        send(kafka, roster(tenant, course, 1, List.of(section("s1", "SIS-1")), List.of(student("u1", "STU-1", "s1"))));
        send(kafka, score(tenant, course, "a1", "u1", 2000, 6.0, false, false));
        // A skip of another assignment of the course shows the score before it has been handled.
        send(kafka, assignment(tenant, course, "marker", 1, "Marker", "published", true, false, List.of()));
        awaitSkips(kafka, tenant, course, "post_to_sis_off", 1);
        assertThat(currentWrites(kafka, tenant, course)).isEmpty();
        assertThat(pendingScores(tenant, course)).isEqualTo(1L);

        send(kafka, assignment(tenant, course, "a1", 1000, "Lab report",
                List.of(new SectionDueDate("s1", "SIS-1", DUE_1))));
        List<CampusWrite> results = awaitWrites(kafka, tenant, course, w -> w instanceof UpsertResult, 1);
        assertThat(((UpsertResult) results.get(0)).score()).isEqualTo(6.0);
        assertThat(((UpsertResult) results.get(0)).studentSourcedId()).isEqualTo("STU-1");
        assertThat(pendingScores(tenant, course)).isZero();
    }

    @Test
    void syncedAssignmentDeletedInCanvasDeletesItsLineItemInEveryClass() {
        String tenant = unique("del");
        String course = unique("c");
        send(kafka, roster(tenant, course, 1, List.of(section("s1", "SIS-1"), section("s2", "SIS-2")), List.of()));
        send(kafka, assignment(tenant, course, "a1", 1000, "Lab report", twoSections()));
        awaitWrites(kafka, tenant, course, w -> w instanceof UpsertLineItem, 2);

        send(kafka, assignment(tenant, course, "a1", 3000, "Lab report", "deleted", true, true, twoSections()));
        List<CampusWrite> deletes = awaitWrites(kafka, tenant, course, w -> w instanceof DeleteLineItem, 2);
        assertThat(deletes).map(w -> (DeleteLineItem) w)
                .extracting(DeleteLineItem::classSourcedId, DeleteLineItem::lineItemSourcedId,
                        DeleteLineItem::reasonCode, DeleteLineItem::sourceVersion)
                .containsExactlyInAnyOrder(
                        tuple("SIS-1", SourcedIds.lineItem(tenant, "a1", "SIS-1"), "deleted", 3000L),
                        tuple("SIS-2", SourcedIds.lineItem(tenant, "a1", "SIS-2"), "deleted", 3000L));
        awaitSkips(kafka, tenant, course, "deleted", 1);
    }

    @Test
    void defaultDistrictKeepsLineItemsOfAnUnpublishedAssignmentButStillDeletesOnCanvasDelete() {
        String tenant = unique("keep");
        String course = unique("c");
        send(kafka, roster(tenant, course, 1, List.of(section("s1", "SIS-L1-" + course)), List.of()));
        List<SectionDueDate> dates = List.of(new SectionDueDate("s1", "SIS-L1-" + course, DUE_1));
        send(kafka, assignment(tenant, course, "a1", 1000, "Lab report", dates));
        awaitWrites(kafka, tenant, course, w -> w instanceof UpsertLineItem, 1);

        send(kafka, assignment(tenant, course, "a1", 2000, "Lab report", "unpublished", false, true, dates));
        List<ItemSkipped> skips = awaitSkips(kafka, tenant, course, "not_published", 1);
        assertThat(skips.get(0).reason()).contains("no longer syncing: its 1 lineItem stays in Infinite Campus");
        assertThat(currentWrites(kafka, tenant, course)).noneMatch(w -> w instanceof DeleteLineItem);

        send(kafka, assignment(tenant, course, "a1", 3000, "Lab report", "deleted", false, true, dates));
        List<CampusWrite> deletes = awaitWrites(kafka, tenant, course, w -> w instanceof DeleteLineItem, 1);
        assertThat(((DeleteLineItem) deletes.get(0)).reasonCode()).isEqualTo("deleted");
    }

    @Test
    void deleteDistrictDeletesWhenSyncToSisIsUnchecked() {
        String tenant = "delete-district";
        String course = unique("c");
        send(kafka, roster(tenant, course, 1, List.of(section("s1", "SIS-U1-" + course)), List.of()));
        List<SectionDueDate> dates = List.of(new SectionDueDate("s1", "SIS-U1-" + course, DUE_1));
        send(kafka, assignment(tenant, course, "a1", 1000, "Lab report", dates));
        awaitWrites(kafka, tenant, course, w -> w instanceof UpsertLineItem, 1);

        send(kafka, assignment(tenant, course, "a1", 2000, "Lab report", "published", true, false, dates));
        List<CampusWrite> deletes = awaitWrites(kafka, tenant, course, w -> w instanceof DeleteLineItem, 1);
        assertThat(((DeleteLineItem) deletes.get(0)).reasonCode()).isEqualTo("post_to_sis_off");
        awaitSkips(kafka, tenant, course, "post_to_sis_off", 1);
    }

    @Test
    void sectionWithoutSisIdIsSkippedWhileTheOtherClassSyncs() {
        String tenant = unique("nosis");
        String course = unique("c");
        send(kafka, roster(tenant, course, 1, List.of(section("s1", "SIS-1"), section("s2", null)),
                List.of(student("u1", "STU-1", "s1"), student("u2", "STU-2", "s2"))));
        send(kafka, assignment(tenant, course, "a1", 1000, "Lab report",
                List.of(new SectionDueDate("s1", "SIS-1", DUE_1), new SectionDueDate("s2", null, DUE_2))));
        send(kafka, score(tenant, course, "a1", "u1", 2000, 4.0, false, false));
        send(kafka, score(tenant, course, "a1", "u2", 2001, 5.0, false, false));

        awaitWrites(kafka, tenant, course, w -> w instanceof UpsertResult, 1);
        List<ItemSkipped> skips = awaitSkips(kafka, tenant, course, "no_section_sis_id", 1);
        assertThat(skips.get(0).item().kind()).isEqualTo(ItemKind.LINE_ITEM);
        assertThat(skips.get(0).reason()).contains("s2");
        assertThat(currentWrites(kafka, tenant, course)).extracting(CampusWrite::classSourcedId)
                .containsOnly("SIS-1");
    }

    @Test
    void sectionDroppedFromAnAssignmentLosesItsLineItemInADeleteDistrict() {
        String tenant = "delete-district";
        String course = unique("c");
        String sis1 = "SIS-D1-" + course;
        String sis2 = "SIS-D2-" + course;
        send(kafka, roster(tenant, course, 1, List.of(section("s1", sis1), section("s2", sis2)), List.of()));
        send(kafka, assignment(tenant, course, "a1", 1000, "Lab report",
                List.of(new SectionDueDate("s1", sis1, DUE_1), new SectionDueDate("s2", sis2, DUE_2))));
        awaitWrites(kafka, tenant, course, w -> w instanceof UpsertLineItem, 2);

        send(kafka, assignment(tenant, course, "a1", 2000, "Lab report",
                List.of(new SectionDueDate("s1", sis1, DUE_1))));
        List<CampusWrite> deletes = awaitWrites(kafka, tenant, course, w -> w instanceof DeleteLineItem, 1);
        assertThat(deletes.get(0).classSourcedId()).isEqualTo(sis2);
        assertThat(((DeleteLineItem) deletes.get(0)).reasonCode()).isEqualTo("section_not_targeted");
        awaitSkips(kafka, tenant, course, "section_not_targeted", 1);
    }

    @Test
    void postedOnlyDistrictHoldsBackHiddenGrades() {
        String tenant = "posted-only";
        String course = unique("c");
        String sis = "SIS-P-" + course;
        send(kafka, roster(tenant, course, 1, List.of(section("s1", sis)),
                List.of(student("u1", "STU-1", "s1"), student("u2", "STU-2", "s1"))));
        send(kafka, assignment(tenant, course, "a1", 1000, "Lab report", List.of(new SectionDueDate("s1", sis,
                DUE_1))));
        send(kafka, score(tenant, course, "a1", "u1", 2000, 4.0, false, false));
        send(kafka, new ScoreChanged(UUID.randomUUID().toString(), Instant.now(), tenant, course, "a1", "u2", 2001,
                5.0, "5.0", false, false, false, "graded", Instant.ofEpochMilli(2001), null, null));

        List<ItemSkipped> skips = awaitSkips(kafka, tenant, course, "hidden_grade", 1);
        assertThat(skips.get(0).item().userId()).isEqualTo("u2");
        assertThat(currentWrites(kafka, tenant, course)).filteredOn(w -> w instanceof UpsertResult)
                .extracting(w -> ((UpsertResult) w).userId()).containsExactly("u1");
    }

    @Test
    void courseOutsideTheEnabledListIsSkipped() {
        String tenant = "one-course";
        String course = unique("c");
        send(kafka, roster(tenant, course, 1, List.of(section("s1", "SIS-E-" + course)), List.of()));
        send(kafka, assignment(tenant, course, "a1", 1000, "Lab report",
                List.of(new SectionDueDate("s1", "SIS-E-" + course, DUE_1))));
        awaitSkips(kafka, tenant, course, "course_not_enabled", 1);
        assertThat(currentWrites(kafka, tenant, course)).isEmpty();
    }

    private static long pendingScores(String tenant, String course) {
        return QuarkusTransaction.requiringNew().call(
                () -> PendingScore.count("tenant = ?1 and courseId = ?2", tenant, course));
    }
}
