package org.ccsync.ingest.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.ccsync.contracts.AssignmentChanged;
import org.ccsync.contracts.RosterChanged;
import org.ccsync.contracts.ScoreChanged;
import org.ccsync.contracts.SectionDueDate;
import org.ccsync.ingest.outbound.canvas.CanvasModels.Assignment;
import org.ccsync.ingest.outbound.canvas.CanvasModels.AssignmentGroup;
import org.ccsync.ingest.outbound.canvas.CanvasModels.DueOverride;
import org.ccsync.ingest.outbound.canvas.CanvasModels.Submission;
import org.ccsync.ingest.inbound.LiveEventParser;
import org.ccsync.ingest.outbound.canvas.CanvasModels;
import org.junit.jupiter.api.Test;

/** The snapshot rules: local ids, section due dates, versions and deterministic event ids. */
class SnapshotReaderTest {

    private static final Instant BASE = Instant.parse("2026-09-10T05:59:59Z");
    private static final Instant LATER = Instant.parse("2026-09-12T05:59:59Z");
    private static final List<RosterChanged.Section> SECTIONS = List.of(new RosterChanged.Section("1", "S1", "A"),
            new RosterChanged.Section("2", "S2", "B"), new RosterChanged.Section("3", null, "C"));

    @Test
    void globalIdsBecomeLocalAndLocalIdsStay() {
        assertThat(LiveEventParser.toLocal(70_000_000_000_123L)).isEqualTo("123");
        assertThat(LiveEventParser.toLocal(123L)).isEqualTo("123");
    }

    @Test
    void sectionDueDatesFollowOverridesAndVisibility() {
        List<DueOverride> overrides = List.of(new DueOverride("9", null, null, "2", null, LATER, "B"),
                new DueOverride("10", List.of("501"), null, null, null, LATER, "1 student"));

        assertThat(SnapshotReader.sectionDueDates(BASE, false, overrides, SECTIONS)).containsExactly(
                new SectionDueDate("1", "S1", BASE), new SectionDueDate("2", "S2", LATER),
                new SectionDueDate("3", null, BASE));
        assertThat(SnapshotReader.sectionDueDates(BASE, true, overrides, SECTIONS))
                .containsExactly(new SectionDueDate("2", "S2", LATER));
        assertThat(SnapshotReader.overrideType(overrides.get(1))).isEqualTo("ADHOC");
    }

    /**
     * As Canvas means them (lib/api/v1/assignment_override.rb): no due_at key means the override keeps the base date,
     * a null due_at with all_day means "no due date"; unassign_item drops the section; a module's override targets its
     * section with the base date and restricts the others.
     */
    @Test
    void sectionDueDatesFollowWhatEachOverrideSets() {
        DueOverride availabilityOnly = new DueOverride("9", null, null, "2", null, null, "B", null, null, false,
                null);
        DueOverride noDueDate = new DueOverride("10", null, null, "1", null, null, "A", false, null, false, null);
        DueOverride unassign = new DueOverride("11", null, null, "3", null, null, "C", null, null, true, null);
        DueOverride module = new DueOverride("12", null, null, "2", null, null, "B", null, null, false, "77");

        assertThat(SnapshotReader.sectionDueDates(BASE, false, List.of(availabilityOnly), SECTIONS)).containsExactly(
                new SectionDueDate("1", "S1", BASE), new SectionDueDate("2", "S2", BASE),
                new SectionDueDate("3", null, BASE));
        assertThat(SnapshotReader.sectionDueDates(BASE, false, List.of(noDueDate, unassign), SECTIONS))
                .containsExactly(new SectionDueDate("1", "S1", null), new SectionDueDate("2", "S2", BASE));
        assertThat(SnapshotReader.sectionDueDates(BASE, false, List.of(module), SECTIONS))
                .containsExactly(new SectionDueDate("2", "S2", BASE));

        Assignment withUnassign = new Assignment("44", "Essay", 10.0, "points", BASE, true, true, false, false, "5",
                Instant.parse("2026-09-01T00:00:00Z"), "published", List.of(unassign, availabilityOnly));
        AssignmentChanged snapshot = SnapshotReader.toAssignmentChanged("t", "c", withUnassign, Map.of(), SECTIONS);
        assertThat(snapshot.onlyVisibleToOverrides()).as("it no longer reaches everyone").isTrue();
        assertThat(snapshot.overrides()).singleElement().satisfies(o -> {
            assertThat(o.sectionId()).isEqualTo("2");
            assertThat(o.dueAt()).as("an override without its own date has the base date").isEqualTo(BASE);
        });
    }

    private static Assignment assignment(Instant overrideDue) {
        return new Assignment("44", "Essay", 10.0, "points", BASE, true, true, false, false, "5",
                Instant.parse("2026-09-01T00:00:00Z"), "published",
                List.of(new DueOverride("9", null, null, "2", null, overrideDue, "B")));
    }

    @Test
    void assignmentIdIsStableForOneStateAndChangesWithAnOverrideAtTheSameUpdatedAt() {
        Map<String, AssignmentGroup> groups = Map.of("5", new AssignmentGroup("5", "Tests", "CAT"));
        AssignmentChanged first = SnapshotReader.toAssignmentChanged("t", "c", assignment(LATER), groups, SECTIONS);
        AssignmentChanged again = SnapshotReader.toAssignmentChanged("t", "c", assignment(LATER), groups, SECTIONS);
        AssignmentChanged moved = SnapshotReader.toAssignmentChanged("t", "c", assignment(BASE), groups, SECTIONS);

        assertThat(again.eventId()).isEqualTo(first.eventId());
        assertThat(moved.sourceVersion()).isEqualTo(first.sourceVersion());
        assertThat(moved.eventId()).isNotEqualTo(first.eventId());
        assertThat(first.group().sisSourceId()).isEqualTo("CAT");
    }

    private static final Instant GRADED = Instant.parse("2026-09-11T10:00:00Z");
    private static final Instant POSTED = Instant.parse("2026-09-12T10:00:00Z");
    private static final Instant READ = Instant.parse("2026-09-20T08:00:00Z");

    private static ScoreChanged score(Submission s) {
        return SnapshotReader.toScoreChanged("t", "c", s, READ).orElseThrow();
    }

    @Test
    void scoreVersionIsTheLaterOfGradedAndPostedAndItsIdFollowsTheContentNotTheReadTime() {
        Submission graded = new Submission("44", "501", 9.0, "9", false, false, false, "graded", GRADED, POSTED);
        ScoreChanged score = score(graded);

        assertThat(score.sourceVersion()).isEqualTo(POSTED.toEpochMilli());
        assertThat(score.hasGrade()).isTrue();
        assertThat(SnapshotReader.toScoreChanged("t", "c", graded, READ.plusSeconds(60)).orElseThrow().eventId())
                .as("a re-read of one state is one event").isEqualTo(score.eventId());
        assertThat(score(new Submission("44", "501", 9.0, "9", false, true, false, "graded", GRADED, POSTED))
                .eventId()).as("a late flag is content").isNotEqualTo(score.eventId());
        assertThat(SnapshotReader.toScoreChanged("t", "c",
                new Submission("44", null, 9.0, "9", false, false, false, "graded", GRADED, POSTED), READ)).isEmpty();
    }

    @Test
    void aLatePenaltyRecalculationIsANewEventWithTheSameVersionAndCarriesTheDeduction() {
        // Canvas rewrote score and points_deducted after a due date moved, without moving graded_at or posted_at.
        ScoreChanged before = score(new Submission("44", "501", 9.0, "9", false, true, false, "graded", GRADED,
                POSTED, 3.0));
        ScoreChanged after = score(new Submission("44", "501", 10.5, "10.5", false, true, false, "graded", GRADED,
                POSTED, 1.5));

        assertThat(after.eventId()).isNotEqualTo(before.eventId());
        assertThat(after.sourceVersion()).isEqualTo(before.sourceVersion());
        assertThat(before.pointsDeducted()).isEqualTo(3.0);
        assertThat(after.pointsDeducted()).isEqualTo(1.5);
        assertThat(after.score()).isEqualTo(10.5);
        // The deduction alone (Canvas's zero deduction of a cleared late score, say) is content too.
        assertThat(score(new Submission("44", "501", null, null, false, true, false, "graded", GRADED, POSTED, 0.0))
                .eventId()).isNotEqualTo(score(new Submission("44", "501", null, null, false, true, false, "graded",
                        GRADED, POSTED)).eventId());
    }

    @Test
    void aClearedScoreIsSnapshotWithoutGradeAndIsNeverOlderThanTheGradedOne() {
        ScoreChanged graded = score(new Submission("44", "501", 9.0, "9", false, false, false, "graded", GRADED,
                POSTED));
        // Canvas keeps graded_at and posted_at when a grade is cleared...
        ScoreChanged cleared = score(new Submission("44", "501", null, null, false, false, false, "graded", GRADED,
                POSTED));
        // ...and a submission without either timestamp is versioned by the read.
        ScoreChanged bare = score(new Submission("44", "501", null, null, false, false, false, "unsubmitted", null,
                null));

        assertThat(cleared.hasGrade()).isFalse();
        assertThat(cleared.eventId()).isNotEqualTo(graded.eventId());
        assertThat(cleared.sourceVersion()).isGreaterThanOrEqualTo(graded.sourceVersion());
        assertThat(bare.hasGrade()).isFalse();
        assertThat(bare.sourceVersion()).isEqualTo(READ.toEpochMilli());
        assertThat(bare.sourceVersion()).isGreaterThan(graded.sourceVersion());
        assertThat(SnapshotReader.toScoreChanged("t", "c", new Submission("44", "501", null, null, false, false,
                false, "unsubmitted", null, null), READ.plusSeconds(60)).orElseThrow().eventId())
                .as("an unchanged ungraded submission is the same event at every read").isEqualTo(bare.eventId());
        ScoreChanged missing = score(new Submission("44", "502", null, null, false, false, true, "unsubmitted", null,
                null));
        assertThat(missing.hasGrade()).as("Canvas's automatic missing has no graded_at").isTrue();
    }

    @Test
    void pendingReviewPassesThroughWithItsPartialScore() {
        ScoreChanged pending = score(new Submission("44", "501", 6.0, "6", false, false, false, "pending_review",
                GRADED, GRADED));

        assertThat(pending.workflowState()).isEqualTo("pending_review");
        assertThat(pending.pendingReview()).isTrue();
        assertThat(pending.score()).isEqualTo(6.0);
        assertThat(pending.eventId()).isNotEqualTo(score(new Submission("44", "501", 6.0, "6", false, false, false,
                "graded", GRADED, GRADED)).eventId());
    }

    @Test
    void courseStateAndConclusion() {
        assertThat(SnapshotReader.published(new CanvasModels.Course("1", "B", "available", null, false))).isTrue();
        assertThat(SnapshotReader.published(new CanvasModels.Course("1", "B", "unpublished", null, false))).isFalse();
        assertThat(SnapshotReader.concluded(new CanvasModels.Course("1", "B", "completed", null, null))).isTrue();
        assertThat(SnapshotReader.concluded(new CanvasModels.Course("1", "B", "available", null, true)))
                .as("past its end date or term's").isTrue();
        assertThat(SnapshotReader.concluded(new CanvasModels.Course("1", "B", "available", null, false))).isFalse();
        assertThat(SnapshotReader.concluded(new CanvasModels.Course("1", "B", "available", null))).isFalse();
    }

    @Test
    void contentHashFollowsEveryFieldAndDeletedAssignmentsAreNoticedOnce() {
        Assignment synced = assignment(LATER);
        Assignment unsynced = new Assignment("44", "Essay", 10.0, "points", BASE, false, true, false, false, "5",
                synced.updatedAt(), "published", synced.overrides());
        assertThat(SnapshotReader.contentHash(assignment(LATER))).isEqualTo(SnapshotReader.contentHash(synced));
        assertThat(SnapshotReader.contentHash(unsynced)).isNotEqualTo(SnapshotReader.contentHash(synced));
        assertThat(SnapshotReader.contentHash(assignment(BASE))).isNotEqualTo(SnapshotReader.contentHash(synced));

        Instant readAt = Instant.parse("2026-11-29T10:00:00Z");
        List<SnapshotReader.AssignmentSnapshot> gone = SnapshotReader.deletedSince("t", "c",
                Map.of("44", "h44", "45", "h45", "46", SnapshotReader.DELETED), List.of("44"), readAt);
        assertThat(gone).singleElement().satisfies(g -> {
            assertThat(g.change().assignmentId()).isEqualTo("45");
            assertThat(g.change().workflowState()).isEqualTo("deleted");
            assertThat(g.change().sourceVersion()).isEqualTo(readAt.toEpochMilli());
            assertThat(g.contentHash()).isEqualTo(SnapshotReader.DELETED);
        });
    }
}
