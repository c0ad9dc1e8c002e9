package org.ccsync.eligibility.domain;

/** Why an item is not synced: a stable code for machines and a sentence for the admin who reads it. */
public enum SkipReason {

    COURSE_CONCLUDED("course_concluded",
            "The course is concluded in Canvas or its term has ended; its grades stay in Infinite Campus as last "
                    + "synced and no longer sync."),
    COURSE_NOT_FOUND("course_not_found",
            "Canvas answers \"not found\" for the whole course: it was deleted, or the district's Canvas address or "
                    + "token no longer reaches it. Nothing is deleted in Infinite Campus until a district admin "
                    + "releases the held deletes."),
    COURSE_NOT_ENABLED("course_not_enabled",
            "The course is not enabled for grade sync in this district."),
    DELETED("deleted",
            "The assignment was deleted in Canvas."),
    POST_TO_SIS_OFF("post_to_sis_off",
            "\"Sync to SIS\" is not checked on this assignment in Canvas."),
    NOT_PUBLISHED("not_published",
            "The assignment or its course is not published in Canvas."),
    NOT_GRADED("not_graded",
            "The assignment is not graded or is worth 0 points, so there is no score to send."),
    DOES_NOT_COUNT("does_not_count",
            "The assignment is set to \"Do not count this assignment towards the final grade\"."),
    DIFFERENTIATED_PER_STUDENT("differentiated_per_student",
            "The assignment has due dates for individual students, which Infinite Campus cannot represent."),
    DIFFERENTIATED_PER_GROUP("differentiated_per_group",
            "The assignment has due dates for student groups, which Infinite Campus cannot represent."),
    MASTERY_PATHS("mastery_paths",
            "The assignment is part of MasteryPaths, so it is not assigned to the whole class."),
    NAME_TOO_LONG("name_too_long",
            "The assignment name is longer than the district's limit for Infinite Campus; shorten it in Canvas."),
    DUPLICATE_NAME("duplicate_name",
            "Another assignment in this course has the same name; names must be unique to sync."),
    NO_DUE_DATE("no_due_date",
            "The assignment has no due date for a section it is assigned to; the district requires one."),
    NO_SECTION_SIS_ID("no_section_sis_id",
            "The Canvas section has no SIS id, so there is no Infinite Campus class to send it to."),
    OUTSIDE_TERM("outside_term",
            "The section's due date falls outside every grading period of the course."),
    SECTION_NOT_TARGETED("section_not_targeted",
            "The assignment no longer applies to this section."),
    NO_STUDENT_SIS_ID("no_student_sis_id",
            "The student has no SIS id in Canvas, so the score cannot be matched to an Infinite Campus student."),
    HIDDEN_GRADE("hidden_grade",
            "The grade is hidden from the student in Canvas and the district only syncs posted grades; it syncs as "
                    + "soon as the teacher posts it."),
    PENDING_REVIEW("pending_review",
            "Part of this score still waits for the teacher's review in Canvas (for example an essay question); it "
                    + "syncs once fully graded."),
    EXTRA_CREDIT_CAPPED("extra_credit_capped",
            "The Canvas score is above the points possible and the district caps extra credit, so Infinite Campus "
                    + "receives the points possible."),
    ENROLLMENT_INACTIVE("enrollment_inactive",
            "The student's enrollment in this section is inactive or concluded in Canvas; the scores already in "
                    + "Infinite Campus stay, and this change does not sync.");

    private final String code;
    private final String sentence;

    SkipReason(String code, String sentence) {
        this.code = code;
        this.sentence = sentence;
    }

    public String code() {
        return code;
    }

    public String sentence() {
        return sentence;
    }
}
