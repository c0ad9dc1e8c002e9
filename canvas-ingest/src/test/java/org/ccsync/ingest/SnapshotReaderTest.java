package org.ccsync.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.ccsync.contracts.AssignmentChanged;
import org.ccsync.contracts.RosterChanged;
import org.ccsync.contracts.ScoreChanged;
import org.ccsync.contracts.SectionDueDate;
import org.ccsync.ingest.CanvasModels.Assignment;
import org.ccsync.ingest.CanvasModels.AssignmentGroup;
import org.ccsync.ingest.CanvasModels.DueOverride;
import org.ccsync.ingest.CanvasModels.Submission;
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

    @Test
    void scoreVersionIsTheLaterOfGradedAndPostedAndUngradedYieldsNothing() {
        Instant graded = Instant.parse("2026-09-11T10:00:00Z");
        Instant posted = Instant.parse("2026-09-12T10:00:00Z");
        ScoreChanged score = SnapshotReader.toScoreChanged("t", "c",
                new Submission("44", "501", 9.0, "9", false, false, false, "graded", graded, posted)).orElseThrow();
        assertThat(score.sourceVersion()).isEqualTo(posted.toEpochMilli());
        assertThat(SnapshotReader.toScoreChanged("t", "c",
                new Submission("44", "502", null, null, null, null, true, "unsubmitted", null, null))).isEmpty();
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
