package org.ccsync.eligibility.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ccsync.eligibility.Snapshots.DUE_1;
import static org.ccsync.eligibility.Snapshots.assignment;
import static org.ccsync.eligibility.Snapshots.awaitSkips;
import static org.ccsync.eligibility.Snapshots.awaitWrites;
import static org.ccsync.eligibility.Snapshots.currentOutcomes;
import static org.ccsync.eligibility.Snapshots.currentWrites;
import static org.ccsync.eligibility.Snapshots.roster;
import static org.ccsync.eligibility.Snapshots.score;
import static org.ccsync.eligibility.Snapshots.section;
import static org.ccsync.eligibility.Snapshots.send;
import static org.ccsync.eligibility.Snapshots.student;
import static org.ccsync.eligibility.Snapshots.unique;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.ccsync.contracts.AssignmentChanged;
import org.ccsync.contracts.AssignmentGroupRef;
import org.ccsync.contracts.CampusWrite;
import org.ccsync.contracts.DeleteLineItem;
import org.ccsync.contracts.DeleteResult;
import org.ccsync.contracts.ItemSkipped;
import org.ccsync.contracts.RosterChanged;
import org.ccsync.contracts.SectionDueDate;
import org.ccsync.contracts.UpsertLineItem;
import org.ccsync.contracts.UpsertResult;
import org.ccsync.testsupport.InfraTestResource;
import org.ccsync.testsupport.KafkaTestClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Everyday Canvas changes across an assignment's and a course's life: identity by content, cleared scores, scores
 * pending review, inactive enrollments, concluded courses and assignments that leave the synced set and come back.
 */
@QuarkusTest
@WithTestResource(value = InfraTestResource.class, scope = TestResourceScope.GLOBAL)
class GradebookLifecycleTest {

    private static KafkaTestClient kafka;

    @BeforeAll
    static void connect() {
        kafka = KafkaTestClient.shared();
    }

    @AfterAll
    static void disconnect() {
        kafka.close();
    }

    /** A course with one class and its students, and one synced assignment in it. */
    private static String syncedCourse(String tenant, String sis, String... studentIds) {
        String course = unique("c");
        send(kafka, roster(tenant, course, 1, List.of(section("s1", sis)), java.util.Arrays.stream(studentIds)
                .map(id -> student(id, "STU-" + id, "s1")).toList()));
        send(kafka, assignment(tenant, course, "a1", 1000, "Lab report", dates(sis)));
        awaitWrites(kafka, tenant, course, w -> w instanceof UpsertLineItem, 1);
        return course;
    }

    private static List<SectionDueDate> dates(String sis) {
        return List.of(new SectionDueDate("s1", sis, DUE_1));
    }

    /** A snapshot of another assignment whose skip, once seen, proves everything sent before it was handled. */
    private static void awaitMarker(String tenant, String course, String id) {
        send(kafka, assignment(tenant, course, id, 1, "Marker " + id, "published", true, false, List.of()));
        assertThat(awaitSkips(kafka, tenant, course, "post_to_sis_off", 1))
                .anySatisfy(skip -> assertThat(skip.item().assignmentId()).isEqualTo(id));
    }

    @Test
    void aLatePenaltyRecomputedWithoutANewGradedAtIsSent() {
        String tenant = unique("late");
        String course = syncedCourse(tenant, "SIS-1", "u1");
        send(kafka, score(tenant, course, "a1", "u1", 2000, 8.0, false, "graded", 2.0));
        awaitWrites(kafka, tenant, course, w -> w instanceof UpsertResult, 1);

        // The due date was extended: Canvas drops the penalty and rewrites the score, graded_at stays.
        send(kafka, score(tenant, course, "a1", "u1", 2000, 10.0, false, "graded", 0.0));
        List<CampusWrite> results = awaitWrites(kafka, tenant, course, w -> w instanceof UpsertResult, 2);
        assertThat(results).map(w -> (UpsertResult) w).extracting(UpsertResult::score, UpsertResult::sourceVersion)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(8.0, 2000L),
                        org.assertj.core.groups.Tuple.tuple(10.0, 2000L));
        assertThat(results.get(0).eventId()).isNotEqualTo(results.get(1).eventId());
    }

    @Test
    void aClearedScoreAndALiftedExcuseRemoveTheResultAndANeverGradedOneSendsNothing() {
        String tenant = unique("clear");
        String course = syncedCourse(tenant, "SIS-1", "u1", "u2", "u3");
        send(kafka, score(tenant, course, "a1", "u1", 2000, 7.0, false, false));
        send(kafka, score(tenant, course, "a1", "u2", 2001, null, true, false));
        awaitWrites(kafka, tenant, course, w -> w instanceof UpsertResult, 2);

        send(kafka, score(tenant, course, "a1", "u1", 3000, null, false, "submitted", null));
        send(kafka, score(tenant, course, "a1", "u2", 3001, null, false, "unsubmitted", null));
        send(kafka, score(tenant, course, "a1", "u3", 3002, null, false, "unsubmitted", null));
        List<CampusWrite> deletes = awaitWrites(kafka, tenant, course, w -> w instanceof DeleteResult, 2);
        assertThat(deletes).map(w -> (DeleteResult) w).extracting(DeleteResult::userId, DeleteResult::reasonCode,
                DeleteResult::studentSourcedId).containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("u1", "score_cleared", "STU-u1"),
                        org.assertj.core.groups.Tuple.tuple("u2", "score_cleared", "STU-u2"));
        awaitMarker(tenant, course, "m1");
        assertThat(currentWrites(kafka, tenant, course)).as("u3 never had a grade: nothing to remove")
                .noneMatch(w -> "u3".equals(w instanceof DeleteResult d ? d.userId() : null));
    }

    @Test
    void aScorePendingReviewIsHeldByDefault() {
        String tenant = unique("review");
        String course = syncedCourse(tenant, "SIS-1", "u1");
        send(kafka, score(tenant, course, "a1", "u1", 2000, 6.0, false, "pending_review", null));
        List<ItemSkipped> skips = awaitSkips(kafka, tenant, course, "pending_review", 1);
        assertThat(skips.get(0).item().userId()).isEqualTo("u1");
        assertThat(currentWrites(kafka, tenant, course)).noneMatch(w -> w instanceof UpsertResult);

        send(kafka, score(tenant, course, "a1", "u1", 5000, 9.0, false, "graded", null));
        UpsertResult result = (UpsertResult) awaitWrites(kafka, tenant, course, w -> w instanceof UpsertResult, 1)
                .get(0);
        assertThat(result.score()).isEqualTo(9.0);
        assertThat(result.partiallyGraded()).isFalse();
    }

    @Test
    void aScorePendingReviewIsSentPartiallyGradedWhereTheDistrictSaysSo() {
        String tenant = "partial-district";
        String course = syncedCourse(tenant, "SIS-PR-" + UUID.randomUUID(), "u1");
        send(kafka, score(tenant, course, "a1", "u1", 2000, 6.0, false, "pending_review", null));
        UpsertResult result = (UpsertResult) awaitWrites(kafka, tenant, course, w -> w instanceof UpsertResult, 1)
                .get(0);
        assertThat(result.partiallyGraded()).isTrue();
        assertThat(result.score()).isEqualTo(6.0);
    }

    @Test
    void anInactiveEnrollmentKeepsItsSyncedScoreAndALaterChangeIsAVisibleSkip() {
        String tenant = unique("inactive");
        String course = syncedCourse(tenant, "SIS-1", "u1");
        send(kafka, score(tenant, course, "a1", "u1", 2000, 7.0, false, false));
        awaitWrites(kafka, tenant, course, w -> w instanceof UpsertResult, 1);

        send(kafka, roster(tenant, course, 2, List.of(section("s1", "SIS-1")),
                List.of(student("u1", "STU-u1", "s1", "inactive"))));
        awaitMarker(tenant, course, "m1");
        assertThat(currentOutcomes(kafka, tenant, course)).as("the synced score is IC's and stays as it is")
                .noneMatch(o -> o instanceof ItemSkipped skip && "enrollment_inactive".equals(skip.reasonCode()));

        send(kafka, score(tenant, course, "a1", "u1", 3000, 9.0, false, false));
        List<ItemSkipped> skips = awaitSkips(kafka, tenant, course, "enrollment_inactive", 1);
        assertThat(skips.get(0).item().userId()).isEqualTo("u1");
        assertThat(currentWrites(kafka, tenant, course)).as("neither written nor deleted")
                .filteredOn(w -> w instanceof UpsertResult || w instanceof DeleteResult).hasSize(1);
    }

    @Test
    void aConcludedCourseKeepsItsGradebookEvenInADeleteDistrict() {
        String tenant = "delete-district";
        String sis = "SIS-CC-" + UUID.randomUUID();
        String course = syncedCourse(tenant, sis, "u1");
        send(kafka, roster(tenant, course, 2, List.of(section("s1", sis)), List.of(student("u1", "STU-u1", "s1")),
                true));
        List<ItemSkipped> skips = awaitSkips(kafka, tenant, course, "course_concluded", 1);
        assertThat(skips.get(0).reason()).contains("stays in Infinite Campus");
        send(kafka, score(tenant, course, "a1", "u1", 3000, 9.0, false, false));
        // In a concluded course the marker is skipped as concluded too; its skip proves the score was handled.
        send(kafka, assignment(tenant, course, "m1", 1, "Marker", dates(sis)));
        awaitSkips(kafka, tenant, course, "course_concluded", 2);
        assertThat(currentWrites(kafka, tenant, course))
                .noneMatch(w -> w instanceof DeleteLineItem || w instanceof UpsertResult);
    }

    @Test
    void aCourseCanvasAnswers404ForDeletesItsLineItemsAsCourseNotFoundAndSendsThemAgainWhenItIsBack() {
        String tenant = unique("gone");
        String sis = "SIS-NF-" + UUID.randomUUID();
        String course = syncedCourse(tenant, sis, "u1");
        send(kafka, score(tenant, course, "a1", "u1", 2000, 7.0, false, false));
        awaitWrites(kafka, tenant, course, w -> w instanceof UpsertResult, 1);

        // The default district keeps what leaves the synced set; a course gone from Canvas still asks for deletes,
        // under their own reason, which campus-writer holds for a district admin.
        send(kafka, RosterChanged.notFound(tenant, course, 5000));
        List<CampusWrite> deletes = awaitWrites(kafka, tenant, course, w -> w instanceof DeleteLineItem, 1);
        assertThat(((DeleteLineItem) deletes.get(0)).reasonCode()).isEqualTo("course_not_found");
        List<ItemSkipped> skips = awaitSkips(kafka, tenant, course, "course_not_found", 1);
        assertThat(skips.get(0).reason()).contains("waits for a district admin");

        // Reported again by the next poll: nothing new.
        send(kafka, RosterChanged.notFound(tenant, course, 6000));
        // A marker assignment sent after it is skipped as course_not_found too: everything before it was handled.
        send(kafka, assignment(tenant, course, "m1", 1, "Marker", dates(sis)));
        awaitSkips(kafka, tenant, course, "course_not_found", 2);
        assertThat(currentWrites(kafka, tenant, course)).filteredOn(w -> w instanceof DeleteLineItem).hasSize(1);

        // Canvas answers for the course again (the same assignment, not updated): lineItem and score go again.
        send(kafka, roster(tenant, course, 7000, List.of(section("s1", sis)), List.of(student("u1", "STU-u1", "s1"))));
        assertThat(awaitWrites(kafka, tenant, course, w -> w instanceof UpsertLineItem
                && "a1".equals(w.assignmentId()), 2)).hasSize(2);
        assertThat(awaitWrites(kafka, tenant, course, w -> w instanceof UpsertResult, 2))
                .map(w -> ((UpsertResult) w).score()).containsExactly(7.0, 7.0);
    }

    @Test
    void anAssignmentThatLeavesTheSyncedSetAndComesBackInADeleteDistrictResendsItsScores() {
        String tenant = "delete-district";
        String sis = "SIS-RE-" + UUID.randomUUID();
        String course = syncedCourse(tenant, sis, "u1");
        send(kafka, score(tenant, course, "a1", "u1", 2000, 7.0, false, false));
        awaitWrites(kafka, tenant, course, w -> w instanceof UpsertResult, 1);

        send(kafka, assignment(tenant, course, "a1", 3000, "Lab report", "published", true, false, dates(sis)));
        awaitWrites(kafka, tenant, course, w -> w instanceof DeleteLineItem, 1);
        send(kafka, assignment(tenant, course, "a1", 4000, "Lab report", dates(sis)));

        List<CampusWrite> results = awaitWrites(kafka, tenant, course, w -> w instanceof UpsertResult, 2);
        assertThat(results).map(w -> (UpsertResult) w).extracting(UpsertResult::score).containsExactly(7.0, 7.0);
        assertThat(results.get(1).eventId()).as("a new epoch: not dropped as already published")
                .isNotEqualTo(results.get(0).eventId());
        assertThat(awaitWrites(kafka, tenant, course, w -> w instanceof UpsertLineItem, 2)).hasSize(2);
    }

    @Test
    void aRenamedAssignmentGroupResendsTheLineItemAlthoughCanvasKeptUpdatedAt() {
        String tenant = unique("group");
        String course = syncedCourse(tenant, "SIS-1", "u1");
        AssignmentChanged before = assignment(tenant, course, "a1", 1000, "Lab report", dates("SIS-1"));
        AssignmentChanged renamed = new AssignmentChanged(UUID.randomUUID().toString(), Instant.now(), tenant,
                course, "a1", 1000, before.name(), before.pointsPossible(), before.gradingType(),
                before.workflowState(), true, true, false, true, null, new AssignmentGroupRef("g1", "Projects", null),
                before.overrides(), before.sectionDueDates());
        send(kafka, renamed);
        List<CampusWrite> lineItems = awaitWrites(kafka, tenant, course, w -> w instanceof UpsertLineItem, 2);
        assertThat(((UpsertLineItem) lineItems.get(1)).group().name()).isEqualTo("Projects");
        assertThat(lineItems.get(1).sourceVersion()).isEqualTo(1000L);
    }
}
