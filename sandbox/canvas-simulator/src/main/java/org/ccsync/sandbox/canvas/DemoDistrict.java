package org.ccsync.sandbox.canvas;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Seeds the demo district (tenant {@code demo}) exactly as the shared brief describes: grading periods, three
 * courses with their sections, people, assignment groups, the rule-case assignments and the graded submissions.
 *
 * <p>Ids the brief leaves open: enrollments from 7001, overrides 501-505, submissions from 60001 (ordered by
 * assignment then user), group override group 601; seeded assignments were created and updated at
 * {@link #SEEDED_AT}; the n-th listed graded submission (n from 0) has graded_at {@link #FIRST_GRADED_AT} + n min.
 * Biology has a late policy of 10 % of the points per started day late ({@link #BIOLOGY_LATE_POLICY}); the late
 * quiz of student 5003 is marked late by the teacher, 10 hours late, which is exactly its 1-point deduction.
 * World History is unpublished: Canvas stores it as {@code claimed}.
 */
public final class DemoDistrict {

    public static final Instant TODAY = Instant.parse("2026-11-29T00:00:00Z");
    public static final Instant SEEDED_AT = Instant.parse("2026-11-01T12:00:00Z");
    public static final Instant FIRST_GRADED_AT = Instant.parse("2026-11-27T15:00:00Z");
    public static final long ACCOUNT_ID = 1;
    public static final long BIOLOGY = 101;
    public static final long ALGEBRA = 102;
    public static final long WORLD_HISTORY = 103;
    public static final long FRIZZLE = 9001;
    public static final long ESCALANTE = 9002;
    public static final String HOMEWORK_SUBMISSION = "online_text_entry";
    /** Biology's late policy: 10 % of the points possible per started day late. */
    public static final LatePolicy BIOLOGY_LATE_POLICY = LatePolicy.percentPerDay(10).withUpdatedAt(SEEDED_AT);

    private static final long FIRST_ENROLLMENT_ID = 7001;
    private static final long FIRST_SUBMISSION_ID = 60_001;

    private DemoDistrict() {
    }

    static void seed(CanvasStore store) {
        gradingPeriods(store);
        people(store);
        courses(store);
        assignmentGroups(store);
        assignments(store);
        submissions(store);
        store.put(BIOLOGY, BIOLOGY_LATE_POLICY);
    }

    private static void gradingPeriods(CanvasStore store) {
        period(store, 301, "Q1", "2026-08-17", "2026-10-30");
        period(store, 302, "Q2", "2026-11-02", "2027-01-22");
        period(store, 303, "Q3", "2027-01-25", "2027-04-02");
        period(store, 304, "Q4", "2027-04-05", "2027-06-11");
    }

    private static void period(CanvasStore store, long id, String title, String start, String end) {
        Instant endInstant = Instant.parse(end + "T23:59:59Z");
        store.put(new GradingPeriod(id, title, Instant.parse(start + "T00:00:00Z"), endInstant, endInstant));
    }

    private static void people(CanvasStore store) {
        for (long id = 5001; id <= 5011; id++) {
            String sis = id == 5009 ? null : "STU-" + id;
            store.put(new CanvasUser(id, "Student " + id, sis, "student" + id + "@demo.k12.example"));
        }
        store.put(new CanvasUser(FRIZZLE, "Ms. Frizzle", "T-9001", "frizzle@demo.k12.example"));
        store.put(new CanvasUser(ESCALANTE, "Mr. Escalante", "T-9002", "escalante@demo.k12.example"));
    }

    private static void courses(CanvasStore store) {
        store.put(new Course(BIOLOGY, "Biology 1", "BIO1", "BIO1-2026", "available", ACCOUNT_ID));
        store.put(new Course(ALGEBRA, "Algebra I", "ALG1", "ALG1-2026", "available", ACCOUNT_ID));
        store.put(new Course(WORLD_HISTORY, "World History", "WH", "WH-2026", Course.CLAIMED, ACCOUNT_ID));
        store.put(new Section(1001, BIOLOGY, "Biology 1 - P1", "SEC-BIO1-P1"));
        store.put(new Section(1002, BIOLOGY, "Biology 1 - P2", "SEC-BIO1-P2"));
        store.put(new Section(1003, ALGEBRA, "Algebra I - P3", "SEC-ALG1-P3"));
        store.put(new Section(1004, ALGEBRA, "Algebra I - Study Hall", null));
        store.put(new Section(1005, WORLD_HISTORY, "World History - P4", "SEC-WH-P4"));
        long[] next = {FIRST_ENROLLMENT_ID};
        enroll(store, next, BIOLOGY, 1001, Enrollment.STUDENT, 5001, 5002, 5003);
        enroll(store, next, BIOLOGY, 1002, Enrollment.STUDENT, 5004, 5005, 5006);
        enroll(store, next, BIOLOGY, 1001, Enrollment.TEACHER, FRIZZLE);
        enroll(store, next, BIOLOGY, 1002, Enrollment.TEACHER, FRIZZLE);
        enroll(store, next, ALGEBRA, 1003, Enrollment.STUDENT, 5007, 5008, 5009, 5011);
        enroll(store, next, ALGEBRA, 1004, Enrollment.STUDENT, 5010);
        enroll(store, next, ALGEBRA, 1003, Enrollment.TEACHER, ESCALANTE);
        enroll(store, next, ALGEBRA, 1004, Enrollment.TEACHER, ESCALANTE);
        enroll(store, next, WORLD_HISTORY, 1005, Enrollment.STUDENT, 5001, 5004);
        enroll(store, next, WORLD_HISTORY, 1005, Enrollment.TEACHER, FRIZZLE);
    }

    private static void enroll(CanvasStore store, long[] nextId, long courseId, long sectionId, String type,
            long... userIds) {
        for (long userId : userIds) {
            store.put(new Enrollment(nextId[0]++, courseId, sectionId, userId, type));
        }
    }

    private static void assignmentGroups(CanvasStore store) {
        store.put(new AssignmentGroup(201, BIOLOGY, "Homework", 1, 0, null));
        store.put(new AssignmentGroup(202, BIOLOGY, "Quizzes", 2, 0, null));
        store.put(new AssignmentGroup(203, BIOLOGY, "Tests", 3, 0, null));
        store.put(new AssignmentGroup(204, BIOLOGY, "Labs", 4, 0, null));
        store.put(new AssignmentGroup(205, ALGEBRA, "Homework", 1, 0, null));
        store.put(new AssignmentGroup(206, ALGEBRA, "Tests", 2, 0, null));
        store.put(new AssignmentGroup(207, WORLD_HISTORY, "Assignments", 1, 0, null));
    }

    private static void assignments(CanvasStore store) {
        store.put(new Draft(401, BIOLOGY, "Cell Structure Quiz", 10.0, 202, "2026-11-20T23:59:00Z").build());
        store.put(new Draft(402, BIOLOGY, "Lab Report 1", 20.0, 204, null).overrides(List.of(
                AssignmentOverride.section(501, 402, 1001, "Biology 1 - P1", at("2026-11-18T23:59:00Z")),
                AssignmentOverride.section(502, 402, 1002, "Biology 1 - P2", at("2026-11-19T23:59:00Z"))))
                .build());
        store.put(new Draft(403, BIOLOGY, "Reading Log", 5.0, 201, "2026-11-21T23:59:00Z").postToSis(false)
                .build());
        store.put(new Draft(404, BIOLOGY, "Draft Essay", 10.0, 201, "2026-11-22T23:59:00Z").published(false)
                .build());
        store.put(new Draft(405, BIOLOGY, "Participation", null, 201, "2026-11-23T23:59:00Z")
                .gradingType(NewAssignment.NOT_GRADED).postToSis(false).build());
        store.put(new Draft(406, BIOLOGY, "Extra Practice", 10.0, 201, "2026-11-23T23:59:00Z").omit().build());
        store.put(new Draft(407, BIOLOGY, "Homework 3", 10.0, 201, null).build());
        store.put(new Draft(408, BIOLOGY, "Make-up Test", 50.0, 203, null).onlyVisibleToOverrides()
                .overrides(List.of(AssignmentOverride.students(503, 408, List.of(5002L),
                        at("2026-11-24T23:59:00Z"))))
                .build());
        store.put(new Draft(409, BIOLOGY, "Group Project", 30.0, 201, "2026-11-24T23:59:00Z")
                .overrides(List.of(AssignmentOverride.group(504, 409, 601, "Project Team A",
                        at("2026-11-26T23:59:00Z"))))
                .build());
        store.put(new Draft(410, BIOLOGY, "Enrichment Path", 10.0, 201, "2026-11-25T23:59:00Z")
                .overrides(List.of(AssignmentOverride.masteryPaths(505, 410))).build());
        store.put(new Draft(411, BIOLOGY, "Photosynthesis and Cellular Respiration Essay", 25.0, 201,
                "2026-11-25T23:59:00Z").build());
        store.put(new Draft(412, BIOLOGY, "Chapter Review", 10.0, 201, "2026-11-12T23:59:00Z").build());
        store.put(new Draft(413, BIOLOGY, "Chapter Review", 10.0, 201, "2026-11-13T23:59:00Z").build());
        store.put(new Draft(414, BIOLOGY, "Summer Packet", 10.0, 201, "2026-07-15T23:59:00Z").build());
        store.put(new Draft(415, BIOLOGY, "Hidden Quiz", 10.0, 202, "2026-11-26T23:59:00Z").postManually()
                .build());
        store.put(new Draft(416, BIOLOGY, "Bonus Points", 0.0, 201, "2026-11-26T23:59:00Z").build());
        store.put(new Draft(417, BIOLOGY, "Homework 4", 15.0, 201, "2026-11-25T23:59:00Z").build());
        store.put(new Draft(421, ALGEBRA, "Linear Equations Test", 50.0, 206, "2026-11-21T23:59:00Z").build());
        store.put(new Draft(422, ALGEBRA, "Homework 1", 10.0, 205, "2026-11-10T23:59:00Z").build());
        store.put(new Draft(431, WORLD_HISTORY, "Map Quiz", 10.0, 207, "2026-11-20T23:59:00Z").build());
    }

    private static void submissions(CanvasStore store) {
        long nextId = FIRST_SUBMISSION_ID;
        for (Course course : store.courses()) {
            for (Assignment a : store.assignments(course.id())) {
                for (long userId : store.studentIds(course.id())) {
                    store.put(Submission.unsubmitted(nextId++, course.id(), a.id(), userId, SEEDED_AT,
                            DueDates.effective(store, a, userId)));
                }
            }
        }
        List<Graded> graded = new ArrayList<>(List.of(
                new Graded(401, 5001, 9.5), Graded.excused(401, 5002), new Graded(401, 5003, 8.0).late(9.0, 1.0),
                new Graded(401, 5004, 0.0).missing(), new Graded(401, 5005, 10.0), new Graded(401, 5006, 7.0),
                new Graded(402, 5001, 18.0), new Graded(402, 5004, 15.0),
                new Graded(415, 5001, 6.0).hidden(), new Graded(415, 5002, 9.0).hidden(),
                new Graded(417, 5001, 12.0), new Graded(417, 5005, 14.0),
                new Graded(421, 5007, 45.0), new Graded(421, 5008, 38.0), new Graded(421, 5009, 40.0),
                new Graded(421, 5010, 50.0), new Graded(421, 5011, 44.0),
                new Graded(422, 5007, 9.0), new Graded(422, 5008, 10.0),
                new Graded(431, 5001, 8.0)));
        for (int n = 0; n < graded.size(); n++) {
            Graded g = graded.get(n);
            Submission blank = store.submission(g.assignmentId, g.userId).orElseThrow();
            Assignment a = store.assignment(blank.courseId(), g.assignmentId).orElseThrow();
            store.put(g.apply(blank, a, FIRST_GRADED_AT.plusSeconds(60L * n),
                    store.teacher(blank.courseId()).orElseThrow().id()));
        }
    }

    private static Instant at(String iso) {
        return iso == null ? null : Instant.parse(iso);
    }

    /** A seeded grade as the brief lists it. */
    private static final class Graded {
        /** How late the seeded late submission is: 10 hours, one started day. */
        private static final long LATE_SECONDS = 10 * 3600;

        private final long assignmentId;
        private final long userId;
        private final Double score;
        private Double enteredScore;
        private Double pointsDeducted;
        private boolean excused;
        private boolean late;
        private boolean missing;
        private boolean hidden;

        Graded(long assignmentId, long userId, Double score) {
            this.assignmentId = assignmentId;
            this.userId = userId;
            this.score = score;
            this.enteredScore = score;
        }

        static Graded excused(long assignmentId, long userId) {
            Graded g = new Graded(assignmentId, userId, null);
            g.excused = true;
            return g;
        }

        Graded late(double entered, double deducted) {
            late = true;
            enteredScore = entered;
            pointsDeducted = deducted;
            return this;
        }

        Graded missing() {
            missing = true;
            return this;
        }

        Graded hidden() {
            hidden = true;
            return this;
        }

        Submission apply(Submission s, Assignment a, Instant gradedAt, long graderId) {
            boolean submitted = !missing && !excused;
            Instant due = s.cachedDueDate();
            Instant submittedAt = null;
            if (submitted) {
                Instant reference = due != null ? due : gradedAt.minusSeconds(86_400);
                submittedAt = late ? reference.plusSeconds(LATE_SECONDS) : reference.minusSeconds(3600);
            }
            String status = late ? "late" : missing ? "missing" : null;
            return new Submission(s.id(), s.courseId(), s.assignmentId(), s.userId(), score,
                    GradeFormat.grade(score, a), enteredScore, excused, late, missing, status, pointsDeducted,
                    gradedAt, hidden ? null : gradedAt, submittedAt, Submission.GRADED, gradedAt,
                    submitted ? 1 : null, submitted ? HOMEWORK_SUBMISSION : null, graderId, due,
                    late ? LATE_SECONDS : null);
        }
    }

    /** A seeded assignment with the brief's defaults: published, post_to_sis, points, counted. */
    private static final class Draft {
        private final long id;
        private final long courseId;
        private final String name;
        private final Double points;
        private final long groupId;
        private final Instant dueAt;
        private String gradingType = "points";
        private boolean postToSis = true;
        private boolean published = true;
        private boolean omit;
        private boolean onlyVisibleToOverrides;
        private boolean postManually;
        private List<AssignmentOverride> overrides = List.of();

        Draft(long id, long courseId, String name, Double points, long groupId, String dueAt) {
            this.id = id;
            this.courseId = courseId;
            this.name = name;
            this.points = points;
            this.groupId = groupId;
            this.dueAt = at(dueAt);
        }

        Draft gradingType(String value) {
            gradingType = value;
            return this;
        }

        Draft postToSis(boolean value) {
            postToSis = value;
            return this;
        }

        Draft published(boolean value) {
            published = value;
            return this;
        }

        Draft omit() {
            omit = true;
            return this;
        }

        Draft onlyVisibleToOverrides() {
            onlyVisibleToOverrides = true;
            return this;
        }

        Draft postManually() {
            postManually = true;
            return this;
        }

        Draft overrides(List<AssignmentOverride> value) {
            overrides = value;
            return this;
        }

        Assignment build() {
            return new Assignment(id, courseId, name, points, gradingType, dueAt, postToSis, published,
                    Assignment.workflowStateFor(published), omit, onlyVisibleToOverrides, groupId, postManually,
                    SEEDED_AT, SEEDED_AT, overrides);
        }
    }
}
