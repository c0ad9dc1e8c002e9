package org.ccsync.ingest.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.ccsync.contracts.AssignmentChanged;
import org.ccsync.contracts.RosterChanged;
import org.ccsync.contracts.SectionDueDate;
import org.ccsync.ingest.outbound.canvas.CanvasModels.Assignment;
import org.ccsync.ingest.outbound.canvas.CanvasModels.AssignmentGroup;
import org.ccsync.ingest.outbound.canvas.CanvasModels.DueOverride;
import org.junit.jupiter.api.Test;

/** The assignment snapshot rules: section due dates, overrides, content hashes and deterministic event ids. */
class AssignmentReaderTest {

    private static final Instant BASE = Instant.parse("2026-09-10T05:59:59Z");
    private static final Instant LATER = Instant.parse("2026-09-12T05:59:59Z");
    private static final List<RosterChanged.Section> SECTIONS = List.of(new RosterChanged.Section("1", "S1", "A"),
            new RosterChanged.Section("2", "S2", "B"), new RosterChanged.Section("3", null, "C"));

    @Test
    void sectionDueDatesFollowOverridesAndVisibility() {
        List<DueOverride> overrides = List.of(new DueOverride("9", null, null, "2", null, LATER, "B"),
                new DueOverride("10", List.of("501"), null, null, null, LATER, "1 student"));

        assertThat(AssignmentReader.sectionDueDates(BASE, false, overrides, SECTIONS)).containsExactly(
                new SectionDueDate("1", "S1", BASE), new SectionDueDate("2", "S2", LATER),
                new SectionDueDate("3", null, BASE));
        assertThat(AssignmentReader.sectionDueDates(BASE, true, overrides, SECTIONS))
                .containsExactly(new SectionDueDate("2", "S2", LATER));
        assertThat(AssignmentReader.overrideType(overrides.get(1))).isEqualTo("ADHOC");
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

        assertThat(AssignmentReader.sectionDueDates(BASE, false, List.of(availabilityOnly), SECTIONS)).containsExactly(
                new SectionDueDate("1", "S1", BASE), new SectionDueDate("2", "S2", BASE),
                new SectionDueDate("3", null, BASE));
        assertThat(AssignmentReader.sectionDueDates(BASE, false, List.of(noDueDate, unassign), SECTIONS))
                .containsExactly(new SectionDueDate("1", "S1", null), new SectionDueDate("2", "S2", BASE));
        assertThat(AssignmentReader.sectionDueDates(BASE, false, List.of(module), SECTIONS))
                .containsExactly(new SectionDueDate("2", "S2", BASE));

        Assignment withUnassign = new Assignment("44", "Essay", 10.0, "points", BASE, true, true, false, false, "5",
                Instant.parse("2026-09-01T00:00:00Z"), "published", List.of(unassign, availabilityOnly));
        AssignmentChanged snapshot = AssignmentReader.toAssignmentChanged("t", "c", withUnassign, Map.of(), SECTIONS);
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
        AssignmentChanged first = AssignmentReader.toAssignmentChanged("t", "c", assignment(LATER), groups, SECTIONS);
        AssignmentChanged again = AssignmentReader.toAssignmentChanged("t", "c", assignment(LATER), groups, SECTIONS);
        AssignmentChanged moved = AssignmentReader.toAssignmentChanged("t", "c", assignment(BASE), groups, SECTIONS);

        assertThat(again.eventId()).isEqualTo(first.eventId());
        assertThat(moved.sourceVersion()).isEqualTo(first.sourceVersion());
        assertThat(moved.eventId()).isNotEqualTo(first.eventId());
        assertThat(first.group().sisSourceId()).isEqualTo("CAT");
    }

    @Test
    void contentHashFollowsEveryFieldAndDeletedAssignmentsAreNoticedOnce() {
        Assignment synced = assignment(LATER);
        Assignment unsynced = new Assignment("44", "Essay", 10.0, "points", BASE, false, true, false, false, "5",
                synced.updatedAt(), "published", synced.overrides());
        assertThat(AssignmentReader.contentHash(assignment(LATER))).isEqualTo(AssignmentReader.contentHash(synced));
        assertThat(AssignmentReader.contentHash(unsynced)).isNotEqualTo(AssignmentReader.contentHash(synced));
        assertThat(AssignmentReader.contentHash(assignment(BASE))).isNotEqualTo(AssignmentReader.contentHash(synced));

        Instant readAt = Instant.parse("2026-11-29T10:00:00Z");
        List<AssignmentReader.AssignmentSnapshot> gone = AssignmentReader.deletedSince("t", "c",
                Map.of("44", "h44", "45", "h45", "46", AssignmentReader.DELETED), List.of("44"), readAt);
        assertThat(gone).singleElement().satisfies(g -> {
            assertThat(g.change().assignmentId()).isEqualTo("45");
            assertThat(g.change().workflowState()).isEqualTo("deleted");
            assertThat(g.change().sourceVersion()).isEqualTo(readAt.toEpochMilli());
            assertThat(g.contentHash()).isEqualTo(AssignmentReader.DELETED);
        });
    }
}
