package org.ccsync.eligibility.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.ccsync.contracts.AssignmentOverride;
import org.ccsync.contracts.RosterChanged;
import org.ccsync.contracts.SectionDueDate;
import org.ccsync.eligibility.platform.EligibilityConfig.ExtraCredit;
import org.ccsync.eligibility.platform.EligibilityConfig.HiddenGrades;
import org.ccsync.eligibility.platform.EligibilityConfig.PendingReview;
import org.ccsync.eligibility.platform.EligibilityConfig;

/**
 * The sync rules as pure functions (no I/O) over a course's state: which assignments sync, to which IC classes with
 * which due date, and why everything else is skipped.
 */
public final class EligibilityRules {

    /** The decision code stored for an assignment that syncs. */
    public static final String ELIGIBLE = "eligible";

    private static final String ADHOC = "ADHOC";
    private static final String GROUP = "Group";
    private static final String NOOP = "Noop";
    private static final String COURSE_SECTION = "CourseSection";

    private EligibilityRules() {
    }

    /** What the rules need to know about one assignment. */
    public record AssignmentFacts(
            String id,
            long sourceVersion,
            String name,
            Double pointsPossible,
            String gradingType,
            String workflowState,
            boolean published,
            boolean postToSis,
            boolean omitFromFinalGrade,
            boolean onlyVisibleToOverrides,
            Instant dueAt,
            List<AssignmentOverride> overrides,
            List<SectionDueDate> sectionDueDates) {

        public AssignmentFacts {
            overrides = overrides == null ? List.of() : List.copyOf(overrides);
            sectionDueDates = sectionDueDates == null ? List.of() : List.copyOf(sectionDueDates);
        }
    }

    /**
     * What the rules need to know about the course.
     *
     * @param enabled whether the district enables the course for sync
     * @param concluded whether the course is concluded in Canvas or its term has ended
     * @param notFound whether Canvas answered 404 for the course itself
     * @param publishedVersion the roster version at which {@code published} last changed
     * @param assignments every assignment of the course, for the duplicate-name rule
     */
    public record CourseFacts(
            String courseId,
            boolean enabled,
            boolean concluded,
            boolean published,
            boolean notFound,
            long publishedVersion,
            List<RosterChanged.Section> sections,
            List<RosterChanged.GradingPeriod> gradingPeriods,
            List<AssignmentFacts> assignments) {

        public CourseFacts {
            sections = sections == null ? List.of() : List.copyOf(sections);
            gradingPeriods = gradingPeriods == null ? List.of() : List.copyOf(gradingPeriods);
            assignments = assignments == null ? List.of() : List.copyOf(assignments);
        }
    }

    /** The district settings the rules apply. */
    public record Policy(boolean requireDueDate, int nameLengthLimit, HiddenGrades hiddenGrades,
            PendingReview pendingReview, ExtraCredit extraCredit) {

        /** The policy with pending-review scores held and extra credit sent as is. */
        public Policy(boolean requireDueDate, int nameLengthLimit, HiddenGrades hiddenGrades) {
            this(requireDueDate, nameLengthLimit, hiddenGrades, PendingReview.HOLD);
        }

        /** The policy with extra credit sent as is. */
        public Policy(boolean requireDueDate, int nameLengthLimit, HiddenGrades hiddenGrades,
                PendingReview pendingReview) {
            this(requireDueDate, nameLengthLimit, hiddenGrades, pendingReview, ExtraCredit.SEND);
        }

        static Policy of(EligibilityConfig.District district) {
            return new Policy(district.requireDueDate(), district.nameLengthLimit(), district.hiddenGrades(),
                    district.pendingReview(), district.extraCredit());
        }
    }

    /**
     * The score IC receives for one result.
     *
     * @param capped whether it is the points possible in place of a higher Canvas score
     */
    public record ResultScore(Double score, boolean capped) {
    }

    /** A Canvas section the assignment applies to, with its due date; {@code sisSectionId} is the IC class. */
    public record Target(String sectionId, String sisSectionId, String sectionName, Instant dueAt) {
    }

    /** A section the assignment applies to but that is skipped. */
    public record SectionSkip(Target section, SkipReason reason) {
    }

    /**
     * The outcome of the rules for one assignment.
     *
     * @param reason why the whole assignment is skipped, or null when it syncs
     * @param causeVersion the version of the fact that caused the decision: the assignment's, or a newer course or
     *        sibling fact for course-level and duplicate-name skips
     * @param targets the sections to sync, ordered by section id; two sections with one SIS id share one IC class
     *        (and one lineItem sourcedId), so the first one's commands win downstream
     * @param sectionSkips the sections left out while the others sync
     */
    public record Decision(SkipReason reason, long causeVersion, List<Target> targets, List<SectionSkip> sectionSkips) {

        public boolean eligible() {
            return reason == null;
        }

        /** {@link #ELIGIBLE} or the reason code. */
        public String code() {
            return reason == null ? ELIGIBLE : reason.code();
        }

        static Decision skip(SkipReason reason, long causeVersion) {
            return new Decision(reason, causeVersion, List.of(), List.of());
        }
    }

    /**
     * What the rules need to know about one score.
     *
     * @param pendingReview part of the score still waits for the teacher's review in Canvas
     */
    public record ScoreFacts(Double score, boolean excused, boolean missing, Instant postedAt, boolean pendingReview) {

        /** A fully graded score. */
        public ScoreFacts(Double score, boolean excused, boolean missing, Instant postedAt) {
            this(score, excused, missing, postedAt, false);
        }
    }

    /** Applies every assignment-level and section-level rule. */
    public static Decision evaluate(AssignmentFacts assignment, CourseFacts course, Policy policy) {
        long version = assignment.sourceVersion();
        if (course.notFound()) {
            return Decision.skip(SkipReason.COURSE_NOT_FOUND, Math.max(version, course.publishedVersion()));
        }
        if (course.concluded()) {
            return Decision.skip(SkipReason.COURSE_CONCLUDED, Math.max(version, course.publishedVersion()));
        }
        if ("deleted".equals(assignment.workflowState())) {
            return Decision.skip(SkipReason.DELETED, version);
        }
        if (!course.enabled()) {
            return Decision.skip(SkipReason.COURSE_NOT_ENABLED, version);
        }
        Optional<SkipReason> intrinsic = intrinsicReason(assignment);
        if (intrinsic.isPresent()) {
            return Decision.skip(intrinsic.get(), version);
        }
        if (!course.published()) {
            return Decision.skip(SkipReason.NOT_PUBLISHED, Math.max(version, course.publishedVersion()));
        }
        String name = normalise(assignment.name());
        if (policy.nameLengthLimit() > 0 && name.length() > policy.nameLengthLimit()) {
            return Decision.skip(SkipReason.NAME_TOO_LONG, version);
        }
        List<AssignmentFacts> sameName = course.assignments().stream()
                .filter(other -> !other.id().equals(assignment.id()))
                .filter(other -> intrinsicReason(other).isEmpty())
                .filter(other -> normalise(other.name()).toLowerCase(Locale.ROOT)
                        .equals(name.toLowerCase(Locale.ROOT)))
                .toList();
        if (!sameName.isEmpty()) {
            long cause = sameName.stream().mapToLong(AssignmentFacts::sourceVersion).reduce(version, Math::max);
            return Decision.skip(SkipReason.DUPLICATE_NAME, cause);
        }
        List<Target> targeted = targetedSections(assignment, course.sections());
        List<Target> classes = targeted.stream().filter(t -> hasText(t.sisSectionId())).toList();
        if (policy.requireDueDate()) {
            boolean missingDate = targeted.isEmpty()
                    ? assignment.dueAt() == null
                    : classes.stream().anyMatch(t -> t.dueAt() == null);
            if (missingDate) {
                return Decision.skip(SkipReason.NO_DUE_DATE, version);
            }
        }
        List<Target> targets = new ArrayList<>();
        List<SectionSkip> skips = new ArrayList<>();
        for (Target target : targeted) {
            if (!hasText(target.sisSectionId())) {
                skips.add(new SectionSkip(target, SkipReason.NO_SECTION_SIS_ID));
            } else if (!inSomeGradingPeriod(target.dueAt(), course.gradingPeriods())) {
                skips.add(new SectionSkip(target, SkipReason.OUTSIDE_TERM));
            } else {
                targets.add(target);
            }
        }
        return new Decision(null, version, List.copyOf(targets), List.copyOf(skips));
    }

    /**
     * The rules that depend on the assignment alone, in the order an admin would fix them. An assignment that passes
     * them is a candidate for sync, which is what the duplicate-name rule compares against.
     */
    public static Optional<SkipReason> intrinsicReason(AssignmentFacts assignment) {
        if ("deleted".equals(assignment.workflowState())) {
            return Optional.of(SkipReason.DELETED);
        }
        if (!assignment.postToSis()) {
            return Optional.of(SkipReason.POST_TO_SIS_OFF);
        }
        if (!assignment.published() || "unpublished".equals(assignment.workflowState())) {
            return Optional.of(SkipReason.NOT_PUBLISHED);
        }
        if ("not_graded".equals(assignment.gradingType()) || assignment.pointsPossible() == null
                || assignment.pointsPossible() <= 0) {
            return Optional.of(SkipReason.NOT_GRADED);
        }
        if (assignment.omitFromFinalGrade()) {
            return Optional.of(SkipReason.DOES_NOT_COUNT);
        }
        if (hasOverride(assignment, ADHOC)) {
            return Optional.of(SkipReason.DIFFERENTIATED_PER_STUDENT);
        }
        if (hasOverride(assignment, GROUP)) {
            return Optional.of(SkipReason.DIFFERENTIATED_PER_GROUP);
        }
        if (hasOverride(assignment, NOOP)) {
            return Optional.of(SkipReason.MASTERY_PATHS);
        }
        return Optional.empty();
    }

    /**
     * The sections an assignment applies to, each with its effective due date, ordered by section id. The snapshot's
     * {@code sectionDueDates} win; without them the CourseSection overrides and the base due date are combined over
     * the roster. The roster's SIS id wins over the snapshot's, because the roster is the authority on sections.
     */
    public static List<Target> targetedSections(AssignmentFacts assignment, List<RosterChanged.Section> roster) {
        Map<String, RosterChanged.Section> byId = roster.stream()
                .collect(Collectors.toMap(RosterChanged.Section::id, Function.identity(), (a, b) -> a));
        Map<String, Target> targets = new LinkedHashMap<>();
        if (!assignment.sectionDueDates().isEmpty()) {
            for (SectionDueDate due : assignment.sectionDueDates()) {
                RosterChanged.Section known = byId.get(due.sectionId());
                String sis = known != null && hasText(known.sisSectionId()) ? known.sisSectionId() : due.sisSectionId();
                targets.putIfAbsent(due.sectionId(),
                        new Target(due.sectionId(), sis, known == null ? null : known.name(), due.dueAt()));
            }
        } else {
            Map<String, Instant> overrideDates = new LinkedHashMap<>();
            for (AssignmentOverride override : assignment.overrides()) {
                if (COURSE_SECTION.equals(override.type()) && override.sectionId() != null) {
                    overrideDates.put(override.sectionId(), override.dueAt());
                }
            }
            for (RosterChanged.Section section : roster) {
                if (overrideDates.containsKey(section.id())) {
                    targets.put(section.id(), new Target(section.id(), section.sisSectionId(), section.name(),
                            overrideDates.get(section.id())));
                } else if (!assignment.onlyVisibleToOverrides()) {
                    targets.put(section.id(), new Target(section.id(), section.sisSectionId(), section.name(),
                            assignment.dueAt()));
                }
            }
            overrideDates.forEach((sectionId, dueAt) -> targets.putIfAbsent(sectionId,
                    new Target(sectionId, null, null, dueAt)));
        }
        return targets.values().stream().sorted(Comparator.comparing(Target::sectionId)).toList();
    }

    /** Whether a score carries anything to send: a score, an excuse or a missing flag. */
    public static boolean hasGrade(ScoreFacts score) {
        return score.score() != null || score.excused() || score.missing();
    }

    /**
     * Why one student's score in one class is skipped, if it is. A hidden grade is a score or an excuse not yet posted
     * to the student; Canvas's automatic "missing" (past due, nothing submitted, nothing graded) has no grade to hide
     * and never a {@code posted_at}, so it is not held back.
     */
    public static Optional<SkipReason> resultReason(ScoreFacts score, String studentSisId, Policy policy) {
        if (!hasText(studentSisId)) {
            return Optional.of(SkipReason.NO_STUDENT_SIS_ID);
        }
        boolean graded = score.score() != null || score.excused();
        if (policy.hiddenGrades() == HiddenGrades.ONLY_POSTED && graded && score.postedAt() == null) {
            return Optional.of(SkipReason.HIDDEN_GRADE);
        }
        if (score.pendingReview() && policy.pendingReview() == PendingReview.HOLD) {
            return Optional.of(SkipReason.PENDING_REVIEW);
        }
        return Optional.empty();
    }

    /**
     * The score IC receives: as Canvas has it, above the points possible too (Canvas allows extra credit, and so does
     * IC), unless the district caps extra credit, which sends the points possible instead.
     */
    public static ResultScore resultScore(ScoreFacts score, Double pointsPossible, Policy policy) {
        if (policy.extraCredit() == ExtraCredit.CAP && score.score() != null && pointsPossible != null
                && score.score() > pointsPossible) {
            return new ResultScore(pointsPossible, true);
        }
        return new ResultScore(score.score(), false);
    }

    private static boolean inSomeGradingPeriod(Instant dueAt, List<RosterChanged.GradingPeriod> periods) {
        if (periods.isEmpty() || dueAt == null) {
            return true;
        }
        return periods.stream().anyMatch(period -> (period.startDate() == null || !dueAt.isBefore(period.startDate()))
                && (period.endDate() == null || !dueAt.isAfter(period.endDate())));
    }

    private static boolean hasOverride(AssignmentFacts assignment, String type) {
        return assignment.overrides().stream().anyMatch(override -> type.equals(override.type()));
    }

    private static String normalise(String name) {
        return name == null ? "" : name.trim();
    }

    private static boolean hasText(String value) {
        return value != null && !value.isBlank();
    }
}
