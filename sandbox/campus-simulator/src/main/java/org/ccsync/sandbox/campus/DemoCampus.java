package org.ccsync.sandbox.campus;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

/** The IC side of the demo district: school, term TERM-2026 and its grading periods, four classes, categories and enrollments. */
public final class DemoCampus {

    public static final String SCHOOL = "SCH-DEMO-HS";
    public static final String TERM = "TERM-2026";
    public static final String BIO1_P1 = "SEC-BIO1-P1";
    public static final String BIO1_P2 = "SEC-BIO1-P2";
    public static final String ALG1_P3 = "SEC-ALG1-P3";
    public static final String WH_P4 = "SEC-WH-P4";
    public static final List<String> CATEGORY_TITLES = List.of("Homework", "Quizzes", "Tests", "Projects");

    private DemoCampus() {
    }

    /** The sourcedId of a seeded category, e.g. {@code CAT-SEC-BIO1-P1-HOMEWORK}. */
    public static String categoryId(String classSourcedId, String title) {
        return "CAT-" + classSourcedId + "-" + title.toUpperCase(Locale.ROOT);
    }

    /**
     * Seeds the demo roster through the control API. Grading period end dates are excluded, as OneRoster 1.2 says: Q1
     * runs from Monday 17 August up to Saturday 31 October, so its last school day is Friday 30 October.
     */
    public static void seed(CampusControl control) {
        control.addGradingPeriod(TERM, "GP-Q1", "Q1", LocalDate.of(2026, 8, 17), LocalDate.of(2026, 10, 31));
        control.addGradingPeriod(TERM, "GP-Q2", "Q2", LocalDate.of(2026, 11, 2), LocalDate.of(2027, 1, 23));
        control.addGradingPeriod(TERM, "GP-Q3", "Q3", LocalDate.of(2027, 1, 25), LocalDate.of(2027, 4, 3));
        control.addGradingPeriod(TERM, "GP-Q4", "Q4", LocalDate.of(2027, 4, 5), LocalDate.of(2027, 6, 12));

        seedClass(control, BIO1_P1, "Biology 1 - P1", "STU-5001", "STU-5002", "STU-5003");
        seedClass(control, BIO1_P2, "Biology 1 - P2", "STU-5004", "STU-5005", "STU-5006");
        seedClass(control, ALG1_P3, "Algebra I - P3", "STU-5007", "STU-5008");
        seedClass(control, WH_P4, "World History - P4", "STU-5001", "STU-5004");
    }

    private static void seedClass(CampusControl control, String classId, String title, String... students) {
        control.addClass(classId, title, SCHOOL, TERM);
        for (String category : CATEGORY_TITLES) {
            control.addCategory(classId, categoryId(classId, category), category, 0.25);
        }
        for (String student : students) {
            control.enroll(classId, student);
        }
    }
}
