package org.ccsync.eligibility.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.ccsync.contracts.AssignmentOverride;
import org.ccsync.contracts.RosterChanged;
import org.ccsync.contracts.SectionDueDate;
import org.ccsync.eligibility.domain.EligibilityRules.AssignmentFacts;
import org.ccsync.eligibility.domain.EligibilityRules.CourseFacts;
import org.ccsync.eligibility.domain.EligibilityRules.Decision;
import org.ccsync.eligibility.domain.EligibilityRules.Policy;
import org.ccsync.eligibility.domain.EligibilityRules.ScoreFacts;
import org.ccsync.eligibility.platform.EligibilityConfig.HiddenGrades;
import org.ccsync.eligibility.platform.EligibilityConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Table-driven test of every eligibility rule and the code it yields. */
class EligibilityRulesTest {

    private static final Instant DUE = Instant.parse("2026-10-15T23:59:00Z");
    private static final Instant DUE_S2 = Instant.parse("2026-10-17T23:59:00Z");
    private static final Instant TERM_START = Instant.parse("2026-08-20T00:00:00Z");
    private static final Instant TERM_END = Instant.parse("2026-12-20T00:00:00Z");

    /** A mutable scenario: an eligible assignment in a published, enabled course with two SIS sections. */
    static final class Scenario {
        String name = "Essay 1";
        Double points = 10.0;
        String gradingType = "points";
        String workflowState = "published";
        boolean published = true;
        boolean postToSis = true;
        boolean omit = false;
        boolean onlyVisibleToOverrides = false;
        Instant dueAt = DUE;
        List<AssignmentOverride> overrides = new ArrayList<>();
        List<SectionDueDate> sectionDueDates = new ArrayList<>();
        boolean courseEnabled = true;
        boolean coursePublished = true;
        boolean courseConcluded = false;
        boolean courseNotFound = false;
        List<RosterChanged.Section> sections = new ArrayList<>(List.of(
                new RosterChanged.Section("s1", "SIS-1", "Period 1"),
                new RosterChanged.Section("s2", "SIS-2", "Period 2")));
        List<RosterChanged.GradingPeriod> periods = new ArrayList<>(List.of(
                new RosterChanged.GradingPeriod("gp1", "Fall", TERM_START, TERM_END, TERM_END, false)));
        List<AssignmentFacts> siblings = new ArrayList<>();
        boolean requireDueDate = true;
        int nameLimit = 30;

        AssignmentFacts assignment() {
            return new AssignmentFacts("a1", 100L, name, points, gradingType, workflowState, published, postToSis,
                    omit, onlyVisibleToOverrides, dueAt, overrides, sectionDueDates);
        }

        Decision decide() {
            List<AssignmentFacts> all = new ArrayList<>(siblings);
            all.add(assignment());
            CourseFacts course = new CourseFacts("c1", courseEnabled, courseConcluded, coursePublished, courseNotFound,
                    50L, sections,
                    periods, all);
            return EligibilityRules.evaluate(assignment(), course, new Policy(requireDueDate, nameLimit,
                    HiddenGrades.SYNC));
        }
    }

    static AssignmentFacts sibling(String id, String name, boolean postToSis) {
        return new AssignmentFacts(id, 200L, name, 5.0, "points", "published", true, postToSis, false, false, DUE,
                List.of(), List.of());
    }

    static Arguments row(String description, Consumer<Scenario> change, String expected) {
        return Arguments.of(description, change, expected);
    }

    static Stream<Arguments> assignmentRules() {
        return Stream.of(
                row("a plain graded assignment syncs to both classes", s -> { }, "eligible"),
                row("the course is not in the district's enabled list", s -> s.courseEnabled = false,
                        "course_not_enabled"),
                row("course concluded in Canvas (its workflow_state completed, so not available either)", s -> {
                    s.courseConcluded = true;
                    s.coursePublished = false;
                }, "course_concluded"),
                row("a concluded course stops syncing before any other rule, a delete included", s -> {
                    s.courseConcluded = true;
                    s.workflowState = "deleted";
                }, "course_concluded"),
                row("Canvas answers 404 for the whole course: before any other rule, whatever the last read said",
                        s -> {
                            s.courseNotFound = true;
                            s.courseConcluded = true;
                        }, "course_not_found"),
                row("deleted in Canvas", s -> s.workflowState = "deleted", "deleted"),
                row("Sync to SIS unchecked", s -> s.postToSis = false, "post_to_sis_off"),
                row("assignment unpublished", s -> s.published = false, "not_published"),
                row("course unpublished", s -> s.coursePublished = false, "not_published"),
                row("grading type not_graded", s -> s.gradingType = "not_graded", "not_graded"),
                row("no points possible", s -> s.points = null, "not_graded"),
                row("zero points possible", s -> s.points = 0.0, "not_graded"),
                row("do not count towards the final grade", s -> s.omit = true, "does_not_count"),
                row("due date per student (ADHOC)", s -> s.overrides.add(
                        new AssignmentOverride("o1", "ADHOC", null, DUE, List.of("u1"))), "differentiated_per_student"),
                row("due date per group", s -> s.overrides.add(
                        new AssignmentOverride("o1", "Group", null, DUE, List.of())), "differentiated_per_group"),
                row("MasteryPaths (Noop override)", s -> s.overrides.add(
                        new AssignmentOverride("o1", "Noop", null, null, List.of())), "mastery_paths"),
                row("31 characters against a 30 limit", s -> s.name = "A".repeat(31), "name_too_long"),
                row("exactly 30 characters (trimmed)", s -> s.name = "  " + "A".repeat(30) + " ", "eligible"),
                row("name limit switched off", s -> {
                    s.name = "A".repeat(80);
                    s.nameLimit = 0;
                }, "eligible"),
                row("another candidate has the same name, case and spaces aside",
                        s -> s.siblings.add(sibling("a2", " essay 1 ", true)), "duplicate_name"),
                row("a same-name assignment that does not sync is no duplicate",
                        s -> s.siblings.add(sibling("a2", "Essay 1", false)), "eligible"),
                row("no due date while the district requires one", s -> s.dueAt = null, "no_due_date"),
                row("no due date allowed by the district", s -> {
                    s.dueAt = null;
                    s.requireDueDate = false;
                }, "eligible"),
                row("differentiated by section, every section dated", s -> {
                    s.overrides.add(new AssignmentOverride("o1", "CourseSection", "s1", DUE, List.of()));
                    s.overrides.add(new AssignmentOverride("o2", "CourseSection", "s2", DUE_S2, List.of()));
                    s.onlyVisibleToOverrides = true;
                    s.dueAt = null;
                    s.sectionDueDates.add(new SectionDueDate("s1", "SIS-1", DUE));
                    s.sectionDueDates.add(new SectionDueDate("s2", "SIS-2", DUE_S2));
                }, "eligible"),
                row("differentiated by section, one section undated", s -> {
                    s.overrides.add(new AssignmentOverride("o1", "CourseSection", "s1", DUE, List.of()));
                    s.sectionDueDates.add(new SectionDueDate("s1", "SIS-1", DUE));
                    s.sectionDueDates.add(new SectionDueDate("s2", "SIS-2", null));
                }, "no_due_date"),
                row("a section without SIS id is skipped, the other syncs",
                        s -> s.sections.set(1, new RosterChanged.Section("s2", null, "Period 2")),
                        "eligible+no_section_sis_id"),
                row("a section due date outside every grading period", s -> {
                    s.sectionDueDates.add(new SectionDueDate("s1", "SIS-1", DUE));
                    s.sectionDueDates.add(new SectionDueDate("s2", "SIS-2", Instant.parse("2027-02-01T00:00:00Z")));
                }, "eligible+outside_term"),
                row("no grading periods known: no term check", s -> {
                    s.periods.clear();
                    s.dueAt = Instant.parse("2030-01-01T00:00:00Z");
                }, "eligible"));
    }

    @ParameterizedTest(name = "{0} -> {2}")
    @MethodSource("assignmentRules")
    void eachAssignmentRuleYieldsItsCode(String description, Consumer<Scenario> change, String expected) {
        Scenario scenario = new Scenario();
        change.accept(scenario);
        Decision decision = scenario.decide();
        String actual = Stream.concat(Stream.of(decision.code()),
                decision.sectionSkips().stream().map(skip -> skip.reason().code())).collect(Collectors.joining("+"));
        assertThat(actual).as(description).isEqualTo(expected);
        if (decision.eligible()) {
            assertThat(decision.targets()).as("targets of " + description).isNotEmpty();
        } else {
            assertThat(decision.targets()).as("a skipped assignment has no targets").isEmpty();
        }
    }

    static Stream<Arguments> resultRules() {
        Instant posted = Instant.parse("2026-10-16T10:00:00Z");
        return Stream.of(
                Arguments.of("posted score of a student with SIS id", new ScoreFacts(8.0, false, false, posted),
                        "STU-1", HiddenGrades.SYNC, null),
                Arguments.of("student without SIS id", new ScoreFacts(8.0, false, false, posted), null,
                        HiddenGrades.SYNC, "no_student_sis_id"),
                Arguments.of("hidden score, district syncs hidden grades", new ScoreFacts(8.0, false, false, null),
                        "STU-1", HiddenGrades.SYNC, null),
                Arguments.of("hidden score, district syncs only posted grades",
                        new ScoreFacts(8.0, false, false, null), "STU-1", HiddenGrades.ONLY_POSTED, "hidden_grade"),
                Arguments.of("posted score, district syncs only posted grades",
                        new ScoreFacts(8.0, false, false, posted), "STU-1", HiddenGrades.ONLY_POSTED, null),
                Arguments.of("hidden excuse, district syncs only posted grades",
                        new ScoreFacts(null, true, false, null), "STU-1", HiddenGrades.ONLY_POSTED, "hidden_grade"),
                Arguments.of("Canvas's automatic missing (no grade, never posted), only posted grades",
                        new ScoreFacts(null, false, true, null), "STU-1", HiddenGrades.ONLY_POSTED, null),
                Arguments.of("score pending review, district holds them",
                        new ScoreFacts(6.0, false, false, posted, true), "STU-1", HiddenGrades.SYNC,
                        "pending_review"));
    }

    @ParameterizedTest(name = "{0} -> {4}")
    @MethodSource("resultRules")
    void eachResultRuleYieldsItsCode(String description, ScoreFacts score, String sisUserId, HiddenGrades hidden,
            String expected) {
        Optional<SkipReason> reason = EligibilityRules.resultReason(score, sisUserId, new Policy(true, 30, hidden));
        assertThat(reason.map(SkipReason::code).orElse(null)).as(description).isEqualTo(expected);
    }

    @Test
    void aScorePendingReviewIsSentWhenTheDistrictSendsThemPartiallyGraded() {
        Policy partial = new Policy(true, 30, HiddenGrades.SYNC, EligibilityConfig.PendingReview.PARTIALLY_GRADED);
        assertThat(EligibilityRules.resultReason(new ScoreFacts(6.0, false, false, null, true), "STU-1", partial))
                .isEmpty();
    }

    @Test
    void extraCreditIsSentAsIsUnlessTheDistrictCapsIt() {
        Policy send = new Policy(true, 30, HiddenGrades.ONLY_POSTED);
        Policy cap = new Policy(true, 30, HiddenGrades.ONLY_POSTED, EligibilityConfig.PendingReview.HOLD,
                EligibilityConfig.ExtraCredit.CAP);
        ScoreFacts bonus = new ScoreFacts(12.0, false, false, DUE);

        assertThat(EligibilityRules.resultScore(bonus, 10.0, send)).isEqualTo(new EligibilityRules.ResultScore(12.0,
                false));
        assertThat(EligibilityRules.resultScore(bonus, 10.0, cap)).isEqualTo(new EligibilityRules.ResultScore(10.0,
                true));
        assertThat(EligibilityRules.resultScore(new ScoreFacts(9.5, false, false, DUE), 10.0, cap))
                .isEqualTo(new EligibilityRules.ResultScore(9.5, false));
        assertThat(EligibilityRules.resultScore(new ScoreFacts(null, true, false, DUE), 10.0, cap).capped())
                .isFalse();
    }

    @Test
    void sectionDifferentiatedAssignmentGivesEachClassItsOwnDueDate() {
        Scenario scenario = new Scenario();
        scenario.onlyVisibleToOverrides = true;
        scenario.dueAt = null;
        scenario.overrides.add(new AssignmentOverride("o1", "CourseSection", "s1", DUE, List.of()));
        scenario.overrides.add(new AssignmentOverride("o2", "CourseSection", "s2", DUE_S2, List.of()));
        // Without sectionDueDates the overrides over the roster decide.
        Decision decision = scenario.decide();
        assertThat(decision.targets()).extracting(EligibilityRules.Target::sisSectionId,
                EligibilityRules.Target::dueAt).containsExactly(
                        org.assertj.core.groups.Tuple.tuple("SIS-1", DUE),
                        org.assertj.core.groups.Tuple.tuple("SIS-2", DUE_S2));
    }

    @Test
    void anUngradedScoreHasNothingToSendButExcusedAndMissingDo() {
        assertThat(EligibilityRules.hasGrade(new ScoreFacts(null, false, false, null))).isFalse();
        assertThat(EligibilityRules.hasGrade(new ScoreFacts(null, true, false, null))).isTrue();
        assertThat(EligibilityRules.hasGrade(new ScoreFacts(null, false, true, null))).isTrue();
        assertThat(EligibilityRules.hasGrade(new ScoreFacts(0.0, false, false, null))).isTrue();
    }

    @Test
    void aDuplicateNameSkipCarriesTheNewestVersionOfTheClash() {
        Scenario scenario = new Scenario();
        scenario.siblings.add(sibling("a2", "ESSAY 1", true));
        assertThat(scenario.decide().causeVersion()).isEqualTo(200L);
    }

    @Test
    void everySkipReasonHasARowInTheTables() {
        Set<String> codes = Stream.concat(
                assignmentRules().map(row -> (String) row.get()[2]).flatMap(code -> Arrays.stream(code.split("\\+"))),
                resultRules().map(row -> (String) row.get()[4]))
                .collect(Collectors.toSet());
        // section_not_targeted is not a rule but the reason a dropped class's DeleteLineItem carries;
        // enrollment_inactive is decided where the published results are known (GradebookLifecycleTest covers it);
        // extra_credit_capped is no skip but the outcome of a result sent capped (resultScore, tested above).
        Set<String> rules = Arrays.stream(SkipReason.values())
                .filter(r -> r != SkipReason.SECTION_NOT_TARGETED && r != SkipReason.ENROLLMENT_INACTIVE
                        && r != SkipReason.EXTRA_CREDIT_CAPPED)
                .map(SkipReason::code).collect(Collectors.toSet());
        assertThat(codes).containsAll(rules);
    }
}
